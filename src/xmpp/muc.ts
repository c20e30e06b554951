// Multi-user chat (XEP-0045) as stanzas: joining and leaving, what an occupant's presence says, why a
// join was refused, and groupchat messages in and out with mentions (XEP-0372). Pure: no connection here.
import xml, { type Element } from "@xmpp/xml";
import { bareOf, capText } from "./chat-message.js";
import { parseAttachment, attachmentElements, type Attachment } from "./attachment.js";

export const NS_MUC = "http://jabber.org/protocol/muc";
const NS_MUC_USER = "http://jabber.org/protocol/muc#user";
const NS_REFERENCE = "urn:xmpp:reference:0";
const NS_SID = "urn:xmpp:sid:0";
const NS_DELAY = "urn:xmpp:delay";
const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
const NS_CORRECTION = "urn:xmpp:message-correct:0";
/** Longer subjects are cut: a subject is a line under the room's name, not a message. */
const MAX_SUBJECT_LENGTH = 1_000;
const NS_OCCUPANT_ID = "urn:xmpp:occupant-id:0";

/** One person in a room, as its presence says (§7.2.3). */
export interface Occupant {
  readonly nick: string;
  /** `moderator`, `participant`, `visitor` (or `none` when leaving). */
  readonly role: string;
  /** `owner`, `admin`, `member`, `none` or `outcast`. */
  readonly affiliation: string;
  /** away, chat, dnd, xa; absent: available. */
  readonly show?: string;
}

/** What a presence from a room says about one occupant. */
export interface OccupantPresence {
  readonly room: string;
  readonly occupant: Occupant;
  readonly available: boolean;
  /** Status 110: this presence is about us (our join went through, or we left). */
  readonly self: boolean;
  /** Status 303: the occupant now goes by this nickname. */
  readonly newNick?: string;
  /** Why an occupant left, where the room says (§7.2.3, §9.1.6, §10.9): kicked, banned, removed, or the room destroyed. */
  readonly removal?: "kicked" | "banned" | "removed" | "destroyed";
  /** Status 100/172: the room shows our real address to the others. Not used for anything but shown. */
  readonly codes: readonly string[];
}

/** A join (or nickname change) the room refused (§7.2.6–§7.2.10). */
export interface RoomRefusal {
  readonly room: string;
  readonly condition: string;
  readonly text: string | undefined;
}

/** A groupchat message as the room sent it. */
export interface RoomMessage {
  readonly room: string;
  /** The sender's nickname; empty for the room itself. */
  readonly nick: string;
  readonly id: string | undefined;
  readonly body: string | null;
  /** A new subject (§8.1); "" clears it. Absent: the message sets none. */
  readonly subject?: string;
  /** The room's archive id (XEP-0359 stanza-id by the room). */
  readonly archiveId?: string;
  /** Server time for history and delayed messages (XEP-0203); absent for live ones. */
  readonly delayedTo?: number;
  readonly replaces?: string;
  readonly attachment?: Attachment;
  /** XEP-0421 §3: the sender's occupant id, as the room stamped it (see Conversations' authorship rule). */
  readonly occupantId?: string;
  /** Nicknames mentioned through XEP-0372 references. */
  readonly mentioned: readonly string[];
}

/** The presence that joins `room` as `nick` (§7.2.2); `history` asks for that many recent messages (§7.2.15). */
export function joinPresence(
  room: string,
  nick: string,
  { password, history }: { password?: string; history?: number } = {},
): Element {
  return xml(
    "presence",
    { to: `${room}/${nick}` },
    xml(
      "x",
      { xmlns: NS_MUC },
      history !== undefined ? xml("history", { maxstanzas: String(history) }) : null,
      password ? xml("password", {}, password) : null,
    ),
  );
}

/** Leaves `room` (§7.14). */
export function leavePresence(room: string, nick: string): Element {
  return xml("presence", { to: `${room}/${nick}`, type: "unavailable" });
}

