import xml, { type Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { randomId } from "../random-id.js";
import { chatStateElement } from "./chat-states.js";
import { attachmentElements, parseAttachment, type Attachment } from "./attachment.js";
import { cleanName } from "./names.js";
import {
  callAnswerElement,
  callInviteElement,
  parseCallAnswer,
  parseCallInvite,
  type CallAnswer,
  type CallInvite,
} from "./call-invites.js";

export type Direction = "in" | "out";

/**
 * Where one of our messages is: `pending` (kept, not yet confirmed by the server), `sent` (the server
 * acknowledged it, XEP-0198), `delivered` (the peer's client received it, XEP-0184), `read` (the peer
 * displayed it, XEP-0333) or `failed` (bounced or undeliverable; see `reason`).
 */
export type DeliveryState = "pending" | "sent" | "delivered" | "read" | "failed";

/** A message as the rest of the widget sees it: public addresses, one id, a time; no XML. */
export interface ChatMessage {
  /** The id used for de-duplication: the origin-id (XEP-0359) where present, else the stanza id. */
  readonly id: string;
  /** Bare JID of the sender. */
  readonly from: string;
  /** Bare JID of the recipient. */
  readonly to: string;
  /** Bare JID of the other side of the conversation. */
  readonly peer: string;
  readonly body: string;
  readonly direction: Direction;
  /** Milliseconds since the epoch; the server's time for delayed messages (XEP-0203). */
  readonly timestamp: number;
  /**
   * Where the message sits in its conversation. Live and offline messages take their arrival order
   * (each stream delivers in order, and a delay stamp is the server's clock while arrival is ours);
   * history pages take their server time. Absent: the timestamp.
   */
  readonly order?: number;
  /** Our own messages only: how far delivery got. */
  readonly state?: DeliveryState;
  /** Why a message `failed`, for people. */
  readonly reason?: string;
  /** Our server's archive id for it (XEP-0359 stanza-id, XEP-0313 result id): where paging back starts. */
  readonly archiveId?: string;
  /** The sender asked to hear when it is displayed (XEP-0333 markable). */
  readonly markable?: boolean;
  /** This message corrects the sender's earlier message with this id (XEP-0308): it is a new text for it. */
  readonly replaces?: string;
  /** `headline`: an announcement (RFC 6121 §5.2.2) shown as a notice, not as a message to answer. */
  readonly kind?: "headline";
  /** A shared file (XEP-0066): the body is its URL (or says something about it). */
  readonly attachment?: Attachment;
  /** A room's message (XEP-0045 groupchat): `peer` is the room, `from` the room too, `nick` the sender. */
  readonly room?: true;
  /** In a room: the sender's nickname. */
  readonly nick?: string;
  /** One to one: the name the sender gives itself (XEP-0172 `<nick>`), cleaned. */
  readonly senderName?: string;
  /** In a room that gives them (XEP-0421): the sender's stable id there, the room's word, whatever the nickname. */
  readonly occupantId?: string;
  /** In a room: the message mentions us (a XEP-0372 reference, or `@our-nick` in the body). */
  readonly mentionsMe?: true;
  /** An invitation to a call on a web page (XEP-0482); the body, if any, says it for other clients. */
  readonly call?: CallInvite;
  /**
   * What became of an invitation (XEP-0482 accept, reject, retract): no message to show (its body is
   * empty), but the answer to the invitation it names, kept with the conversation's history.
   */
  readonly callAnswer?: CallAnswer;
}

/** A bounced message (RFC 6120 §8.3): which of ours failed and why. */
export interface MessageError {
  readonly id: string | undefined;
  /** The bare JID it came from. */
  readonly peer: string;
  /** The JID it came from as received, the bare part lower-cased (see sameJid). */
  readonly from: string;
  readonly condition: string;
  readonly text: string | undefined;
}

const NS_SID = "urn:xmpp:sid:0";
const NS_DELAY = "urn:xmpp:delay";
const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
export const NS_RECEIPTS = "urn:xmpp:receipts";
export const NS_MARKERS = "urn:xmpp:chat-markers:0";
export const NS_CORRECTION = "urn:xmpp:message-correct:0";
const NS_NICK = "http://jabber.org/protocol/nick";
const NS_HINTS = "urn:xmpp:hints";

/** Far below server stanza limits (Prosody: 256 KiB), far above what a person types. */
export const MAX_BODY_LENGTH = 20000;

/** The bare, lower-cased form of a JID attribute as received (empty when absent). */
export function bareOf(jid: string | undefined): string {
  return (jid ?? "").split("/")[0]!.toLowerCase();
}

/** A JID with its bare part lower-cased and its resource as it is (resources are case-sensitive). */
export function normalJid(jid: string | undefined): string {
  const value = jid ?? "";
  const slash = value.indexOf("/");
  return slash < 0 ? value.toLowerCase() : `${value.slice(0, slash).toLowerCase()}${value.slice(slash)}`;
}

/** Checks a body before it goes out; throws `invalid-message` with the reason. */
export function validateBody(body: string): void {
  if (body.trim() === "") throw new XmppminiError("invalid-message", "The message is empty.");
  if (body.length > MAX_BODY_LENGTH) {
    throw new XmppminiError(
      "invalid-message",
      `The message is ${body.length} characters long; the limit is ${MAX_BODY_LENGTH}. Split it into parts.`,
    );
  }
}

/** What a message of ours may carry besides its body (see buildChatMessage). */
export interface MessageExtras {
  /** It corrects our message with this id (XEP-0308 §3). */
  readonly replaces?: string | undefined;
  /** The body shares this file (XEP-0066 out-of-band data, XEP-0446 metadata). */
  readonly attachment?: Attachment | undefined;
  /** Our nickname (XEP-0172 §4.2), for a peer that has us in no roster. */
  readonly nick?: string | undefined;
  /** The body invites to this call (XEP-0482 §2.1). */
  readonly call?: CallInvite | undefined;
}

/**
 * RFC 6121 §5.2.2 chat message, with XEP-0359 §3.1 origin-id equal to the stanza id, asking for a
 * delivery receipt (XEP-0184 §5.1), marked as markable (XEP-0333 §4) so the peer can say it was read, and
 * saying we are `active` in the chat (XEP-0085 §5.4), with the extras given.
 */
export function buildChatMessage(
  to: string,
  body: string,
  id: string,
  { replaces, attachment, nick, call }: MessageExtras = {},
): Element {
  return xml(
    "message",
    { to, type: "chat", id },
    xml("body", {}, body),
    xml("origin-id", { xmlns: NS_SID, id }),
    xml("request", { xmlns: NS_RECEIPTS }),
    xml("markable", { xmlns: NS_MARKERS }),
    chatStateElement("active"),
    replaces ? xml("replace", { xmlns: NS_CORRECTION, id: replaces }) : null,
    ...(attachment ? attachmentElements(attachment) : []),
    call ? callInviteElement(call) : null,
    nick ? xml("nick", { xmlns: NS_NICK }, nick) : null,
  );
}

/**
 * An answer to a call invitation (XEP-0482): a message without a body, asked to be stored (XEP-0334) so
 * that the caller's other devices and the archive have it too.
 */
export function buildCallAnswer(to: string, id: string, answer: CallAnswer): Element {
  return xml(
    "message",
    { to, type: "chat", id },
    callAnswerElement(answer),
    xml("origin-id", { xmlns: NS_SID, id }),
    xml("store", { xmlns: NS_HINTS }),
  );
}

// XEP-0203 §3: the delay stamp is the time the server first received the stanza.
function messageTime(stanza: Element, now: number): number {
  const stamp = stanza.getChild("delay", NS_DELAY)?.attrs.stamp;
  const parsed = stamp ? Date.parse(stamp) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : now;
}

// The id our own server gave the message (XEP-0359 stanza-id, by our bare JID): the same live and in the
// archive. Anyone else's stanza-id is not believed.
function ownStanzaId(stanza: Element, ownBareJid: string): string | undefined {
  return stanza.getChildren("stanza-id", NS_SID).find((child) => bareOf(child.attrs.by) === ownBareJid.toLowerCase())
    ?.attrs.id;
}

// The sender's origin-id, else its stanza id, else our server's id for it.
function messageId(stanza: Element, archiveId: string | undefined, fallback: () => string): string {
  return stanza.getChild("origin-id", NS_SID)?.attrs.id ?? stanza.attrs.id ?? archiveId ?? fallback();
}

/**
 * Turns an incoming `chat`, `normal` or `headline` message with a body, a call invitation or an answer to
 * one into a ChatMessage; anything else (groupchat, error, chat states without a body) yields null.
 */
export function parseIncomingMessage(
  stanza: Element,
  ownBareJid: string,
  now = Date.now(),
  /** The archive's id, for a message read from the archive (XEP-0313); else its stanza-id is used. */
  archiveId?: string,
): ChatMessage | null {
  if (!stanza.is("message")) return null;
  const type = stanza.attrs.type ?? "normal";
  if (type !== "chat" && type !== "normal" && type !== "headline") return null;
  const call = type === "headline" ? undefined : parseCallInvite(stanza);
  const callAnswer = type === "headline" || call ? undefined : parseCallAnswer(stanza);
  // An answer is no message to read: any text it has is not shown.
  const body = callAnswer ? "" : (stanza.getChildText("body") ?? "");
  if (body === "" && !call && !callAnswer) return null;
  const from = bareOf(stanza.attrs.from) || ownBareJid.split("@").pop()!;
  const serverId = archiveId ?? ownStanzaId(stanza, ownBareJid);
  const replaced = stanza.getChild("replace", NS_CORRECTION)?.attrs.id as string | undefined;
  const attachment = parseAttachment(stanza);
  const senderName = type === "headline" ? undefined : cleanName(stanza.getChildText("nick", NS_NICK));
  return {
    id: messageId(stanza, serverId, () => randomId()),
    from,
    to: bareOf(stanza.attrs.to) || ownBareJid,
    peer: from,
    body,
    direction: "in",
    timestamp: messageTime(stanza, now),
    ...(serverId !== undefined && { archiveId: serverId }),
    ...(type !== "headline" && !callAnswer && stanza.getChild("markable", NS_MARKERS) && { markable: true }),
    ...(type === "headline" && { kind: "headline" as const }),
    // A call's invitation or answer corrects nothing (it would blank or replace the text it names).
    ...(replaced && type !== "headline" && !call && !callAnswer && { replaces: replaced }),
    ...(attachment && { attachment }),
    ...(call && { call }),
    ...(callAnswer && { callAnswer }),
    ...(senderName && { senderName }),
  };
}

/** The most of an error's text (written by whoever sent the error) that is shown to people. */
export const MAX_ERROR_TEXT = 300;

/** `text` cut to `max` characters (code points, so no half emoji), marked with an ellipsis when cut. */
export function capText(text: string, max = MAX_ERROR_TEXT): string {
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max - 1).join("")}…`;
}

/**
 * Reads a `type="error"` message (RFC 6120 §8.3.2) that bounced one of ours. The sender writes the
 * condition's name and the text: both are capped here, for every place they are shown.
 */
export function parseMessageError(stanza: Element): MessageError | null {
  if (!stanza.is("message") || stanza.attrs.type !== "error") return null;
  const error = stanza.getChild("error");
  const condition = error?.getChildElements().find((child) => child.getNS() === NS_STANZAS && child.name !== "text");
  const text = error?.getChildText("text", NS_STANZAS);
  return {
    id: stanza.attrs.id,
    peer: bareOf(stanza.attrs.from),
    from: normalJid(stanza.attrs.from),
    condition: condition ? capText(condition.name, 64) : "undefined-condition",
    text: text ? capText(text) : undefined,
  };
}
