import type { Client } from "@xmpp/client-core";
import type { IqCaller } from "@xmpp/iq/caller.js";
import { fetchArchivePage, type ArchivedMessage, type ArchivePage } from "../xmpp/archive.js";
import type { ArchivePosition } from "../store/archive-position.js";

export interface CatchUpOptions {
  entity: Client;
  iqCaller: IqCaller;
  /** Our real bare JID: the archive's owner. */
  ownBareJid: string;
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
}

/**
 * XEP-0313 catch-up after a (re)connect: everything the archive holds after the last id we know, page by
 * page (XEP-0059), so nothing sent while we were away (or lost in flight) is missing. On a first sign-in,
 * or when our id has expired from the archive, the newest page instead (and an empty archive is read from
 * its start next time). Returns how many messages came.
 */
export async function catchUp(options: CatchUpOptions): Promise<number> {
  const { entity, iqCaller, ownBareJid, account, position, deliver } = options;
  const pageSize = options.pageSize ?? 100;
  let after = await position.get(account);
  let delivered = 0;
  const page = (request: Parameters<typeof fetchArchivePage>[3]) => fetchArchivePage(entity, iqCaller, ownBareJid, request);

  if (after !== undefined) {
    for (;;) {
      let result: ArchivePage;
      try {
        // "" marks an archive that was empty when we first looked: read it from its start.
        result = await page(after === "" ? { max: pageSize } : { after, max: pageSize });
      } catch (error) {
        // XEP-0313 §5.1.3: an id the archive no longer has; start again from its newest messages.
        if ((error as { condition?: string })?.condition !== "item-not-found") throw error;
        after = undefined;
        break;
      }
      await deliver(result.messages, false);
      delivered += result.messages.length;
      if (result.last) {
        after = result.last;
        await position.set(account, after);
      }
      if (result.complete || result.messages.length === 0) return delivered;
    }
  }

  const newest = await page({ before: "", max: options.firstPageSize ?? 50 });
  await deliver(newest.messages, true);
  const last = newest.last ?? newest.messages.at(-1)?.archiveId;
  await position.set(account, last ?? "");
  return delivered + newest.messages.length;
}
