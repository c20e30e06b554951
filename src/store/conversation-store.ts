import { sharedDatabase, type StoredConversation, type XmppminiDatabase } from "./database.js";

/**
 * Per conversation, how far the person read and their unsent draft. In memory where IndexedDB cannot be
 * opened, like the messages.
 */
export class ConversationStore {
  readonly #memory = new Map<string, StoredConversation>();

  constructor(private readonly database: Promise<XmppminiDatabase | null> = sharedDatabase()) {}

  /** Every conversation of `account` that has a record. */
  async all(account: string): Promise<StoredConversation[]> {
    const database = await this.database;
    if (!database) return [...this.#memory.values()].filter((record) => record.account === account);
    // Arrays sort after strings in IndexedDB keys: [account, []] bounds every [account, peer].
    return database.getAll("conversations", IDBKeyRange.bound([account, ""], [account, []]));
  }

  async put(record: StoredConversation): Promise<void> {
    const database = await this.database;
    if (!database) {
      this.#memory.set(`${record.account}\u0000${record.peer}`, { ...record });
      return;
    }
    await database.put("conversations", record);
  }
}
