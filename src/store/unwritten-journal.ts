// Our own messages between Enter and IndexedDB. The row shows and the composer empties at once; the store
// writes right behind, in a transaction a reload in those milliseconds would abort. Until it is written,
// each such message is also in localStorage, which writes synchronously: the next page's outbox takes it.
import type { StoredMessage } from "./database.js";

const PREFIX = "xmppmini-chat:unwritten:";
/** One key per message: two tabs writing at once never overwrite each other's entries. */
const keyOf = (record: Pick<StoredMessage, "account" | "peer" | "id">) =>
  `${PREFIX}${JSON.stringify([record.account, record.peer, record.id])}`;

/** Notes `record` as not yet written; false when localStorage is unavailable (then nothing is noted). */
export function noteUnwritten(record: StoredMessage): boolean {
  try {
    localStorage.setItem(keyOf(record), JSON.stringify(record));
    return true;
  } catch {
    return false; // storage blocked or full: the write behind is all there is, as before
  }
}

/** `record` is in IndexedDB: its note goes. */
export function written(record: Pick<StoredMessage, "account" | "peer" | "id">): void {
  try {
    localStorage.removeItem(keyOf(record));
  } catch {
    // nothing was noted
  }
}

/** The account's messages noted and not known to be written (a page closed before its write finished). */
export function unwrittenOf(account: string): StoredMessage[] {
  const records: StoredMessage[] = [];
  try {
    for (let index = 0; index < localStorage.length; index += 1) {
      const key = localStorage.key(index);
      if (!key?.startsWith(PREFIX)) continue;
      const record = JSON.parse(localStorage.getItem(key) ?? "null") as StoredMessage | null;
      // Only what this code wrote: our own pending message of this account, with its key fields.
      if (
        record?.account === account &&
        record.direction === "out" &&
        typeof record.peer === "string" &&
        typeof record.id === "string" &&
        typeof record.body === "string" &&
        typeof record.timestamp === "number"
      )
        records.push(record);
    }
  } catch {
    return records; // storage blocked, or a value we did not write
  }
  return records;
}
