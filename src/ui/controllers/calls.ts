import { html, nothing, type ReactiveController, type TemplateResult } from "lit";
import type { ShownMessage } from "../../session/conversations.js";
import type { OutgoingExtras } from "../../session/outgoing.js";
import type { CallAnswerKind } from "../../xmpp/call-invites.js";
import { addStyles } from "../styles/add-styles.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import { renderBody } from "../format/render.js";
import type { Strings } from "../i18n/catalog.js";

type CallCode = typeof import("../calls/call-card.js");

/** What calls need from the widget around it. */
export interface CallsContext {
  /** The one-to-one conversation shown (not a room), where the call button calls. */
  callablePeer(): string | undefined;
  locale(): string;
  send(peer: string, body: string, extras: OutgoingExtras): Promise<unknown>;
  failed(error: unknown): void;
}

/**
 * Calls through the host's call page (`call-url`, XEP-0482 Call Invites): the header's call button, and
 * invitations shown as cards. The cards' code, words and styles are a chunk, loaded when a page sets
 * `call-url` or a conversation shows an invitation; until it is here an invitation shows its text.
 */
export class Calls implements ReactiveController {
  #code: CallCode | undefined;
  #loading = false;
  /** The `call-url` at a failed load: tried again only when it changes (each render would try again, for ever). */
  #failedWith: string | undefined;
  /** The next moment a ringing invitation turns into a missed call, and the timer that shows it. */
  #nextChange = Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: XmppminiChatElement,
    private readonly context: CallsContext,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.callUrl) this.#load();
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#nextChange = Infinity;
  }

  #load(): void {
    if (this.#code || this.#loading || this.#failedWith === this.host.callUrl) return;
    this.#loading = true;
    import("../calls/call-card.js").then(
      (code) => {
        addStyles(this.host, code.callStyles);
        this.#code = code;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        this.#loading = false;
        this.#failedWith = this.host.callUrl;
        this.context.failed(error);
      },
    );
  }

  /** The header's call button: with `call-url`, in a one-to-one conversation. */
  renderButton(canSend: boolean): TemplateResult | typeof nothing {
    const code = this.#code;
    if (!this.host.callUrl || !code || !this.context.callablePeer()) return nothing;
    const strings = code.callStringsFor(this.context.locale());
    return html`<button part="call" class="call" aria-label=${strings.startCall} title=${strings.startCall} ?disabled=${!canSend}
      @click=${this.#start}>${strings.call}</button>`;
  }

  /** Opens a new call page (in the click, so no popup blocker stops it) and invites the peer to it. */
  readonly #start = (): void => {
    const code = this.#code;
    const peer = this.context.callablePeer();
    if (!code || !peer) return;
    let uri: string;
    try {
      uri = code.newCallPage(this.host.callUrl);
    } catch (error) {
      this.context.failed(error);
      return;
    }
    window.open(uri, "_blank", "noopener,noreferrer");
    const strings = code.callStringsFor(this.context.locale());
    this.context
      .send(peer, strings.inviteBody(uri), { call: { uri } })
      .catch((error: unknown) => this.context.failed(error));
  };

  #answer(invite: ShownMessage, kind: CallAnswerKind): void {
    const uri = kind === "accept" ? invite.call?.uri : undefined;
    this.context
      .send(invite.peer, "", { callAnswer: { kind, invite: invite.id, ...(uri && { uri }) } })
      .catch((error: unknown) => this.context.failed(error));
  }

  /** An invitation's card; its text until the card's code is here. */
  renderCard(strings: Strings, invite: ShownMessage): TemplateResult {
    const code = this.#code;
    if (!code) {
      this.#load();
      return renderBody(invite.body || invite.call!.uri, strings.showAll);
    }
    const now = Date.now();
    if (code.callState(invite, now) === "ringing") this.#showChangeAt(invite.timestamp + code.RING_MS);
    return code.renderCallCard(code.callStringsFor(this.context.locale()), invite, now, {
      join: (message) => this.#answer(message, "accept"),
      decline: (message) => this.#answer(message, "reject"),
      cancel: (message) => this.#answer(message, "retract"),
    });
  }

  /** Renders again at `at`, when a ringing invitation becomes a missed call. */
  #showChangeAt(at: number): void {
    if (at >= this.#nextChange) return;
    clearTimeout(this.#timer);
    this.#nextChange = at;
    this.#timer = setTimeout(
      () => {
        this.#nextChange = Infinity;
        this.host.requestUpdate();
      },
      Math.max(0, at - Date.now()) + 50,
    );
  }
}
