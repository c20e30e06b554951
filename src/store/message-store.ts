import type { ChatMessage } from "../xmpp/chat-message.js";
import { sharedDatabase, type StoredMessage, type XmppminiDatabase } from "./database.js";
import { TaskBatch } from "../task-batch.js";
import { noteUnwritten, unwrittenOf, written } from "./unwritten-journal.js";

interface WaitingSave {
  readonly record: StoredMessage;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Keeps every shown message in IndexedDB, so history survives a reload. Where IndexedDB cannot be
 * opened (some private modes), messages are kept in memory for the page's life and `persistent` is false.
 */
export class MessageStore {
  readonly #memory = new Map<string, StoredMessage>();
  /** Saves of one task, written together in one transaction (see TaskBatch). */
  readonly #saves = new TaskBatch<WaitingSave>((saves) => void this.#write(saves));
  /** Per account: the notes of closed pages written (see #takeUnwritten). */
  readonly #unwrittenTaken = new Map<string, Promise<void>>();

  constructor(private readonly database: Promise<XmppminiDatabase | null> = sharedDatabase()) {}

  /** Whether messages outlive the page. */
  async persistent(): Promise<boolean> {
    return (await this.database) !== null;
  }

  /**
   * Stores a message of `account`; storing the same message again changes nothing. Resolves once it is
   * written, with the other saves of the same task. Saves are written in the order they are made (one
   * transaction per task, transactions in turn), so the latest save of a message is what is kept.
   */
  save(account: string, message: ChatMessage): Promise<void> {
    const record: StoredMessage = { account, ...message, order: message.order ?? message.timestamp };
    // Our message just taken: noted at once (see unwritten-journal.ts), until its transaction is done.
    const noted = message.direction === "out" && message.state === "pending" && noteUnwritten(record);
    return new Promise((resolve, reject) =>
      this.#saves.add({
        record,
        resolve: () => {
          if (noted) written(record);
          resolve();
        },
        reject,
      }),
    );
  }

  async #write(saves: WaitingSave[]): Promise<void> {
    try {
      const database = await this.database;
      if (!database) {
        for (const { record } of saves)
          this.#memory.set(`${record.account}\u0000${record.peer}\u0000${record.id}`, record);
      } else {
        const transaction = database.transaction("messages", "readwrite");
        // A put that fails fails the transaction: its error comes from `done`.
        for (const { record } of saves) transaction.store.put(record).catch(() => undefined);
        await transaction.done;
      }
      for (const save of saves) save.resolve();
    } catch (error) {
      for (const save of saves) save.reject(error);
    }
  }

  /** Reads see every save made before them: those still waiting for their task go first. */
  async #readable(): Promise<XmppminiDatabase | null> {
    this.#saves.flushNow();
    return this.database;
  }

  /**
   * Deletes the account's messages older than `cutoff` (ms since the epoch), except pending ones (the
   * outbox is never thrown away). Returns how many went.
   */
  async prune(account: string, cutoff: number): Promise<number> {
    const expired = (record: StoredMessage) =>
      record.account === account && record.timestamp < cutoff && record.state !== "pending";
    const database = await this.#readable();
    if (!database) {
      const keys = [...this.#memory].filter(([, record]) => expired(record)).map(([key]) => key);
      for (const key of keys) this.#memory.delete(key);
      return keys.length;
    }
    const transaction = database.transaction("messages", "readwrite");
    const range = IDBKeyRange.bound([account, "", -Infinity], [account, "\uffff", Infinity]);
    let removed = 0;
    for (
      let cursor = await transaction.store.index("by-conversation").openCursor(range);
      cursor;
      cursor = await cursor.continue()
    ) {
      if (!expired(cursor.value)) continue;
      await cursor.delete();
      removed += 1;
    }
    await transaction.done;
    return removed;
  }

  /** Up to `limit` messages of one conversation that sort before `order`, oldest first. */
  async before(account: string, peer: string, order: number, limit: number): Promise<ChatMessage[]> {
    const database = await this.#readable();
    let records: StoredMessage[];
    if (database) {
      records = [];
      const range = IDBKeyRange.bound([account, peer, -Infinity], [account, peer, order], false, true);
      let cursor = await database.transaction("messages").store.index("by-conversation").openCursor(range, "prev");
      while (cursor && records.length < limit) {
        records.push(cursor.value);
        cursor = await cursor.continue();
      }
      records.reverse();
    } else {
      records = [...this.#memory.values()]
        .filter((record) => record.account === account && record.peer === peer && record.order < order)
        .sort((a, b) => a.order - b.order)
        .slice(-limit);
    }
    return records.map(({ account: _account, ...message }) => message);
  }

  /** Which messages of the account are stored (their keys within it). Keys only: cheap even for a long history. */
  async storedKeys(account: string): Promise<Array<{ peer: string; id: string }>> {
    const database = await this.#readable();
    if (!database)
      return [...this.#memory.values()]
        .filter((record) => record.account === account)
        .map(({ peer, id }) => ({ peer, id }));
    // Array keys sort element by element, and an array after any string: [account, []] closes the range.
    const keys = await database.getAllKeys("messages", IDBKeyRange.bound([account], [account, []]));
    return keys.map(([, peer, id]) => ({ peer, id }));
  }

  /** The account's outbox: its own messages still `pending`, oldest first. */
  async pending(account: string): Promise<ChatMessage[]> {
    const database = await this.#readable();
    if (database) await this.#takeUnwritten(database, account);
    const records = database
      ? await database.getAllFromIndex("messages", "by-state", [account, "pending"])
      : [...this.#memory.values()].filter((record) => record.account === account && record.state === "pending");
    return records.sort((a, b) => a.timestamp - b.timestamp).map(({ account: _account, ...message }) => message);
  }

  /**
   * Writes what a page noted and could not write (closed right after Enter), unless the store has the
   * message already (then in a later state, or the same): nothing taken is lost, nothing goes back. Once
   * per account, before its first read (the sign-in reads the history and the outbox together): later notes
   * are this page's own, written by its own saves.
   */
  #takeUnwritten(database: XmppminiDatabase, account: string): Promise<void> {
    let taking = this.#unwrittenTaken.get(account);
    if (!taking) {
      taking = this.#writeUnwritten(database, account);
      this.#unwrittenTaken.set(account, taking);
      // A write that failed is tried again by the next read.
      taking.catch(() => this.#unwrittenTaken.delete(account));
    }
    return taking;
  }

  async #writeUnwritten(database: XmppminiDatabase, account: string): Promise<void> {
    const unwritten = unwrittenOf(account);
    if (unwritten.length === 0) return;
    const transaction = database.transaction("messages", "readwrite");
    for (const record of unwritten) {
      const key: [string, string, string] = [record.account, record.peer, record.id];
      void transaction.store.get(key).then((stored) => {
        if (!stored) void transaction.store.put(record).catch(() => undefined);
      });
    }
    await transaction.done;
    for (const record of unwritten) written(record);
  }

  /** The latest `limit` messages of each of the account's conversations, oldest first. */
  async recent(account: string, limit: number): Promise<ChatMessage[]> {
    const database = await this.#readable();
    if (database) await this.#takeUnwritten(database, account);
    const records = database
      ? await database.getAllFromIndex(
          "messages",
          "by-conversation",
          IDBKeyRange.bound([account, "", -Infinity], [account, "\uffff", Infinity]),
        )
      : [...this.#memory.values()].filter((record) => record.account === account);
    const byPeer = new Map<string, StoredMessage[]>();
    for (const record of records) {
      const list = byPeer.get(record.peer);
      if (list) list.push(record);
      else byPeer.set(record.peer, [record]);
    }
    return [...byPeer.values()]
      .flatMap((messages) => messages.sort((a, b) => a.order - b.order).slice(-limit))
      .map(({ account: _account, ...message }) => message);
  }
}