function resourceOf(jid: string | undefined): string {
  const value = jid ?? "";
  const slash = value.indexOf("/");
  return slash < 0 ? "" : value.slice(slash + 1);
}

/** Reads an occupant's presence from one of `isRoom`'s rooms; anything else yields null. */
export function parseOccupantPresence(stanza: Element, isRoom: (bare: string) => boolean): OccupantPresence | null {
  if (!stanza.is("presence") || stanza.attrs.type === "error") return null;
  const room = bareOf(stanza.attrs.from);
  const nick = resourceOf(stanza.attrs.from);
  if (!nick || !isRoom(room)) return null;
  const x = stanza.getChild("x", NS_MUC_USER);
  const item = x?.getChild("item");
  const codes = (x?.getChildren("status") ?? []).map((status) => status.attrs.code ?? "");
  const available = stanza.attrs.type !== "unavailable";
  const show = stanza.getChildText("show");
  const removal = x?.getChild("destroy")
    ? "destroyed"
    : codes.includes("301")
      ? "banned"
      : codes.includes("307")
        ? "kicked"
        : codes.includes("321") || codes.includes("322") || codes.includes("332")
          ? "removed"
          : undefined;
  return {
    room,
    occupant: {
      nick,
      role: item?.attrs.role ?? "participant",
      affiliation: item?.attrs.affiliation ?? "none",
      ...(show && { show }),
    },
    available,
    self: codes.includes("110"),
    ...(codes.includes("303") && item?.attrs.nick && { newNick: item.attrs.nick }),
    ...(!available && removal && { removal }),
    codes,
  };
}

/** A presence error from one of `isRoom`'s rooms: the room refused us. */
export function parseRoomRefusal(stanza: Element, isRoom: (bare: string) => boolean): RoomRefusal | null {
  if (!stanza.is("presence") || stanza.attrs.type !== "error") return null;
  const room = bareOf(stanza.attrs.from);
  if (!isRoom(room)) return null;
  const error = stanza.getChild("error");
  const condition = error?.getChildElements().find((child) => child.getNS() === NS_STANZAS && child.name !== "text");
  // The room writes the text, shown to people: capped like any error's (see parseMessageError).
  const text = error?.getChildText("text", NS_STANZAS);
  return {
    room,
    condition: condition ? capText(condition.name, 64) : "undefined-condition",
    text: text ? capText(text) : undefined,
  };
}

/** Reads a groupchat message from one of `isRoom`'s rooms; anything else yields null. */
export function parseRoomMessage(stanza: Element, isRoom: (bare: string) => boolean): RoomMessage | null {
  if (!stanza.is("message") || stanza.attrs.type !== "groupchat") return null;
  const room = bareOf(stanza.attrs.from);
  if (!isRoom(room)) return null;
  const subject = stanza.getChild("subject");
  const stamp = stanza.getChild("delay", NS_DELAY)?.attrs.stamp;
  const delayedTo = stamp ? Date.parse(stamp) : Number.NaN;
  // XEP-0359: only the room's own stanza-id is believed (it is what its archive knows the message by).
  const archiveId = stanza.getChildren("stanza-id", NS_SID).find((child) => bareOf(child.attrs.by) === room)?.attrs.id;
  const mentioned = stanza
    .getChildren("reference", NS_REFERENCE)
    .filter(
      (reference) =>
        reference.attrs.type === "mention" && bareOf((reference.attrs.uri ?? "").replace(/^xmpp:/, "")) === room,
    )
    .flatMap((reference) => {
      const nick = decodedOrNull(resourceOf(reference.attrs.uri));
      return nick === null ? [] : [nick];
    });
  const attachment = parseAttachment(stanza);
  const replaces = stanza.getChild("replace", NS_CORRECTION)?.attrs.id;
  const body = stanza.getChildText("body");
  // The room puts it there (`from` is the room's); where the room does not, the sender may have: see sameAuthor.
  const occupantId = stanza.getChild("occupant-id", NS_OCCUPANT_ID)?.attrs.id as string | undefined;
  return {
    room,
    nick: resourceOf(stanza.attrs.from),
    id: stanza.getChild("origin-id", NS_SID)?.attrs.id ?? stanza.attrs.id,
    body: body === "" ? null : body,
    ...(subject && { subject: subject.text().slice(0, MAX_SUBJECT_LENGTH) }),
    ...(archiveId && { archiveId }),
    ...(Number.isFinite(delayedTo) && { delayedTo }),
    ...(replaces && { replaces }),
    ...(attachment && { attachment }),
    ...(occupantId && { occupantId }),
    mentioned,
  };
}

