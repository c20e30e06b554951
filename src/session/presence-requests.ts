import xml from "@xmpp/xml";
import type { XmppConnection } from "../xmpp/connection.js";
import type { Addressing } from "./addressing.js";
import type { TabRelay } from "./tab-relay.js";

/**
 * Asks to see a contact's presence (RFC 6121 §3.1: a subscription request), for a support desk whose
 * availability the page shows before the visitor writes. Once per connection: the desk's server answers
 * for it when we are subscribed already, and keeps the request for it otherwise (a desk account approves
 * it once, by hand or on its own; its presence then comes at every sign-in).
 */
export class PresenceRequests {
  readonly #asked = new Set<string>();
  /** In a tab that does not lead: when each desk was last handed on to the leader (which may have been offline). */
  readonly #handedOn = new Map<string, number>();

  constructor(
    private readonly hooks: {
      online(): { connection: XmppConnection; addressing: Addressing } | null;
      /** A room, or one of its occupants: no one to subscribe to. */
      isRoomAddress(jid: string): boolean;
      relay: TabRelay;
    },
  ) {}

  follow(peer: string): void {
    if (this.hooks.relay.leading) {
      void this.#ask(peer);
      return;
    }
    const now = Date.now();
    if (now - (this.#handedOn.get(peer) ?? -Infinity) < 60_000) return;
    this.#handedOn.set(peer, now);
    this.hooks.relay.command({ type: "follow-presence", peer }, () => void this.#ask(peer));
  }

  /** A new XMPP session: asked again (the answer may have come while we were away). */
  reset(): void {
    this.#asked.clear();
  }

  async #ask(peer: string): Promise<void> {
    const online = this.hooks.online();
    if (!online || this.#asked.has(peer) || peer.includes("/") || this.hooks.isRoomAddress(peer)) return;
    this.#asked.add(peer);
    try {
      const real = await online.addressing.toReal(peer);
      await online.connection.entity.send(xml("presence", { to: real, type: "subscribe" }));
    } catch {
      this.#asked.delete(peer); // asked again when the page next asks
    }
  }
}
