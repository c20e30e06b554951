import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { XmppminiError } from "../errors.js";
import { HostFrame, type FrameMessage } from "../links/host-frame.js";
import type { XmppUri } from "../links/xmpp-uri.js";
import { safeFileUrl, type Attachment } from "../xmpp/attachment.js";
import type { UploadFile, UploadSlot } from "../xmpp/http-upload.js";
import type { Strings } from "./i18n/catalog.js";
import { Uploads } from "./uploads.js";

/** What file sharing needs from the widget around it. */
export interface FileSharingContext {
  /** The conversation shown: where files go. */
  activePeer(): string | undefined;
  /** Our own address, for the upload page. */
  account(): string;
  /** The host's upload page (`upload-url`), or "". */
  uploadUrl(): string;
  /** The server takes uploads (XEP-0363), and whether we are signed in at all. */
  canUpload(): boolean;
  signedIn(): boolean;
  slot(file: UploadFile): Promise<UploadSlot>;
  /** Sends `body` (a file's URL) to `peer`, with the file's details. */
  send(peer: string, body: string, attachment: Attachment | undefined): Promise<unknown>;
  /** The upload page followed a link that shares nothing (just "chat with"). */
  follow(target: XmppUri): void;
  /** The upload page is to be shown (true) or is done (false). */
  showPage(shown: boolean): void;
  failed(error: unknown): void;
}

/**
 * Sharing files, two ways. With `upload-url`, the attach button opens the host's upload page, which
 * uploads by itself and reports the file by navigating to `xmpp:<peer>?message;body=<url>` or by posting
 * `xmppmini:uploaded`. Without it, where the server offers XEP-0363, files are picked, dropped or pasted
 * and uploaded by the widget (see uploads.ts). Either way the link goes out with OOB data.
 */
export class FileSharing implements ReactiveController {
  /** Whom the open upload page sends to. */
  #pagePeer: string | undefined;
  readonly #page: HostFrame;
  readonly #uploads: Uploads;

  constructor(
    host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly context: FileSharingContext,
  ) {
    host.addController(this);
    this.#page = new HostFrame({
      url: () => context.uploadUrl(),
      follow: (target) => this.#fromLink(target),
      messages: { "xmppmini:uploaded": (message) => this.#fromMessage(message) },
      failed: (error) => context.failed(error),
    });
    this.#uploads = new Uploads(host, {
      slot: (file) => context.slot(file),
      send: (peer, url, attachment) => this.#share(peer, url, attachment),
      failed: (error) => context.failed(error),
    });
  }

  hostConnected(): void {
    this.#page.connect();
  }

  hostDisconnected(): void {
    this.#page.disconnect();
  }

  /** Whom the upload page is open for; undefined when it is not. */
  get pagePeer(): string | undefined {
    return this.#pagePeer;
  }

  /** What the attach button does here, or undefined when files cannot be shared. */
  get attach(): (() => void) | undefined {
    if (this.context.uploadUrl()) return () => this.#openPage();
    if (this.context.canUpload()) return () => this.#uploads.pick();
    return undefined;
  }

  #openPage(): void {
    this.#pagePeer = this.context.activePeer();
    if (this.#pagePeer) this.context.showPage(true);
  }

  closePage(): void {
    this.#pagePeer = undefined;
    this.context.showPage(false);
  }

  /** Whether dropped or pasted files are taken (through the server's service, into the shown conversation). */
  get #takesFiles(): boolean {
    return !this.context.uploadUrl() && this.context.canUpload() && this.context.signedIn() && this.context.activePeer() !== undefined;
  }

  /** Bind to the panel's `paste` and `drop`. */
  readonly take = (event: DragEvent | ClipboardEvent): void => {
    if (event.type === "drop") (event.currentTarget as HTMLElement | null)?.classList.remove("dropping");
    const files = Uploads.filesOf(event instanceof DragEvent ? event.dataTransfer : event.clipboardData);
    const peer = this.context.activePeer();
    if (files.length === 0 || !peer || !this.#takesFiles) return;
    event.preventDefault();
    this.#uploads.start(peer, files);
  };

  /** Bind to the panel's `dragover`: it says files are welcome, and shows where they go. */
  readonly dragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes("Files") || !this.#takesFiles) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    (event.currentTarget as HTMLElement).classList.add("dropping");
  };

  readonly dragLeave = (event: DragEvent): void => (event.currentTarget as HTMLElement).classList.remove("dropping");

  /** The upload page's URL, saying whom the file is for and from. */
  get #pageUrl(): string {
    try {
      const url = new URL(this.context.uploadUrl(), document.baseURI);
      url.searchParams.set("peer", this.#pagePeer ?? "");
      url.searchParams.set("jid", this.context.account());
      return url.href;
    } catch {
      return this.context.uploadUrl();
    }
  }

  /** The upload page navigated to `xmpp:<peer>?message;body=<url>`: that file goes to that peer. */
  #fromLink(target: XmppUri): void {
    const body = target.params.get("body");
    if (!body) {
      this.context.follow(target);
      return;
    }
    const url = safeFileUrl(body);
    void this.#share(target.jid, body, url ? { url } : undefined);
  }

  /** `{type: "xmppmini:uploaded", url, name, size, mime}` from the upload page's origin. */
  #fromMessage(message: FrameMessage): void {
    const url = safeFileUrl(typeof message.url === "string" ? message.url : undefined);
    const peer = this.#pagePeer;
    if (!url || !peer) {
      this.context.failed(new XmppminiError("invalid-message", "The upload page reported no http(s) URL for the file; nothing was sent."));
      return;
    }
    const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim().slice(0, 255) : undefined);
    const size = typeof message.size === "number" && Number.isSafeInteger(message.size) && message.size >= 0 ? message.size : undefined;
    const name = text(message.name);
    const mime = text(message.mime)?.toLowerCase();
    void this.#share(peer, url, { url, ...(name && { name }), ...(size !== undefined && { size }), ...(mime && { mime }) });
  }

  async #share(peer: string, body: string, attachment: Attachment | undefined): Promise<void> {
    if (this.#pagePeer !== undefined) this.closePage();
    try {
      await this.context.send(peer, body, attachment);
    } catch (error) {
      this.context.failed(error);
    }
  }

  /** The upload page (while open), with a bar saying for whom and a Cancel button. */
  renderPage(strings: Strings): TemplateResult | typeof nothing {
    const peer = this.#pagePeer;
    if (peer === undefined || !this.context.uploadUrl()) return nothing;
    return html`<div class="upload-bar" part="upload-bar">
        <span>${strings.sendFileTo(peer)}</span>
        <button type="button" @click=${() => this.closePage()}>${strings.cancel}</button>
      </div>
      <iframe part="upload" class="host-page" title=${strings.sendFileTo(peer)} src=${this.#pageUrl} @load=${this.#page.onLoad}></iframe>`;
  }

  /** The hidden file picker and the uploads under way. */
  renderUploads(strings: Strings): TemplateResult {
    return this.#uploads.render(strings, this.context.activePeer());
  }
}
