import { sharedDatabase, type StoredSession, type XmppminiDatabase } from "./database.js";

/**
 * Remembers, per account, the newest archive id (XEP-0313) up to which we hold every message, so the
 * next catch-up asks only for what came after; and whether this browser read the archive from its start.
 * In memory where IndexedDB cannot be opened.
 */
export class ArchivePosition {
  readonly #memory = new Map<string, StoredSession>();

  constructor(private readonly database: Promise<XmppminiDatabase | null> = sharedDatabase()) {}

  async get(account: string): Promise<string | undefined> {
    return (await this.#read(account))?.lastArchiveId;
  }

  set(account: string, lastArchiveId: string): Promise<void> {
    return this.#write(account, { lastArchiveId });
  }

  /**
   * The archive had nothing older than the first page this browser read of it: with every page after it
   * read since, this browser holds all there is (where it deleted nothing, see retentionDays).
   */
  async readFromStart(account: string): Promise<boolean> {
    return (await this.#read(account))?.archiveFromStart === true;
  }

  markReadFromStart(account: string): Promise<void> {
    return this.#write(account, { archiveFromStart: true });
  }

  async #read(account: string): Promise<StoredSession | undefined> {
    const database = await this.database;
    return database ? database.get("sessions", account) : this.#memory.get(account);
  }

  async #write(account: string, change: Partial<StoredSession>): Promise<void> {
    const database = await this.database;
    if (!database) {
      this.#memory.set(account, { account, ...this.#memory.get(account), ...change });
      return;
    }
    const transaction = database.transaction("sessions", "readwrite");
    const current = (await transaction.store.get(account)) ?? { account };
    await transaction.store.put({ ...current, ...change });
    await transaction.done;
  }
}
