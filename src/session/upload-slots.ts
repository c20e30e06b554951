import type { IqCaller } from "@xmpp/iq/caller.js";
import { XmppminiError, toXmppminiError, type XmppminiErrorCode } from "../errors.js";
import { randomId } from "../random-id.js";
import type { UploadFile, UploadService, UploadSlot } from "../xmpp/http-upload.js";

/** What tabs tell each other about uploads: only the leader has a connection to ask for slots. */
export type UploadTabMessage =
  | { type: "upload-service"; service: UploadService | undefined }
  | { type: "slot-request"; requestId: string; file: UploadFile }
  | { type: "slot"; requestId: string; slot?: UploadSlot; error?: { code: XmppminiErrorCode; message: string } };

/** A follower waits this long for the leader's slot before saying so. */
const SLOT_TIMEOUT_MS = 30_000;

/**
 * The server's upload service (XEP-0363) for one account, in every tab: the leader finds it after
 * sign-in and asks it for slots; followers learn it from the leader and ask through it.
 */
export class UploadSlots {
  #service: UploadService | undefined;
  readonly #waiting = new Map<string, { resolve(slot: UploadSlot): void; reject(error: unknown): void }>();

  constructor(private readonly hooks: { changed(available: boolean): void; post(message: UploadTabMessage): void }) {}

  get available(): boolean {
    return this.#service !== undefined;
  }

  /**
   * Leader, once online: asks the server what it offers. A server without uploads just offers none.
   * `current()` says the connection is still the session's: once it is not, nothing more is asked or kept.
   */
  async discover(iqCaller: IqCaller, domain: string, current: () => boolean): Promise<void> {
    let service: UploadService | undefined;
    try {
      // Its code comes after sign-in, with the question: no part of opening a chat.
      const { findUploadService } = await import("../xmpp/http-upload.js");
      service = await findUploadService(iqCaller, domain, current);
    } catch {
      service = undefined;
    }
    if (!current()) return;
    this.#set(service);
    this.announce();
  }

  /** Leader: tells the other tabs what it knows (after discovery, and when a tab says hello). */
  announce(): void {
    this.hooks.post({ type: "upload-service", service: this.#service });
  }

  forget(): void {
    this.#set(undefined);
    for (const { reject } of this.#waiting.values())
      reject(new XmppminiError("not-connected", "Signed out before the upload could start."));
    this.#waiting.clear();
  }

  #set(service: UploadService | undefined): void {
    const changed = (service === undefined) !== (this.#service === undefined);
    this.#service = service;
    if (changed) this.hooks.changed(service !== undefined);
  }

  /** Where to PUT `file`: asked of the server by the leader (`iqCaller` given), else through the leader. */
  async slot(file: UploadFile, iqCaller: IqCaller | undefined): Promise<UploadSlot> {
    const service = this.#service;
    if (!service) throw new XmppminiError("upload-failed", "This server takes no file uploads.");
    const { checkUpload, requestSlot } = await import("../xmpp/upload-transfer.js");
    checkUpload(service, file);
    if (iqCaller) return requestSlot(iqCaller, service, file);
    const requestId = randomId();
    return new Promise<UploadSlot>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(requestId);
        reject(new XmppminiError("upload-failed", "The tab holding the connection did not answer; try again."));
      }, SLOT_TIMEOUT_MS);
      this.#waiting.set(requestId, {
        resolve: (slot) => (clearTimeout(timer), resolve(slot)),
        reject: (error) => (clearTimeout(timer), reject(error)),
      });
      this.hooks.post({ type: "slot-request", requestId, file });
    });
  }

  /** A message from another tab of this account. */
  fromTab(message: UploadTabMessage, iqCaller: IqCaller | undefined): void {
    switch (message.type) {
      case "upload-service":
        if (!iqCaller) this.#set(message.service);
        break;
      case "slot-request":
        if (!iqCaller) break;
        this.slot(message.file, iqCaller).then(
          (slot) => this.hooks.post({ type: "slot", requestId: message.requestId, slot }),
          (error: unknown) => {
            const { code, message: text } = toXmppminiError(error, "upload-failed", "The server gave no upload slot.");
            this.hooks.post({ type: "slot", requestId: message.requestId, error: { code, message: text } });
          },
        );
        break;
      case "slot": {
        const waiting = this.#waiting.get(message.requestId);
        if (!waiting) break;
        this.#waiting.delete(message.requestId);
        if (message.slot) waiting.resolve(message.slot);
        else
          waiting.reject(
            new XmppminiError(
              message.error?.code ?? "upload-failed",
              message.error?.message ?? "The server gave no upload slot.",
            ),
          );
        break;
      }
    }
  }
}
