import { sharedDatabase, type XmppminiDatabase } from "./database.js";

/**
 * Remembers, per account, the newest archive id (XEP-0313) up to which we hold every message, so the
 * next catch-up asks only for what came after. In memory where IndexedDB cannot be opened.
 */
export class ArchivePosition {
  readonly #memory = new Map<string, string>();

  constructor(private readonly database: Promise<XmppminiDatabase | null> = sharedDatabase()) {}

  async get(account: string): Promise<string | undefined> {
    const database = await this.database;
    if (!database) return this.#memory.get(account);
    return (await database.get("sessions", account))?.lastArchiveId;
  }

  async set(account: string, lastArchiveId: string): Promise<void> {
    const database = await this.database;
    if (!database) {
      this.#memory.set(account, lastArchiveId);
      return;
    }
    const transaction = database.transaction("sessions", "readwrite");
    const current = (await transaction.store.get(account)) ?? { account };
    await transaction.store.put({ ...current, lastArchiveId });
    await transaction.done;
  }
}
