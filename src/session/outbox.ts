import { XmppminiError, toXmppminiError } from "../errors.js";
import type { MessageStore } from "../store/message-store.js";
import { bareOf, normalJid, type ChatMessage, type DeliveryState, type MessageError } from "../xmpp/chat-message.js";

// States only move forward; `failed` is off to the side and left only by a retry.
const RANK: Record<DeliveryState, number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: -1 };

interface Entry {
  message: ChatMessage;
  /** Settles when the message is in storage: nothing goes on the wire before it is kept. */
  saved: Promise<void>;
  /** The address it was last put on the wire to (a peer's real JID may differ from its public one). */
  sentTo?: string;
}

/** Who we are on our server: a bounce from there is believed (see Outbox.bounce). */
export interface OwnAddress {
  /** Our real bare JID. */
  readonly bare: string;
  /** Our server's domain. */
  readonly domain: string;
}

export interface OutboxHooks {
  /** A message's state changed. */
  changed(message: ChatMessage): void;
  /** Storage failed; the message stays in memory. */
  storageFailed(error: unknown): void;
}

/** Puts a message on the wire; resolves with the address it went to (see Outbox.bounce). */
export type Transmit = (message: ChatMessage) => Promise<string | void>;

/** A bounce's condition and text, for people (both capped where they are read, see parseMessageError). */
export function bounceReason(error: MessageError): string {
  return error.text ? `${error.condition}: ${error.text}` : error.condition;
}

/**
 * Our own messages until their fate is known: kept before they go on the wire, sent in order when a
 * connection is there, moved through pending → sent → delivered → read, or to failed with a reason.
 */
export class Outbox {
  readonly #entries = new Map<string, Entry>();
  /** Ids handed to the current XMPP session; on resumption the session resends them itself. */
  readonly #onStream = new Set<string>();
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: MessageStore,
    private readonly account: string,
    private readonly hooks: OutboxHooks,
  ) {}

  /** Adds a new message (state `pending`) and starts keeping it; `saved` settles once it is stored. */
  add(message: ChatMessage): { message: ChatMessage; saved: Promise<void> } {
    const pending = { ...message, state: "pending" as const };
    const saved = this.#save(pending);
    this.#entries.set(pending.id, { message: pending, saved });
    return { message: pending, saved };
  }

  /** Takes over stored messages whose state may still change (pending ones, and those awaiting receipts). */
  track(messages: readonly ChatMessage[]): void {
    for (const message of messages) {
      if (message.direction !== "out" || !message.state || message.state === "read" || this.#entries.has(message.id))
        continue;
      this.#entries.set(message.id, { message, saved: Promise.resolve() });
    }
  }

  /** A new XMPP session (not a resumed one): nothing of ours is in the server's hands unless acked. */
  newSession(): void {
    this.#onStream.clear();
  }

  /**
   * Sends every pending message not yet handed to this session, oldest first, one after another.
   * `transmit` resolves with the address the stanza went to, where that is not the message's peer.
   */
  flush(transmit: Transmit): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#flushOnce(transmit));
    return this.#flushing;
  }

  async #flushOnce(transmit: Transmit): Promise<void> {
    const waiting = [...this.#entries.values()]
      .filter(({ message }) => message.state === "pending" && !this.#onStream.has(message.id))
      .sort((a, b) => a.message.timestamp - b.message.timestamp);
    for (const { message, saved } of waiting) {
      await saved;
      if (this.#entries.get(message.id)?.message.state !== "pending") continue;
      this.#onStream.add(message.id);
      try {
        const to = await transmit(message);
        const entry = this.#entries.get(message.id);
        if (entry && to) entry.sentTo = normalJid(to);
      } catch (error) {
        this.#onStream.delete(message.id);
        // Without a connection the message simply waits; anything else (an address that cannot be
        // looked up) is this message's own failure.
        if (error instanceof XmppminiError && error.code === "not-connected") return;
        this.fail(message.id, toXmppminiError(error, "message-error", String(error)).message);
      }
    }
  }

  /**
   * Moves a message forward to `state`; older news (a receipt after a read marker) changes nothing.
   * `sent` is our own server's word (a stream management ack, our own copy back); `delivered` and `read`
   * are the peer's, and `from` (its public bare JID, or the room for a room's reflection) must be it.
   */
  advance(id: string, state: "sent"): void;
  advance(id: string, state: "delivered" | "read", from: string): void;
  advance(id: string, state: Exclude<DeliveryState, "failed" | "pending">, from?: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    const { message } = entry;
    if (state !== "sent" && from !== message.peer) return; // only the peer speaks for its receipts
    if (message.state === "failed" || RANK[message.state ?? "pending"] >= RANK[state]) return;
    this.#update(entry, { ...message, state });
    if (state === "read") this.#entries.delete(id);
  }

  /** Marks a message failed; false when there is none to fail (unknown, or delivered already). */
  fail(id: string, reason: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.message.state === "delivered" || entry.message.state === "read") return false;
    this.#onStream.delete(id);
    this.#update(entry, { ...entry.message, state: "failed", reason });
    return true;
  }

  /**
   * A bounce (RFC 6120 §8.3) of one of ours: the message failed, if the error comes from where it went
   * or from our own server or account; anyone else could name our ids to make our messages look failed.
   * Where it went: the address it was sent to (a peer's real JID may differ from its public one), or its
   * peer (sent by another page). A person's bounce may come from any of its resources; a room's must come
   * from the room itself (its occupants' messages come from the room's address too), an occupant's from
   * that occupant. Returns "failed", "untrusted" (not from there) or "unknown" (no message of ours to fail).
   */
  bounce(error: MessageError, own: OwnAddress): "failed" | "untrusted" | "unknown" {
    const entry = error.id === undefined ? undefined : this.#entries.get(error.id);
    if (!entry) return "unknown";
    const { from } = error;
    const exact = entry.message.room === true;
    const fromTarget = [entry.sentTo, normalJid(entry.message.peer)].some(
      (target) => target !== undefined && (exact || target.includes("/") ? from === target : bareOf(from) === target),
    );
    const fromOwn = from === own.domain.toLowerCase() || bareOf(from) === own.bare.toLowerCase();
    if (!fromTarget && !fromOwn) return "untrusted";
    return this.fail(entry.message.id, bounceReason(error)) ? "failed" : "unknown";
  }

  /** Puts a failed message back in line (same id, so a peer that got it after all can drop the copy). */
  retry(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.message.state !== "failed") return false;
    const { reason: _reason, ...message } = entry.message;
    this.#update(entry, { ...message, state: "pending" });
    return true;
  }

  #update(entry: Entry, message: ChatMessage): void {
    entry.message = message;
    // The store writes saves in the order they are made (see MessageStore.save): the latest state wins.
    entry.saved = this.#save(message);
    this.hooks.changed(message);
  }

  #save(message: ChatMessage): Promise<void> {
    return this.store.save(this.account, message).catch((error: unknown) => this.hooks.storageFailed(error));
  }
}
