import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { PeerNews } from "../../session/peer-watch.js";
import type { PeerPresence } from "../../session/presence-book.js";
import type { Strings } from "../i18n/catalog.js";

/**
 * A "typing" that is never followed by anything (the peer's page closed mid-sentence) stops showing after
 * this long; XEP-0085 §5.3 has clients send `paused` well before it.
 */
export const TYPING_SHOWN_MS = 30_000;

/** What the conversation shows of its peer: presence in the header, "typing…" under the messages. */
export class PeerStatus implements ReactiveController {
  readonly #presence = new Map<string, PeerPresence>();
  readonly #typing = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    for (const timer of this.#typing.values()) clearTimeout(timer);
    this.#typing.clear();
  }

  learn(peer: string, news: PeerNews): void {
    if (news.presence) this.#presence.set(peer, news.presence);
    if (news.chatState === "composing") {
      clearTimeout(this.#typing.get(peer));
      this.#typing.set(
        peer,
        setTimeout(() => this.learn(peer, { chatState: "paused" }), TYPING_SHOWN_MS),
      );
    } else if (news.chatState || news.presence?.availability === "offline") {
      clearTimeout(this.#typing.get(peer));
      this.#typing.delete(peer);
    }
    this.host.requestUpdate();
  }

  /** A message from `peer` ends its typing, whether or not its client says so. */
  messageFrom(peer: string): void {
    if (this.#typing.has(peer)) this.learn(peer, { chatState: "active" });
  }

  /** The presence `peer` last sent (directly or by a subscription), if it sent any. */
  presenceOf(peer: string): PeerPresence | undefined {
    return this.#presence.get(peer);
  }

  renderPresence(strings: Strings, peer: string): TemplateResult | typeof nothing {
    const presence = this.#presence.get(peer);
    if (!presence) return nothing;
    const label = strings.availability[presence.availability];
    return html`<span part="presence" class="presence" data-availability=${presence.availability} title=${presence.status ?? label}
      >${label}${presence.status ? html` · <span class="presence-status">${presence.status}</span>` : nothing}</span
    >`;
  }

  renderTyping(strings: Strings, peer: string): TemplateResult | typeof nothing {
    if (!this.#typing.has(peer)) return nothing;
    return html`<p part="typing" class="typing" role="status">${strings.typing(peer.split("@")[0] ?? peer)}</p>`;
  }
}
