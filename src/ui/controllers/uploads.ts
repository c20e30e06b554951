import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { UploadSlot, UploadFile } from "../../xmpp/http-upload.js";
import type { Attachment } from "../../xmpp/attachment.js";
import type { Strings } from "../i18n/catalog.js";

export interface UploadsContext {
  /** The upload slot for a file (XEP-0363), from the server. */
  slot(file: UploadFile): Promise<UploadSlot>;
  /** The file is on the server: send its URL to `peer`. */
  send(peer: string, url: string, attachment: Attachment): Promise<unknown>;
  failed(error: unknown): void;
}

interface Upload {
  readonly id: number;
  readonly name: string;
  fraction: number;
  readonly abort: AbortController;
}

/**
 * Files shared through the server's own upload service (XEP-0363), when the host gave no upload page:
 * picked with the attach button, dropped on the chat, or pasted into the composer (file-sharing.ts takes
 * them). Each shows its progress with a Cancel button until its link is sent.
 */
export class Uploads implements ReactiveController {
  readonly #active: Upload[] = [];
  #next = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: UploadsContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const upload of this.#active) upload.abort.abort();
  }

  /** Uploads each file and sends its link to `peer`, in the order given; `duration`: a recording's length. */
  start(peer: string, files: Iterable<File>, duration?: number): void {
    for (const file of files) void this.#upload(peer, file, duration);
  }

  async #upload(peer: string, file: File, duration: number | undefined): Promise<void> {
    const upload: Upload = {
      id: (this.#next += 1),
      name: file.name || "file",
      fraction: 0,
      abort: new AbortController(),
    };
    this.#active.push(upload);
    this.host.requestUpdate();
    try {
      const described = { name: upload.name, size: file.size, type: file.type };
      const slot = await this.context.slot(described);
      if (upload.abort.signal.aborted) return;
      const { putFile } = await import("../../xmpp/upload-transfer.js");
      await putFile(
        slot,
        file,
        (fraction) => {
          upload.fraction = fraction;
          this.host.requestUpdate();
        },
        upload.abort.signal,
      );
      await this.context.send(peer, slot.getUrl, {
        url: slot.getUrl,
        name: upload.name,
        size: file.size,
        ...(file.type && { mime: file.type }),
        ...(duration !== undefined && { duration }),
      });
    } catch (error) {
      // Cancelled by the person: nothing to report.
      if (!(error instanceof DOMException && error.name === "AbortError")) this.context.failed(error);
    } finally {
      this.#active.splice(this.#active.indexOf(upload), 1);
      this.host.requestUpdate();
    }
  }

  /** A bar per upload under way. */
  render(strings: Strings): TemplateResult | typeof nothing {
    return this.#active.length === 0
      ? nothing
      : html`<ul class="uploads" part="uploads">
            ${repeat(
              this.#active,
              (upload) => upload.id,
              (upload) => html`<li>
                <span class="upload-name">${strings.uploading(upload.name)}</span>
                <progress part="upload-progress" max="1" .value=${upload.fraction} aria-label=${strings.uploading(upload.name)}></progress>
                <button type="button" part="upload-cancel" @click=${() => upload.abort.abort()}>${strings.cancel}</button>
              </li>`,
            )}
          </ul>`;
  }
}
