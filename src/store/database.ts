import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from "idb";
import type { DeliveryState, Direction } from "../xmpp/chat-message.js";
import type { ResumableSession } from "../xmpp/stream-management.js";
import type { Profile } from "../session/profiles.js";

/** A message as kept: the account it belongs to, its conversation, and the normalised message. */
export interface StoredMessage {
  /** The account's public bare JID. */
  account: string;
  /** The other side's public bare JID. */
  peer: string;
  id: string;
  from: string;
  to: string;
  body: string;
  direction: Direction;
  timestamp: number;
  /** Display order within the conversation (see ChatMessage.order); the timestamp for older records. */
  order: number;
  /** Our own messages: delivery state; `pending` ones are the outbox. */
  state?: DeliveryState;
  reason?: string;
}

/** What an account's next sign-in needs from the last one. */
export interface StoredSession {
  account: string;
  /** The newest archive id (XEP-0313) we hold every message up to; catch-up starts after it. */
  lastArchiveId?: string;
  /** The archive's first page read here was its start: this browser holds the whole archive (see ArchivePosition). */
  archiveFromStart?: boolean;
  /** The stream (XEP-0198) the last page left open, for the next page to resume. */
  stream?: ResumableSession & { savedAt: number };
}

/** What the person left in one conversation: how far they read, and what they were typing. */
export interface StoredConversation {
  account: string;
  peer: string;
  /** The order key (ChatMessage.order) of the newest message read; incoming ones after it are unread. */
  lastRead?: number;
  /** Text typed in the composer and not sent. */
  draft?: string;
  /** The person wrote in this conversation, or the host page named it: no stranger (see ConversationMarks.acquainted). */
  acquainted?: true;
  /** Who the other side is: its name and picture (see session/profiles.ts). */
  profile?: Profile;
}

/** The widget's one IndexedDB database; each version's upgrade step adds what that version needs. */
export interface XmppminiSchema extends DBSchema {
  "resolver-cache": {
    key: string;
    value: { key: string; value: unknown; expires: number };
  };
  messages: {
    /** [account, peer, id]: the same message stored twice is one record. */
    key: [string, string, string];
    value: StoredMessage;
    indexes: { "by-conversation": [string, string, number]; "by-state": [string, DeliveryState] };
  };
  sessions: {
    key: string;
    value: StoredSession;
  };
  conversations: {
    /** [account, peer] */
    key: [string, string];
    value: StoredConversation;
  };
  /** The guest account this browser created per domain (login="guest"), so a visitor keeps their history. */
  guests: {
    key: string;
    value: { domain: string; jid: string; password: string; createdAt: number };
  };
}

export const DATABASE_NAME = "xmppmini-chat";
export const DATABASE_VERSION = 5;

export type XmppminiDatabase = IDBPDatabase<XmppminiSchema>;

/** Opens (and upgrades) the database. Rejects where IndexedDB is unavailable (some private modes). */
export function openDatabase(name: string = DATABASE_NAME): Promise<XmppminiDatabase> {
  return openDB<XmppminiSchema>(name, DATABASE_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) db.createObjectStore("resolver-cache", { keyPath: "key" });
      if (oldVersion < 2) {
        const messages = db.createObjectStore("messages", { keyPath: ["account", "peer", "id"] });
        messages.createIndex("by-conversation", ["account", "peer", "timestamp"]);
      }
      if (oldVersion < 3) {
        const messages = transaction.objectStore("messages");
        // Only our own messages carry a state, so only they are in this index: the outbox is a lookup.
        messages.createIndex("by-state", ["account", "state"]);
        // Conversations are read in display order, which is no longer the time (see ChatMessage.order).
        if (messages.indexNames.contains("by-conversation")) messages.deleteIndex("by-conversation");
        messages.createIndex("by-conversation", ["account", "peer", "order"]);
        if (oldVersion >= 2) void migrateOrder(messages);
        db.createObjectStore("sessions", { keyPath: "account" });
      }
      if (oldVersion < 4) {
        db.createObjectStore("conversations", { keyPath: ["account", "peer"] });
        if (oldVersion >= 2) void markHistoryRead(transaction);
      }
      if (oldVersion < 5) db.createObjectStore("guests", { keyPath: "domain" });
    },
  });
}

/** v3: records from v2 take their time as their order. */
async function migrateOrder(messages: {
  openCursor(): Promise<{
    value: StoredMessage;
    update(value: StoredMessage): Promise<unknown>;
    continue(): Promise<unknown>;
  } | null>;
}): Promise<void> {
  let cursor = await messages.openCursor();
  while (cursor) {
    if (cursor.value.order === undefined) await cursor.update({ ...cursor.value, order: cursor.value.timestamp });
    cursor = (await cursor.continue()) as typeof cursor;
  }
}

/** v4: history kept before read marks existed counts as read (it was shown without a badge). */
async function markHistoryRead(
  transaction: IDBPTransaction<XmppminiSchema, Array<StoreNames<XmppminiSchema>>, "versionchange">,
): Promise<void> {
  const newest = new Map<string, StoredConversation>();
  let cursor = await transaction.objectStore("messages").openCursor();
  while (cursor) {
    const { account, peer, order, timestamp } = cursor.value;
    const key = `${account}\u0000${peer}`;
    const lastRead = Math.max(order ?? timestamp, newest.get(key)?.lastRead ?? -Infinity);
    newest.set(key, { account, peer, lastRead });
    cursor = await cursor.continue();
  }
  const conversations = transaction.objectStore("conversations");
  for (const record of newest.values()) await conversations.put(record);
}

let shared: Promise<XmppminiDatabase | null> | undefined;

/** One connection per page, opened on first use; null where IndexedDB cannot be opened. */
export function sharedDatabase(): Promise<XmppminiDatabase | null> {
  // Some browsers throw from indexedDB.open itself (or have no indexedDB) rather than failing the request.
  shared ??= Promise.resolve()
    .then(() => openDatabase())
    .catch(() => null);
  return shared;
}
