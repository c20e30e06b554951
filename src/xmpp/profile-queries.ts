// What a contact publishes about itself: its vCard (XEP-0054: full name, nickname, photo) and its avatar
// (XEP-0084, in its personal eventing nodes). Both are read with a plain iq to its bare address, which
// needs no presence subscription where the contact's server lets anyone read them (vCards usually; avatars
// published with an open access model).
import xml, { type Element } from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";
import { cleanName } from "./names.js";

const NS_VCARD = "vcard-temp";
const NS_PUBSUB = "http://jabber.org/protocol/pubsub";
const NS_AVATAR_METADATA = "urn:xmpp:avatar:metadata";
const NS_AVATAR_DATA = "urn:xmpp:avatar:data";

/** Pictures shown as they are (each a type a browser draws and no script can hide in, unlike SVG). */
const AVATAR_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
/** An avatar larger than this (in base64 characters, about 48 KB of image) is not kept: avatars are small. */
export const MAX_AVATAR_BASE64 = 65_536;

/** A contact's picture: base64 image data and its type; `hash` says which picture it is (XEP-0084 id, XEP-0153 hash). */
export interface Avatar {
  readonly hash: string;
  readonly type: string;
  readonly data: string;
}

/** What a vCard says of a contact, as far as the widget shows it. */
export interface VcardProfile {
  readonly name?: string;
  readonly photo?: Avatar;
}

/** Base64 image data that is what it says: a known type, base64 characters only, not too large. */
export function avatarOf(
  type: string | null | undefined,
  base64: string | null | undefined,
  hash: string,
): Avatar | undefined {
  const kind = (type ?? "").trim().toLowerCase();
  const data = (base64 ?? "").replace(/\s+/gu, "");
  if (!AVATAR_TYPES.has(kind) || !data || data.length > MAX_AVATAR_BASE64) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/u.test(data)) return undefined;
  return { hash, type: kind, data };
}

/** The SHA-1 of a picture's bytes, in hex (XEP-0153 §4.1: the hash presence announces). */
export async function photoHash(base64: string): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Reads a vCard (XEP-0054): the full name (else the nickname) and the photo (inline data only, not a URL). */
export async function readVcard(vcard: Element | undefined): Promise<VcardProfile> {
  if (!vcard) return {};
  const name = cleanName(vcard.getChildText("FN")) ?? cleanName(vcard.getChildText("NICKNAME"));
  const photo = vcard.getChild("PHOTO");
  const base64 = photo?.getChildText("BINVAL")?.replace(/\s+/gu, "");
  const avatar = base64 ? avatarOf(photo?.getChildText("TYPE"), base64, "") : undefined;
  // Base64 that the pattern lets through but that decodes to nothing (a length of 4n+1) is no photo.
  const hash = avatar ? await photoHash(avatar.data).catch(() => undefined) : undefined;
  return {
    ...(name && { name }),
    ...(avatar && hash && { photo: { ...avatar, hash } }),
  };
}

/** An error answer (RFC 6120 §8.3: none there, not allowed) says there is nothing; a timeout or a lost connection says nothing. */
function noneOnRefusal<T>(none: T): (error: unknown) => T {
  return (error) => {
    if ((error as { name?: unknown } | null)?.name === "StanzaError") return none;
    throw error;
  };
}

/**
 * Asks for `jid`'s vCard (XEP-0054 §3.2). A contact without one, or a server that will not say, gives {};
 * rejects when no answer came.
 */
export async function fetchVcard(iqCaller: IqCaller, jid: string, timeout: number): Promise<VcardProfile> {
  const answer = await iqCaller
    .request(xml("iq", { type: "get", to: jid }, xml("vCard", { xmlns: NS_VCARD })), timeout)
    .catch(noneOnRefusal(undefined));
  return readVcard(answer?.getChild("vCard", NS_VCARD));
}

/** The items of `jid`'s personal eventing node `node` (XEP-0060 §6.5). */
async function nodeItems(iqCaller: IqCaller, jid: string, node: string, item: Element, timeout: number) {
  const answer = await iqCaller.request(
    xml("iq", { type: "get", to: jid }, xml("pubsub", { xmlns: NS_PUBSUB }, xml("items", { node }, item))),
    timeout,
  );
  return answer.getChild("pubsub", NS_PUBSUB)?.getChild("items")?.getChildren("item") ?? [];
}

/**
 * `jid`'s avatar (XEP-0084 §4): its metadata names the picture (its id is the SHA-1 of the bytes) and its
 * type; the picture itself is the data node's item of that id. Undefined when there is none we show (only
 * an http URL, or a type we do not draw).
 */
export async function fetchPepAvatar(iqCaller: IqCaller, jid: string, timeout: number): Promise<Avatar | undefined> {
  const [metadata] = await nodeItems(iqCaller, jid, NS_AVATAR_METADATA, xml("item", {}), timeout).catch(
    noneOnRefusal([]),
  );
  const info = metadata
    ?.getChild("metadata", NS_AVATAR_METADATA)
    ?.getChildren("info")
    .find((candidate) => AVATAR_TYPES.has(String(candidate.attrs.type ?? "").toLowerCase()) && !candidate.attrs.url);
  const id = info?.attrs.id as string | undefined;
  if (!info || !id || id.length > 128) return undefined;
  const [data] = await nodeItems(iqCaller, jid, NS_AVATAR_DATA, xml("item", { id }), timeout).catch(noneOnRefusal([]));
  return avatarOf(info.attrs.type as string, data?.getChildText("data", NS_AVATAR_DATA), id);
}
