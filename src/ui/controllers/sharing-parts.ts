import { html, nothing, type ReactiveControllerHost, type TemplateResult } from "lit";
import { XmppminiError } from "../../errors.js";
import { frameUrl } from "../../links/frame-url.js";
import type { FrameMessage, HostFrame, HostFrameOptions } from "../../links/host-frame.js";
import type { XmppUri } from "../../links/xmpp-uri.js";
import { safeFileUrl, type Attachment } from "../../xmpp/attachment.js";
import type { FileSharingContext } from "./file-sharing.js";
import type { Strings } from "../i18n/catalog.js";
import { Uploads } from "./uploads.js";

/**
 * What sharing a file takes once someone shares one (a chunk loaded on first use, see file-sharing.ts).
 * With `upload-url`, the host's upload page, which uploads by itself and reports the file by navigating to
 * `xmpp:<peer>?message;body=<url>` or by posting `xmppmini:uploaded`. Without it, the server's own upload
 * service (XEP-0363, see uploads.ts). Either way the link goes out with OOB data.
 */
/** How long the upload page has to say it takes a voice message (`xmppmini:ready`) before the widget gives up. */
export const CLIP_READY_TIMEOUT_MS = 15_000;

export class SharingParts {
  /** Whom the open upload page sends to. */
  #pagePeer: string | undefined;
  /** A voice message the open upload page is to store, until it has said where; `handed` once the page has it. */
  #clip:
    { readonly file: File; readonly duration: number; timer: ReturnType<typeof setTimeout>; handed?: true } | undefined;
  readonly #page: HostFrame;
  readonly #uploads: Uploads;

