import type { ResumableSession } from "../xmpp/stream-management.js";
import { sharedDatabase, type XmppminiDatabase } from "./database.js";

/**
 * The account's resumable stream (XEP-0198), kept so that the next page (a reload, or the tab that takes
 * over when the leader closes) resumes it instead of starting a new session. Nothing is kept where
 * IndexedDB cannot be opened: no other page could read it.
 */
export class StreamState {
  constructor(
    private readonly database: Promise<XmppminiDatabase | null> = sharedDatabase(),
    /** Older than this, no server we test keeps the session (ejabberd: 5 minutes; Prosody says 60 s in `<enabled max>`). */
    private readonly maxAgeMs = 5 * 60_000,
  ) {}

  async get(account: string): Promise<ResumableSession | undefined> {
    const database = await this.database;
    const stream = database ? (await database.get("sessions", account))?.stream : undefined;
    if (!stream || Date.now() - stream.savedAt > this.maxAgeMs) return undefined;
    const { savedAt: _savedAt, ...session } = stream;
    return session;
  }

  /** Saves the session; `undefined` forgets it (it was ended, or a new one replaced it). */
  async set(account: string, session: ResumableSession | undefined): Promise<void> {
    const database = await this.database;
    if (!database) return;
    const transaction = database.transaction("sessions", "readwrite");
    const { stream: _stream, ...current } = (await transaction.store.get(account)) ?? { account };
    await transaction.store.put(session ? { ...current, stream: { ...session, savedAt: Date.now() } } : current);
    await transaction.done;
  }
}
