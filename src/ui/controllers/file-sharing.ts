import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { HostFrame } from "../../links/host-frame.js";
import type { XmppUri } from "../../links/xmpp-uri.js";
import type { Attachment } from "../../xmpp/attachment.js";
import type { UploadFile, UploadSlot } from "../../xmpp/http-upload.js";
import type { Strings } from "../i18n/catalog.js";
import type { SharingParts } from "./sharing-parts.js";

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

type Host = ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Sharing files, two ways: the host's upload page (`upload-url`), or, where the server offers XEP-0363,
 * files picked, dropped or pasted and uploaded by the widget. Most visitors never share a file, so what
 * does the sharing (sharing-parts.ts) is a chunk loaded on first use. Here is only what must answer at
 * once: the attach button, the hidden picker (its click must stay inside the person's gesture), and the
 * drop and paste handlers (which claim the event before it ends).
 */
export class FileSharing implements ReactiveController {
  #parts: SharingParts | undefined;
  #loading: Promise<SharingParts> | undefined;
  #connected = false;

  constructor(
    private readonly host: Host,
    private readonly context: FileSharingContext,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#parts?.connect();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#parts?.disconnect();
  }

  #load(): Promise<SharingParts> {
    this.#loading ??= import("./sharing-parts.js").then(
      ({ SharingParts }) => {
        const parts = new SharingParts(this.host, this.context, (options) => new HostFrame(options));
        if (this.#connected) parts.connect();
        this.#parts = parts;
        this.host.requestUpdate();
        return parts;
      },
      (error: unknown) => {
        this.#loading = undefined; // the next share tries to load it again
        throw error;
      },
    );
    return this.#loading;
  }

  #withParts(action: (parts: SharingParts) => void): void {
    this.#load().then(action, (error: unknown) => this.context.failed(error));
  }

  /** Whom the upload page is open for; undefined when it is not. */
  get pagePeer(): string | undefined {
    return this.#parts?.pagePeer;
  }

  /** What the attach button does here, or undefined when files cannot be shared. */
  get attach(): (() => void) | undefined {
    if (this.context.uploadUrl()) return () => this.#withParts((parts) => parts.openPage());
    if (this.context.canUpload())
      return () => this.host.renderRoot.querySelector<HTMLInputElement>('input[type="file"]')?.click();
    return undefined;
  }

  closePage(): void {
    this.#parts?.closePage();
  }

  /** Whether dropped or pasted files are taken (through the server's service, into the shown conversation). */
  get #takesFiles(): boolean {
    return (
      !this.context.uploadUrl() &&
      this.context.canUpload() &&
      this.context.signedIn() &&
      this.context.activePeer() !== undefined
    );
  }

  #upload(peer: string, files: File[]): void {
    this.#withParts((parts) => parts.upload(peer, files));
  }

  /** A recorded voice message (`duration` ms) for `peer`: to the host's upload page, else the server's service. */
  shareClip(peer: string, clip: File, duration: number): void {
    this.#withParts((parts) => parts.shareClip(peer, clip, duration));
  }

  /** Bind to the panel's `paste` and `drop`. */
  readonly take = (event: DragEvent | ClipboardEvent): void => {
    if (event.type === "drop") (event.currentTarget as HTMLElement | null)?.classList.remove("dropping");
    const transfer = event instanceof DragEvent ? event.dataTransfer : event.clipboardData;
    const files = transfer ? [...transfer.files] : []; // none for plain text
    const peer = this.context.activePeer();
    if (files.length === 0 || !peer || !this.#takesFiles) return;
    event.preventDefault();
    this.#upload(peer, files);
  };

  /** Bind to the panel's `dragover`: it says files are welcome, and shows where they go. */
  readonly dragOver = (event: DragEvent): void => {
    if (!event.dataTransfer?.types.includes("Files") || !this.#takesFiles) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    (event.currentTarget as HTMLElement).classList.add("dropping");
  };

  readonly dragLeave = (event: DragEvent): void => (event.currentTarget as HTMLElement).classList.remove("dropping");

  readonly #onPicked = (event: Event): void => {
    const input = event.currentTarget as HTMLInputElement;
    const peer = input.dataset.peer;
    const files = [...(input.files ?? [])];
    input.value = ""; // the same file can be picked again
    if (peer && files.length > 0) this.#upload(peer, files);
  };

  /** The upload page (while open), with a bar saying for whom and a Cancel button. */
  renderPage(strings: Strings): TemplateResult | typeof nothing {
    return this.#parts?.renderPage(strings) ?? nothing;
  }

  /** The hidden file picker (for the shown conversation) and the uploads under way. */
  renderUploads(strings: Strings): TemplateResult {
    return html`<input type="file" multiple hidden data-peer=${this.context.activePeer() ?? ""} @change=${this.#onPicked} />
      ${this.#parts?.renderUploads(strings) ?? nothing}`;
  }
}