  constructor(
    host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly context: FileSharingContext,
    // Given by the widget, whose module has HostFrame anyway (the contact page): a chunk importing it
    // from there made the bundler split the widget's error class into a file of its own.
    frame: (options: HostFrameOptions) => HostFrame,
  ) {
    this.#page = frame({
      url: () => context.uploadUrl(),
      follow: (target) => this.#fromLink(target),
      messages: {
        "xmppmini:uploaded": (message) => this.#fromMessage(message),
        "xmppmini:ready": () => this.#handClip(),
      },
      failed: (error) => context.failed(error),
      frame: () => host.renderRoot.querySelector<HTMLIFrameElement>('iframe[part="upload"]'),
    });
    this.#uploads = new Uploads(host, {
      slot: (file) => context.slot(file),
      send: (peer, url, attachment) => this.#share(peer, url, attachment),
      failed: (error) => context.failed(error),
    });
  }

  connect(): void {
    this.#page.connect();
  }

  disconnect(): void {
    this.#page.disconnect();
  }

  get pagePeer(): string | undefined {
    return this.#pagePeer;
  }

  openPage(peer = this.context.activePeer()): void {
    if (!peer) return;
    try {
      this.#pageUrl(peer);
    } catch (error) {
      this.context.failed(error);
      return;
    }
    this.#pagePeer = peer;
    this.context.showPage(true);
  }

  closePage(): void {
    this.#pagePeer = undefined;
    this.#dropClip();
    this.context.showPage(false);
  }

  /**
   * A recorded voice message for `peer`: through the server's service, or handed to the host's upload page.
   * The page is opened with `clip=1`; once it posts `{type: "xmppmini:ready"}` it receives
   * `{type: "xmppmini:clip", file, name, mime, duration}` (the File itself, to its own origin only), and
   * reports the stored clip with `xmppmini:uploaded` as for any file.
   */
  shareClip(peer: string, file: File, duration: number): void {
    if (!this.context.uploadUrl()) {
      this.#uploads.start(peer, [file], duration);
      return;
    }
    this.#dropClip();
    const timer = setTimeout(() => {
      if (this.#clip?.file !== file) return;
      this.closePage();
      this.context.failed(
        new XmppminiError(
          "upload-failed",
          "The upload page did not take the voice message (it never said it was ready); nothing was sent.",
        ),
      );
    }, CLIP_READY_TIMEOUT_MS);
    this.#clip = { file, duration, timer };
    this.openPage(peer);
  }

  /** The page said it is ready: it gets the clip, once. */
  #handClip(): void {
    const clip = this.#clip;
    // A page that says it is ready again (twice, or reloaded) does not get the clip again: it would store it twice.
    if (!clip || clip.handed || this.#pagePeer === undefined) return;
    clearTimeout(clip.timer);
    clip.handed = true;
    this.#page.post({
      type: "xmppmini:clip",
      file: clip.file,
      name: clip.file.name,
      mime: clip.file.type,
      duration: clip.duration,
    });
  }

  #dropClip(): void {
    if (this.#clip) clearTimeout(this.#clip.timer);
    this.#clip = undefined;
  }

  /** Uploads each file through the server's service and sends its link to `peer`. */
  upload(peer: string, files: File[]): void {
    this.#uploads.start(peer, files);
  }

  /** The upload page's URL, saying whom the file is for and from; throws `invalid-config` for no http(s) page. */
  #pageUrl(peer: string): string {
    const url = frameUrl(this.context.uploadUrl(), "upload-url");
    url.searchParams.set("peer", peer);
    url.searchParams.set("jid", this.context.account());
    if (this.#clip) url.searchParams.set("clip", "1");
    return url.href;
  }

  /**
   * The upload page navigated to `xmpp:<peer>?message;body=<url>`: the file goes to the peer the page was
   * opened for, and only as an http(s) URL. The page names a peer in its link, but it may not choose one:
   * a page that is wrong (or made to be) would otherwise send to whomever it likes, in our name.
   */
  #fromLink(target: XmppUri): void {
    const body = target.params.get("body");
    if (!body) {
      this.context.follow(target);
      return;
    }
    const peer = this.#pagePeer;
    const url = safeFileUrl(body);
    if (target.jid !== peer || !url) {
      // The page is done (it said where the file is): closed, and the refusal said.
      this.closePage();
      this.context.failed(
        target.jid !== peer
          ? new XmppminiError(
              "upload-failed",
              `The upload page asked to send the file to ${target.jid}, but it was opened for ${peer ?? "nobody"}; nothing was sent.`,
            )
          : new XmppminiError(
              "invalid-message",
              "The upload page reported no http(s) URL for the file; nothing was sent.",
            ),
      );
      return;
    }
    const duration = this.#clip?.duration;
    void this.#share(peer, url, { url, ...(duration !== undefined && { duration: Math.round(duration) }) });
  }

  /** `{type: "xmppmini:uploaded", url, name, size, mime}` from the upload page's origin. */
  #fromMessage(message: FrameMessage): void {
    const url = safeFileUrl(typeof message.url === "string" ? message.url : undefined);
    const peer = this.#pagePeer;
    if (!url || !peer) {
      this.context.failed(
        new XmppminiError("invalid-message", "The upload page reported no http(s) URL for the file; nothing was sent."),
      );
      return;
    }
    const text = (value: unknown) =>
      typeof value === "string" && value.trim() ? value.trim().slice(0, 255) : undefined;
    const size =
      typeof message.size === "number" && Number.isSafeInteger(message.size) && message.size >= 0
        ? message.size
        : undefined;
    const name = text(message.name);
    const mime = text(message.mime)?.toLowerCase();
    // A voice message's length is ours to say: the page stored the clip we recorded.
    const duration = this.#clip?.duration;
    void this.#share(peer, url, {
      url,
      ...(name && { name }),
      ...(size !== undefined && { size }),
      ...(mime && { mime }),
      ...(duration !== undefined && { duration: Math.round(duration) }),
    });
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
    let src: string;
    try {
      src = this.#pageUrl(peer);
    } catch (error) {
      // upload-url became a refused page while open: closed and said after this render, not during it.
      queueMicrotask(() => {
        this.closePage();
        this.context.failed(error);
      });
      return nothing;
    }
    return html`<div class="upload-bar" part="upload-bar">
        <span>${strings.sendFileTo(peer)}</span>
        <button type="button" @click=${() => this.closePage()}>${strings.cancel}</button>
      </div>
      <iframe part="upload" class="host-page" title=${strings.sendFileTo(peer)} src=${src} @load=${this.#page.onLoad}></iframe>`;
  }

  /** The uploads under way. */
  renderUploads(strings: Strings): TemplateResult | typeof nothing {
    return this.#uploads.render(strings);
  }
}