/** A percent-encoded part of a remote URI, or null where its escapes are malformed (`%E0%A4%A`). */
function decodedOrNull(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null; // a reference we cannot read names nobody; the message itself is still shown
  }
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Where `@nick` of one of `nicks` stands in `body`, longest names first (so "@Ann Lee" wins over "@Ann"),
 * as XEP-0372 begin/end offsets in code points. A mention starts the body or follows a space or
 * punctuation, and ends the body or is followed by a non-letter. Linear in the body's length for a given
 * set of names: each `@` looks up the text after it by the names' lengths, never the rest of the body.
 */
export function findMentions(
  body: string,
  nicks: readonly string[],
): Array<{ nick: string; begin: number; end: number }> {
  const byText = new Map<string, string>();
  for (const nick of nicks) if (nick && !byText.has(nick.toLowerCase())) byText.set(nick.toLowerCase(), nick);
  const lengths = [...new Set([...byText.values()].map((nick) => nick.length))].sort((a, b) => b - a);
  const found: Array<{ nick: string; begin: number; end: number }> = [];
  let point = 0; // the code-point offset of `index`
  let previous = "";
  for (let index = 0; index < body.length;) {
    const char = String.fromCodePoint(body.codePointAt(index)!);
    const nick = char === "@" && !WORD_CHAR.test(previous) ? nickAt(body, index + 1, lengths, byText) : undefined;
    if (nick) {
      const end = point + 1 + [...nick].length;
      found.push({ nick, begin: point, end });
      index += 1 + nick.length;
      point = end;
      previous = [...nick].at(-1)!;
      continue;
    }
    index += char.length;
    point += 1;
    previous = char;
  }
  return found;
}

/** The longest of the names that stands at `index` of `body` and ends a word there. */
function nickAt(
  body: string,
  index: number,
  lengths: readonly number[],
  byText: ReadonlyMap<string, string>,
): string | undefined {
  for (const length of lengths) {
    const nick = byText.get(body.slice(index, index + length).toLowerCase());
    const after = body.codePointAt(index + length);
    if (nick && (after === undefined || !WORD_CHAR.test(String.fromCodePoint(after)))) return nick;
  }
  return undefined;
}

/**
 * A groupchat message to `room` (§7.4) with an origin-id equal to its id (the room reflects it back to us
 * with it, XEP-0359), and a XEP-0372 reference for each `@nick` of the room's occupants in the body.
 */
export function buildRoomMessage(
  room: string,
  body: string,
  id: string,
  {
    occupants = [],
    replaces,
    attachment,
  }: { occupants?: readonly string[]; replaces?: string; attachment?: Attachment } = {},
): Element {
  const references = findMentions(body, occupants).map(({ nick, begin, end }) =>
    xml("reference", {
      xmlns: NS_REFERENCE,
      type: "mention",
      uri: `xmpp:${room}/${encodeURIComponent(nick)}`,
      begin: String(begin),
      end: String(end),
    }),
  );
  return xml(
    "message",
    { to: room, type: "groupchat", id },
    xml("body", {}, body),
    xml("origin-id", { xmlns: NS_SID, id }),
    replaces ? xml("replace", { xmlns: NS_CORRECTION, id: replaces }) : null,
    ...references,
    ...(attachment ? attachmentElements(attachment) : []),
  );
}
