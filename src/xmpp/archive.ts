// XEP-0313 Message Archive Management: pages of our own archive, paged with XEP-0059 result sets.
import xml, { type Element } from "@xmpp/xml";
import type { Client } from "@xmpp/client-core";
import type { IqCaller } from "@xmpp/iq/caller.js";
import { randomId } from "../random-id.js";
import { bareOf } from "./chat-message.js";

const NS_MAM = "urn:xmpp:mam:2";
const NS_RSM = "http://jabber.org/protocol/rsm";
const NS_FORWARD = "urn:xmpp:forward:0";
const NS_DELAY = "urn:xmpp:delay";

/** One archived message: the archive's id for it, the message as it was routed, and when. */
export interface ArchivedMessage {
  readonly archiveId: string;
  readonly message: Element;
  /** The server's time for it (XEP-0203 stamp on the forwarded wrapper), in ms. */
  readonly timestamp: number;
}

export interface ArchivePage {
  readonly messages: ArchivedMessage[];
  /** The archive has nothing beyond this page in the direction asked. */
  readonly complete: boolean;
  /** The archive id of the page's newest message, if any. */
  readonly last: string | undefined;
  readonly first: string | undefined;
}

/**
 * Which page: the messages after an archive id, the newest (`before: ""`) or those before an id, or with
 * neither, the oldest.
 */
export type PageRequest = ({ after: string; max: number } | { before: string; max: number } | { max: number }) &
  ArchiveFilter;

/** XEP-0313 §4.1 filters: one conversation, up to a time. */
export interface ArchiveFilter {
  /** Only messages exchanged with this bare JID. */
  with?: string;
  /** Only messages up to this time (ms since the epoch). */
  end?: number;
}

const NS_DATA = "jabber:x:data";

function filterForm(filter: ArchiveFilter) {
  if (filter.with === undefined && filter.end === undefined) return undefined;
  const field = (name: string, value: string, type?: string) =>
    xml("field", { var: name, ...(type && { type }) }, xml("value", {}, value));
  return xml(
    "x",
    { xmlns: NS_DATA, type: "submit" },
    field("FORM_TYPE", NS_MAM, "hidden"),
    filter.with !== undefined ? field("with", filter.with) : undefined,
    filter.end !== undefined ? field("end", new Date(filter.end).toISOString()) : undefined,
  );
}

/**
 * Asks an archive for one page: our own (`room` unset), or a room's (XEP-0313 §5.1.2, the query goes to
 * the room). Results are believed only from the archive's owner (§5.1.1: our bare JID or no from; the
 * room's bare JID). Rejects with the iq error (e.g. `item-not-found` when the `after` id expired).
 */
export async function fetchArchivePage(
  entity: Client,
  iqCaller: IqCaller,
  ownBareJid: string,
  request: PageRequest,
  timeoutMs = 30000,
  room?: string,
): Promise<ArchivePage> {
  const queryId = randomId();
  const collected: ArchivedMessage[] = [];
  const onStanza = (stanza: Element) => {
    const result = stanza.is("message") ? stanza.getChild("result", NS_MAM) : undefined;
    if (!result || result.attrs.queryid !== queryId) return;
    const from = bareOf(stanza.attrs.from);
    if (room ? from !== room.toLowerCase() : from !== "" && from !== ownBareJid.toLowerCase()) return;
    const forwarded = result.getChild("forwarded", NS_FORWARD);
    const message = forwarded?.getChild("message");
    if (!message || !result.attrs.id) return;
    const stamp = Date.parse(forwarded?.getChild("delay", NS_DELAY)?.attrs.stamp ?? "");
    collected.push({ archiveId: result.attrs.id, message, timestamp: Number.isFinite(stamp) ? stamp : Date.now() });
  };
  const set = xml(
    "set",
    { xmlns: NS_RSM },
    xml("max", {}, String(request.max)),
    "after" in request
      ? xml("after", {}, request.after)
      : "before" in request
        ? xml("before", {}, request.before)
        : undefined,
  );
  entity.on("stanza", onStanza);
  try {
    // The whole iq: its answer is a <fin/>, not the <query/> that iqCaller.set() would look for.
    const answer = await iqCaller.request(
      xml(
        "iq",
        { type: "set", ...(room && { to: room }) },
        xml("query", { xmlns: NS_MAM, queryid: queryId }, filterForm(request), set),
      ),
      timeoutMs,
    );
    const fin = answer.getChild("fin", NS_MAM);
    const resultSet = fin?.getChild("set", NS_RSM);
    return {
      messages: collected,
      complete: fin?.attrs.complete === "true",
      first: resultSet?.getChildText("first") ?? undefined,
      last: resultSet?.getChildText("last") ?? undefined,
    };
  } finally {
    entity.off("stanza", onStanza);
  }
}
