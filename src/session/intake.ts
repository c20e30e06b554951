import type { Element } from "@xmpp/xml";
import type { ArchivedMessage } from "../xmpp/archive.js";
import { bareOf, parseIncomingMessage, type ChatMessage } from "../xmpp/chat-message.js";
import type { Addressing } from "./addressing.js";
import { SeenIds } from "./seen-ids.js";
import { skipOnError } from "./skip-on-error.js";

/** The same id in two conversations is two messages. */
function seenKey(message: { peer: string; id: string }): string {
  return `${message.peer}\u0000${message.id}`;
}

/** Where a message goes: new or older history, and at which order key. */
export interface Placement {
  /** Older messages: shown, not announced as new, and counted as read. */
  history: boolean;
  /**
   * An exact order key (an older page goes above what is shown, whatever the server's clock says); without
   * one, after everything shown, as arrivals are.
   */
  order?: number;
}

export interface IntakeHooks {
  /** Each message, once, in arrival order, addressed by public JIDs; `replyTo` is where markers go. */
  accept(message: ChatMessage, details: { history: boolean; replyTo: string }): void;
  /** One of our own messages came back (from the archive, or a carbon): the server has it. */
  ownMessageSeen(id: string): void;
}

/**
 * Everything one account receives passes here: live messages and carbons, archive pages, what other tabs
 * showed, what this browser stored. It maps senders to their public addresses one message at a time (a
 * directory lookup must not reorder arrivals), shows each message once, and gives each its order key.
 * While a catch-up runs, live messages wait, so what was missed is shown before them.
 */
export class Intake {
  readonly #seen = new SeenIds();
  /** What this browser has stored, beyond the recent messages `remember` saw (see rememberStored). */
  #stored: ReadonlySet<string> = new Set();
  /** The highest order key given so far: new arrivals go after it. */
  #lastOrder = 0;
  #held: Array<() => void> | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(
    /** The account's public bare JID. */
    private readonly account: string,
    /** The current connection's addressing; without one, nothing can be mapped and nothing is taken. */
    private readonly addressing: () => Addressing | null,
    private readonly hooks: IntakeHooks,
  ) {}

  /**
   * A message already shown elsewhere (stored history, another tab, our own send): later arrivals go after
   * it, and a second copy is not taken. Returns false when it was known.
   */
  remember(message: ChatMessage): boolean {
    this.#lastOrder = Math.max(this.#lastOrder, message.order ?? message.timestamp);
    return this.#seen.add(seenKey(message));
  }

  /**
   * Every message this browser has stored: none of them is taken again. A catch-up
   * reads the archive after the last position, which may reach back past the recent messages a page shows
   * (and remembers): taken again, such a message went in after everything shown, newer than the newest.
   */
  rememberStored(messages: Iterable<{ peer: string; id: string }>): void {
    this.#stored = new Set(Array.from(messages, seenKey));
  }

  /** Whether a message is new here; recorded as seen either way. */
  #isNew(message: { peer: string; id: string }): boolean {
    const key = seenKey(message);
    return this.#seen.add(key) && !this.#stored.has(key);
  }

  /** The order key of a message arriving now: after everything shown, whatever its stamp says. */
  arrivalOrder(timestamp: number): number {
    this.#lastOrder = Math.max(timestamp, this.#lastOrder + 0.001);
    return this.#lastOrder;
  }

  /** From now until `release()`, live messages wait. */
  hold(): void {
    this.#held ??= [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const show of held) show();
  }

  /** A message as it arrived on the stream (or a carbon of one: `sent` when it is ours). */
  live(stanza: Element, parsed: ChatMessage, sent: boolean): void {
    const show = () => void this.#receive(stanza, parsed, sent, { history: false });
    if (this.#held) this.#held.push(show);
    else show();
  }

  /**
   * Archive results, oldest first; `place` says where each goes. Resolves with how many were new here.
   * `ownReal` is our real bare JID: a message from it is one we sent.
   */
  async archived(
    messages: ArchivedMessage[],
    ownReal: string,
    place: (index: number, count: number, timestamp: number) => Placement,
  ): Promise<number> {
    const own = ownReal.toLowerCase();
    const taken = await Promise.all(
      messages.map(async ({ message, timestamp, archiveId }, index) =>
        // One result that cannot be read is skipped; the page's others are still taken.
        skipOnError("an archived message", () => {
          // The archive's id is the XEP-0359 stanza-id the message carried live: the id of one without its own.
          const parsed = parseIncomingMessage(message, this.account, timestamp, archiveId);
          return (
            parsed &&
            this.#receive(message, parsed, bareOf(message.attrs.from) === own, place(index, messages.length, timestamp))
          );
        }),
      ),
    );
    return taken.filter(Boolean).length;
  }

  /**
   * A room's message, or a private one from a room's occupant: already addressed as shown (a room's
   * address is no person's, so no directory is asked), in turn with everything else.
   */
  fromRoom(message: ChatMessage, { history, order }: Placement, replyTo: string): Promise<boolean> {
    return new Promise((resolve) => {
      const show = () => {
        let taken = false;
        void this.inTurn(async () => {
          if (!this.#isNew(message)) return;
          taken = true;
          this.hooks.accept({ ...message, order: order ?? this.arrivalOrder(message.timestamp) }, { history, replyTo });
        }).then(() => resolve(taken));
      };
      if (this.#held) this.#held.push(show);
      else show();
    });
  }

  /** Runs `step` after every message before it was taken (mapping an address may ask a directory). */
  inTurn(step: (addressing: Addressing) => Promise<void>): Promise<void> {
    const addressing = this.addressing();
    if (!addressing) return Promise.resolve();
    // A step that fails (a directory that cannot be asked, a message that cannot be read) is reported and
    // skipped: the queue goes on with the next message.
    this.#queue = this.#queue
      .then(() => step(addressing))
      .catch((error: unknown) => console.warn("xmppmini-chat: skipped a message that could not be taken.", error));
    return this.#queue;
  }

  #receive(stanza: Element, parsed: ChatMessage, sent: boolean, { history, order }: Placement): Promise<boolean> {
    const otherSide = sent ? bareOf(stanza.attrs.to) : parsed.from;
    let taken = false;
    return this.inTurn(async (addressing) => {
      const peer = await addressing.toPublic(otherSide);
      const addressed: ChatMessage = sent
        ? { ...parsed, direction: "out", from: this.account, to: peer, peer }
        : { ...parsed, from: peer, peer, to: this.account };
      if (sent) this.hooks.ownMessageSeen(addressed.id);
      if (!this.#isNew(addressed)) return;
      taken = true;
      this.hooks.accept(
        { ...addressed, order: order ?? this.arrivalOrder(addressed.timestamp) },
        { history, replyTo: stanza.attrs.from ?? peer },
      );
    }).then(() => taken);
  }
}
