import type { ConversationStore } from "../store/conversation-store.js";
import type { StoredConversation } from "../store/database.js";
import type { Profile } from "./profiles.js";

/**
 * How far the person read each conversation, and their drafts, for one account: kept in memory, written
 * through to the store. Read marks only move forward, so tabs that tell each other theirs agree whatever
 * order the news arrives in; unread counts are derived from them (incoming messages after the mark).
 */
export class ConversationMarks {
  readonly #byPeer = new Map<string, StoredConversation>();
  /** Peers with a write queued: one write carries the latest state, however many changes came before it. */
  readonly #queued = new Set<string>();
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: ConversationStore,
    private readonly account: string,
    private readonly storageFailed: (error: unknown) => void,
  ) {}

  /** Reads the stored marks; what this page already changed stays (it is newer). */
  async load(): Promise<void> {
    for (const record of await this.store.all(this.account)) {
      const current = this.#byPeer.get(record.peer);
      this.#byPeer.set(record.peer, {
        ...record,
        ...current,
        ...(record.lastRead !== undefined && { lastRead: Math.max(record.lastRead, current?.lastRead ?? -Infinity) }),
        ...((record.acquainted || current?.acquainted) && { acquainted: true as const }),
      });
    }
  }

  /** Every conversation with a read mark, and the mark. */
  get readMarks(): Array<[peer: string, lastRead: number]> {
    return [...this.#byPeer.values()].flatMap((record) =>
      record.lastRead === undefined ? [] : [[record.peer, record.lastRead] as [string, number]],
    );
  }

  lastRead(peer: string): number | undefined {
    return this.#byPeer.get(peer)?.lastRead;
  }

  /** Marks the conversation read up to the message with order key `upTo`; false when it already was. */
  read(peer: string, upTo: number): boolean {
    const current = this.#byPeer.get(peer);
    if (current?.lastRead !== undefined && current.lastRead >= upTo) return false;
    this.#byPeer.set(peer, { ...(current ?? { account: this.account, peer }), lastRead: upTo });
    this.#persist(peer);
    return true;
  }

  /**
   * Whether the other side of the conversation with `peer` is no stranger: the person has written there
   * (from this browser, or another device of theirs), or the host page named it. Until then, no delivery
   * receipts or displayed markers go there (they say when the person is online and reading), and its
   * pictures wait for a click.
   */
  acquainted(peer: string): boolean {
    return this.#byPeer.get(peer)?.acquainted === true;
  }

  /** The person wrote to `peer`, or the host page named it; false when that was known. */
  markAcquainted(peer: string): boolean {
    const current = this.#byPeer.get(peer);
    if (current?.acquainted) return false;
    this.#byPeer.set(peer, { ...(current ?? { account: this.account, peer }), acquainted: true });
    this.#persist(peer);
    return true;
  }

  /** Who `peer` is, as last learned (see Profiles). */
  profile(peer: string): Profile | undefined {
    return this.#byPeer.get(peer)?.profile;
  }

  setProfile(peer: string, profile: Profile): void {
    this.#byPeer.set(peer, { ...(this.#byPeer.get(peer) ?? { account: this.account, peer }), profile });
    this.#persist(peer);
  }

  draft(peer: string): string {
    return this.#byPeer.get(peer)?.draft ?? "";
  }

  setDraft(peer: string, text: string): void {
    const current = this.#byPeer.get(peer);
    if ((current?.draft ?? "") === text) return;
    const { draft: _draft, ...rest } = current ?? { account: this.account, peer };
    this.#byPeer.set(peer, text === "" ? rest : { ...rest, draft: text });
    this.#persist(peer);
  }

  /** Resolves once every change so far is stored. */
  flushed(): Promise<void> {
    return this.#writes;
  }

  #persist(peer: string): void {
    if (this.#queued.has(peer)) return;
    this.#queued.add(peer);
    this.#writes = this.#writes.then(async () => {
      this.#queued.delete(peer);
      const record = this.#byPeer.get(peer);
      if (!record) return;
      try {
        await this.store.put(record);
      } catch (error) {
        this.storageFailed(error);
      }
    });
  }
}
