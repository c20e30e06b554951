import { XmppminiError, toXmppminiError } from "../errors.js";
import type { ArchivePosition } from "../store/archive-position.js";
import type { MessageStore } from "../store/message-store.js";
import { fetchArchivePage, type ArchivedMessage } from "../xmpp/archive.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import { ownRealAddress, type AccountScope } from "./account-scope.js";
import type { Addressing } from "./addressing.js";
import { catchUp } from "./catch-up.js";
import type { SessionReports } from "./session-reports.js";
import type { SessionRooms } from "./session-rooms.js";
import type { SessionListener, OldestShown } from "./session-types.js";

/** How many of each conversation's newest stored messages a sign-in shows. */
const RECENT = 500;

export interface SessionHistoryOptions {
  store: MessageStore;
  position: ArchivePosition;
  listener: Pick<SessionListener, "history" | "read">;
  rooms: SessionRooms;
  reports: SessionReports;
  /** The connection while online, and its addressing. */
  online(): { connection: XmppConnection; addressing: Addressing } | null;
  now(): number;
}

/**
 * The account's history: what this browser stored (shown at sign-in, kept as messages come, pruned by
 * age), what the server's archive (XEP-0313) holds that this page missed, and older pages on request.
 */
export class SessionHistory {
  /** When the current connection's sign-in began: history before it, arrivals after. */
  #signedInAt = 0;
  /** This browser holds the account's whole archive (read from its start, nothing deleted), or there is none. */
  #wholeArchive = false;
  /** Conversations with more stored rows than were loaded at sign-in. */
  #storeHasOlder = new Set<string>();
  /** Conversations whose archive said it holds nothing older than what it gave. */
  #archiveEnded = new Set<string>();

  constructor(private readonly options: SessionHistoryOptions) {}

  /** A sign-in starts now. */
  signingIn(): void {
    this.#signedInAt = this.options.now();
  }

  /**
   * Shows the account's stored history and how far each conversation was read, and remembers the ids, so a
   * redelivered message is not shown twice. Resolves with the messages read (for the outbox), if any.
   */
  async load(account: AccountScope): Promise<ChatMessage[] | undefined> {
    const { store, listener, reports, rooms } = this.options;
    try {
      if (!(await store.persistent())) {
        reports.storageFailed(
          new XmppminiError(
            "storage-unavailable",
            "This browser does not let the chat keep its history (private mode, or storage blocked): messages are shown, but are gone after a reload.",
          ),
        );
      }
      const days = account.options.retentionDays;
      if (days !== undefined) await store.prune(account.jid.bare, this.options.now() - days * 86_400_000);
      // Asked together: one after the other, the waits added up to a good part of a cold start.
      const [history, pending, , fromStart] = await Promise.all([
        store.recent(account.jid.bare, RECENT),
        store.pending(account.jid.bare),
        account.marks.load(),
        this.options.position.readFromStart(account.jid.bare),
      ]);
      this.#wholeArchive = fromStart && days === undefined;
      this.#archiveEnded = new Set();
      const loaded = new Map<string, number>();
      for (const { peer } of history) loaded.set(peer, (loaded.get(peer) ?? 0) + 1);
      this.#storeHasOlder = new Set([...loaded.keys()].filter((peer) => loaded.get(peer) === RECENT));
      const stored = [...history, ...pending];
      // Conversations kept from before the person's writing was marked: their own messages say it.
      for (const message of stored)
        if (message.direction === "out" && !message.callAnswer) account.marks.markAcquainted(message.peer);
      account.outbox.track(stored);
      for (const message of history) rooms.shown(message);
      const shown = history.filter((message) => account.intake.remember(message));
      // Said even when there is none: the conversation the page names opens now, usable before the sign-in.
      listener.history(shown);
      for (const [peer, upTo] of account.marks.readMarks) listener.read(peer, upTo);
      return stored;
    } catch (error) {
      reports.storageFailed(error);
      listener.history([]);
      return undefined;
    }
  }

  /** The account's recent and pending messages as stored now (another tab may have written them). */
  async stored(account: AccountScope): Promise<ChatMessage[]> {
    const { store } = this.options;
    const [recent, pending] = await Promise.all([store.recent(account.jid.bare, 500), store.pending(account.jid.bare)]);
    return [...recent, ...pending];
  }

  /** Every message of the conversation with `peer` that this browser stored, oldest first (corrections included). */
  conversation(account: AccountScope, peer: string): Promise<ChatMessage[]> {
    return this.options.store.before(account.jid.bare, peer, Infinity, Number.MAX_SAFE_INTEGER);
  }

