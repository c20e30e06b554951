import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/** The widget's one IndexedDB database; each version's upgrade step adds what that version needs. */
export interface XmppminiSchema extends DBSchema {
  "resolver-cache": {
    key: string;
    value: { key: string; value: unknown; expires: number };
  };
}

export const DATABASE_NAME = "xmppmini-chat";
export const DATABASE_VERSION = 1;

export type XmppminiDatabase = IDBPDatabase<XmppminiSchema>;

/** Opens (and upgrades) the database. Rejects where IndexedDB is unavailable (some private modes). */
export function openDatabase(name: string = DATABASE_NAME): Promise<XmppminiDatabase> {
  return openDB<XmppminiSchema>(name, DATABASE_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) db.createObjectStore("resolver-cache", { keyPath: "key" });
    },
  });
}
