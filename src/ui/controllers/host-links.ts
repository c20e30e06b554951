import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { keyed } from "lit/directives/keyed.js";
import type { XmppminiError } from "../../errors.js";
import { DEFAULT_CHAT_PARAM, listenForChatLinks } from "../../links/chat-links.js";
import { frameUrl } from "../../links/frame-url.js";
import { HostFrame } from "../../links/host-frame.js";
import type { XmppUri } from "../../links/xmpp-uri.js";
import type { Strings } from "../i18n/catalog.js";

export interface HostLinksContext {
  /** `roster-url`, or "". */
  rosterUrl(): string;
  /** `chat-param`, or "" for the default. */
  chatParam(): string;
  /** Whose contacts the roster page shows: a new account loads it anew. */
  account(): string;
  /** A link asked for a conversation; `fromRoster`: the roster page's (which may name whom it links to). */
  follow(target: XmppUri, fromRoster?: boolean): void;
  failed(error: unknown): void;
}

/**
 * What the host page and its roster page tell the widget by links: the roster page in the Contacts view
 * (watched when same-origin, heard by `postMessage` when not; see HostFrame), and with `intercept-links`
 * the host page's own `xmpp:` links.
 */
export class HostLinks implements ReactiveController {
  readonly #roster: HostFrame;
  /** The roster frame stays once shown: the host's page keeps its state while a conversation is open. */
  #rosterShown = false;
  #watchingPage = false;
  /** `roster-url` as last checked, and why it may not be loaded, if it may not (see hostUpdate). */
  #checkedUrl = "";
  #refused: XmppminiError | undefined;
  #stopPageLinks: (() => void) | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly context: HostLinksContext,
  ) {
    host.addController(this);
    this.#roster = new HostFrame({
      url: () => context.rosterUrl(),
      chatParam: () => context.chatParam() || DEFAULT_CHAT_PARAM,
      follow: (target) => context.follow(target, true),
      failed: (error) => context.failed(error),
      frame: () => host.shadowRoot?.querySelector<HTMLIFrameElement>('iframe[part="roster"]') ?? null,
    });
  }

  hostConnected(): void {
    this.#roster.connect();
    this.#listenToPage();
  }

  hostDisconnected(): void {
    this.#roster.disconnect();
    this.#stopPageLinks?.();
    this.#stopPageLinks = undefined;
  }

  /**
   * Before each render: a new `roster-url` is checked once (http(s) only, frame-url.ts), and a refused
   * one is reported here, where setting the widget's error still shows in this render.
   */
  hostUpdate(): void {
    const url = this.context.rosterUrl();
    if (url === this.#checkedUrl) return;
    this.#checkedUrl = url;
    this.#refused = undefined;
    if (!url) return;
    try {
      frameUrl(url, "roster-url");
    } catch (error) {
      this.#refused = error as XmppminiError;
      this.context.failed(error);
    }
  }

  /** Whether the host page's own `xmpp:` links are listened to (`intercept-links`). */
  get watchingPage(): boolean {
    return this.#watchingPage;
  }

  /** `intercept-links`: listen to the host page's own `xmpp:` links (at once, not at the next render). */
  watchPage(enabled: boolean): void {
    this.#watchingPage = enabled;
    this.#listenToPage();
  }

  #listenToPage(): void {
    this.#stopPageLinks?.();
    this.#stopPageLinks = undefined;
    if (!this.#watchingPage || !this.host.isConnected) return;
    this.#stopPageLinks = listenForChatLinks(document, {
      follow: (target) => this.context.follow(target),
      failed: (error) => this.context.failed(error),
    });
  }

  /** The roster page's frame: created the first time it is shown, hidden (and kept) while it is not. */
  renderRoster(strings: Strings, shown: boolean): TemplateResult | typeof nothing {
    const url = this.context.rosterUrl();
    if (shown) this.#rosterShown = true;
    if (!url || !this.#rosterShown || url !== this.#checkedUrl) return nothing;
    // Said where the contacts would be, too: the banner gives way to the next status, this stays.
    if (this.#refused)
      return shown ? html`<p part="roster-error" role="alert">${strings.errorText(this.#refused)}</p>` : nothing;
    // A new account, a new frame: the host's page shows that person's contacts.
    return html`${keyed(
      this.context.account(),
      html`<iframe part="roster" class="roster" title=${strings.contacts} src=${url} ?hidden=${!shown} @load=${this.#roster.onLoad}></iframe>`,
    )}`;
  }
}
