import type { ArchivedMessage, ArchivePage, PageRequest } from "../xmpp/archive.js";
import type { ArchivePosition } from "../store/archive-position.js";

export interface CatchUpOptions {
  /** One page of our own archive (fetchArchivePage, bound to a connection). */
  fetchPage(request: PageRequest): Promise<ArchivePage>;
  /** The account's public address: the key under which the position is kept. */
  account: string;
  position: ArchivePosition;
  /**
   * Receives each page's messages, oldest first, before the position moves past them. `history` is true
   * for the newest page fetched without a position: older messages, not ones missed since the last visit.
   */
  deliver(messages: ArchivedMessage[], history: boolean): Promise<void>;
  pageSize?: number;
  /** On a first sign-in (no position yet), how much recent history to fetch. */
  firstPageSize?: number;
  /** When this sign-in began (ms since the epoch): the newest page of history ends there. */
  signedInAt: number;
}

/**
 * XEP-0313 catch-up after a (re)connect: everything the archive holds after the last id we know, page by
 * page (XEP-0059), so nothing sent while we were away (or lost in flight) is missing. On a first sign-in,
 * or when our id has expired from the archive, the newest page from before `signedInAt` first (history),
 * then everything after it: a burst that began while we signed in is read whole and in archive order, not
 * cut by a newest page that skipped its start. Returns how many messages came.
 */
export async function catchUp(options: CatchUpOptions): Promise<number> {
  const { fetchPage: page, account, position, deliver } = options;
  const pageSize = options.pageSize ?? 100;

  /** Reads and delivers every page after `after`; undefined when the archive no longer has that id. */
  const readAfter = async (after: string): Promise<number | undefined> => {
    let delivered = 0;
    for (;;) {
      let result: ArchivePage;
      try {
        // "" marks an archive that was empty when we first looked: read it from its start.
        result = await page(after === "" ? { max: pageSize } : { after, max: pageSize });
      } catch (error) {
        // XEP-0313 §5.1.3: an id the archive no longer has.
        if ((error as { condition?: string })?.condition === "item-not-found") return undefined;
        throw error;
      }
      await deliver(result.messages, false);
      delivered += result.messages.length;
      if (result.last) {
        after = result.last;
        await position.set(account, after);
      }
      if (result.complete || result.messages.length === 0) return delivered;
    }
  };

  const known = await position.get(account);
  if (known !== undefined) {
    const delivered = await readAfter(known);
    if (delivered !== undefined) return delivered;
  }

  // Archive stamps may have whole seconds (Prosody's do): a message of the sign-in's own second could be
  // stamped before it. The history page ends a second earlier, so such a message is read as missed (and
  // announced), never swallowed as history.
  const newest = await page({ before: "", max: options.firstPageSize ?? 50, end: options.signedInAt - 1000 });
  await deliver(newest.messages, true);
  // Nothing before it: what this browser reads from here on is the whole archive.
  if (newest.complete) await position.markReadFromStart(account);
  const last = newest.last ?? newest.messages.at(-1)?.archiveId ?? "";
  await position.set(account, last);
  const since = await readAfter(last);
  if (since === undefined) throw new Error(`The archive lost the id ${last} it had just given.`);
  return newest.messages.length + since;
}