  /** Stores a shown message; a storage failure is reported once and does not stop the chat. */
  keep(account: AccountScope, message: ChatMessage): void {
    this.options.store
      .save(account.jid.bare, message)
      .catch((error: unknown) => this.options.reports.storageFailed(error));
  }

  /**
   * What the archive holds since this browser last read it, oldest first; live messages wait meanwhile, so
   * arrival order is archive order. A history page (first sign-in) is shown without being announced as new.
   */
  async catchUp(account: AccountScope, connection: XmppConnection, current: () => boolean): Promise<void> {
    const ownReal = ownRealAddress(account, connection);
    let storedKnown = false;
    const deliver = async (archived: ArchivedMessage[], history: boolean) => {
      if (archived.length > 0 && !storedKnown) {
        storedKnown = true;
        account.intake.rememberStored(await this.options.store.storedKeys(account.jid.bare).catch(() => []));
      }
      await account.intake.archived(archived, ownReal, () => ({ history }));
    };
    const bare = account.jid.bare;
    try {
      await catchUp({
        fetchPage: (request) => fetchArchivePage(connection.entity, connection.iqCaller, ownReal, request),
        account: bare,
        position: this.options.position,
        signedInAt: this.#signedInAt,
        deliver,
      });
      // Asked of the store only while not known already (this catch-up's first page may have said it).
      if (
        !this.#wholeArchive &&
        account.options.retentionDays === undefined &&
        (await this.options.position.readFromStart(bare))
      )
        this.#learnWholeArchive();
    } catch (error) {
      // A server without an archive (or one that failed) still chats; what it missed stays missed.
      const condition = (error as { condition?: string } | undefined)?.condition;
      if (condition === "feature-not-implemented" || condition === "service-unavailable") this.#learnWholeArchive();
      if (current()) {
        this.options.reports.report(
          toXmppminiError(
            error,
            "message-error",
            "Messages sent while this page was away could not be fetched from the server.",
          ),
        );
      }
    }
  }

  #learnWholeArchive(): void {
    this.#wholeArchive = true;
    // Nothing new to show, but the conversations' tops change: no more older messages to offer.
    this.options.listener.history([]);
  }

  /**
   * Whether the conversation with `peer` may have messages older than those shown: this browser stored
   * more than it loaded, or the archive has not said it has none (a room's archive is the room's).
   */
  olderMayExist(peer: string): boolean {
    return (
      this.#storeHasOlder.has(peer) ||
      this.options.rooms.has(peer) ||
      !(this.#wholeArchive || this.#archiveEnded.has(peer))
    );
  }

  /**
   * Shows up to 200 messages of the conversation with `peer` from before `oldest` from this browser's
   * store, else 50 from the server's archive (filtered by peer and time). Resolves with how many were new;
   * 0 means the start of the conversation (or no archive to ask).
   */
  async older(account: AccountScope, peer: string, oldest?: OldestShown): Promise<number> {
    const { store, listener, rooms } = this.options;
    // This browser's own store answers fast: bigger pages from it than from the server.
    try {
      const stored = await store.before(account.jid.bare, peer, oldest?.order ?? Infinity, 200);
      if (stored.length < 200) this.#storeHasOlder.delete(peer);
      const fresh = stored.filter((message) => account.intake.remember(message));
      if (fresh.length > 0) {
        account.outbox.track(fresh);
        listener.history(fresh);
        return fresh.length;
      }
    } catch (error) {
      this.options.reports.storageFailed(error);
    }
    const online = this.options.online();
    if (!online) return 0;
    const { connection, addressing } = online;
    // A room's archive is the room's (XEP-0313 §5.1.2); a private conversation in a room has none here.
    if (rooms.isOccupant(peer)) return 0;
    if (rooms.has(peer)) return rooms.loadOlder(account, connection, peer, oldest);
    const ownReal = ownRealAddress(account, connection);
    // Page back from the oldest message the archive knows by id; without one, by time.
    const page = await fetchArchivePage(connection.entity, connection.iqCaller, ownReal, {
      before: oldest?.archiveId ?? "",
      max: 50,
      with: await addressing.toReal(peer),
      ...(oldest && !oldest.archiveId && { end: oldest.timestamp }),
    });
    if (page.complete) this.#archiveEnded.add(peer);
    // Above everything shown, in the archive's own order (its clock may disagree with ours).
    return account.intake.archived(page.messages, ownReal, (index, count, timestamp) => ({
      history: true,
      order: oldest ? oldest.order - (count - index) * 0.001 : timestamp,
    }));
  }
}
