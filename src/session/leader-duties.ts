import type { ChatMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import { ownRealAddress, type AccountScope } from "./account-scope.js";
import type { SessionParts } from "./session-parts.js";

/**
 * This tab became the leader (at sign-in, or when the tab that led went away): it takes over the stored
 * outbox, the rooms and any stream left to resume, and connects. `stored`: the store's messages, just read
 * at sign-in; a later lead reads the store afresh (the tab that led wrote to it).
 */
export async function takeLead(
  parts: SessionParts,
  account: AccountScope,
  signal: AbortSignal,
  stored: ChatMessage[] | undefined,
): Promise<void> {
  const { loop, history, heard, rooms } = parts;
  if (loop.status !== "connecting") loop.setStatus("connecting");
  account.outbox = parts.newOutbox(account.jid.bare);
  const left = loop.leftStream(account.jid.bare);
  try {
    // A tab that never heard from a leader has no newer news of its messages than the store.
    account.outbox.track(stored ?? (await history.stored(account)).map((message) => heard?.newest(message) ?? message));
    heard?.clear();
  } catch (error) {
    parts.reports.storageFailed(error);
  }
  if (signal.aborted) return;
  await rooms.takeOver();
  if (signal.aborted) return;
  loop.adopt(await left);
  if (signal.aborted) return;
  await loop.run(account, signal);
}

/** Online: catch up on what was missed, then send what waits, rejoin rooms and find the upload service. */
export async function comeOnline(
  parts: SessionParts,
  account: AccountScope,
  connection: XmppConnection,
  { resumed, adopted }: { resumed: boolean; adopted: boolean },
): Promise<void> {
  const current = () => parts.loop.isCurrent(connection);
  // A session resumed from another page still catches up: that page may have acknowledged messages it
  // did not live to store. (The archive is read from the last position; what is held is not shown twice.)
  if (!resumed || adopted) {
    if (!resumed) {
      account.outbox.newSession();
      parts.peers.reset();
      parts.profiles.reset();
    }
    try {
      await parts.history.catchUp(account, connection, current);
    } finally {
      account.intake.release();
    }
  } else {
    account.intake.release();
  }
  if (!current()) return;
  parts.outgoing.flush(account);
  // A resumed stream is still in its rooms; one resumed from another page has rooms this page never saw.
  parts.rooms.online(resumed && !adopted, current);
  // Uploads go to our real server (a shard may differ from the public domain).
  if (!resumed || !parts.uploads.available)
    void parts.uploads.discover(connection.iqCaller, ownRealAddress(account, connection).split("@").pop()!, current);
}
