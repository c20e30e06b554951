import type { ChatState } from "../xmpp/chat-states.js";
import type { PresenceUpdate } from "../xmpp/presence.js";
import { PresenceBook, type PeerPresence } from "./presence-book.js";
import type { Profile } from "./profiles.js";

/** What the widget learns about a contact: its presence, or its chat state (typing or not). */
export interface PeerNews {
  readonly presence?: PeerPresence;
  readonly chatState?: ChatState;
  /** Who it is: its name and picture (vCard, avatar, what the host page called it). */
  readonly profile?: Profile;
}

/**
 * What we know of the people we chat with, by public bare JID: their presence (RFC 6121), their chat
 * states (XEP-0085), and ours as they last heard it. Our standalone chat states go only to a peer whose
 * client has sent chat states itself (XEP-0085 §5.1: the others would store or show them as noise).
 */
export class PeerWatch {
  readonly #presence = new PresenceBook();
  readonly #speaksChatStates = new Set<string>();
  readonly #lastSent = new Map<string, ChatState>();

  constructor(
    private readonly hooks: {
      news(peer: string, news: PeerNews): void;
      /** The presence named the contact's photo (XEP-0153). */
      photo?(peer: string, hash: string): void;
    },
  ) {}

  /** A presence update, already addressed by the contact's public JID. */
  presence(peer: string, update: PresenceUpdate): void {
    const changed = this.#presence.update({ ...update, from: peer });
    if (changed) this.hooks.news(peer, { presence: changed });
    if (update.photo !== undefined) this.hooks.photo?.(peer, update.photo);
  }

  chatState(peer: string, state: ChatState): void {
    this.#speaksChatStates.add(peer);
    this.hooks.news(peer, { chatState: state });
  }

  /**
   * Whether our chat state `state` is news for `peer` worth a standalone notification; records it as
   * sent when it is.
   */
  shouldSend(peer: string, state: ChatState): boolean {
    if (!this.#speaksChatStates.has(peer) || (this.#lastSent.get(peer) ?? "active") === state) return false;
    this.#lastSent.set(peer, state);
    return true;
  }

  /** A message went to `peer`: it carries `active` (XEP-0085 §5.4). */
  messageSent(peer: string): void {
    this.#lastSent.set(peer, "active");
  }

  /** Everyone's presence as known now, for a tab that just opened. */
  known(): Array<[string, PeerPresence]> {
    return this.#presence.peers().map((peer) => [peer, this.#presence.of(peer)]);
  }

  /**
   * A new XMPP session: presence and chat states of the old one are stale (subscribed contacts send theirs
   * again); those thought online are reported offline and typing stops.
   */
  reset(): void {
    for (const peer of this.#presence.clear()) this.hooks.news(peer, { presence: { availability: "offline" } });
    for (const peer of this.#speaksChatStates) this.hooks.news(peer, { chatState: "active" });
    this.#lastSent.clear();
  }
}
