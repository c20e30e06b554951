import xml, { type Element } from "@xmpp/xml";
import { safeFileUrl } from "./attachment.js";

/** XEP-0482 Call Invites. */
export const NS_CALL_INVITES = "urn:xmpp:call-invites:0";

/** An invitation to a call held on a web page (XEP-0482 `<external>`): the widget joins only http(s) pages. */
export interface CallInvite {
  /** The call page. */
  readonly uri: string;
  /** The caller means a video call (XEP-0482 `video`, default false). */
  readonly video?: true;
}

/**
 * What became of an invitation, said by a message of its own naming it by id (XEP-0482 §2.2–2.4): the
 * caller withdrew it (`retract`), or the one called took it (`accept`) or declined it (`reject`).
 */
export type CallAnswerKind = "accept" | "reject" | "retract";

export interface CallAnswer {
  readonly kind: CallAnswerKind;
  /** The invitation's id: its origin-id, else its stanza id (XEP-0482 §3.1). */
  readonly invite: string;
  /** `accept`: the call page taken (XEP-0482 puts the way of joining in the `<accept>`). */
  readonly uri?: string;
}

const ANSWER_KINDS: readonly CallAnswerKind[] = ["accept", "reject", "retract"];
/** Longer ids than this name no message of ours or theirs. */
const MAX_ID_LENGTH = 256;

/** `<invite>` with the call page as its one way to join. */
export function callInviteElement({ uri, video }: CallInvite): Element {
  return xml("invite", { xmlns: NS_CALL_INVITES, ...(video && { video: "true" }) }, xml("external", { uri }));
}

/** `<accept>`, `<reject>` or `<retract>` naming the invitation; an acceptance says which page it took. */
export function callAnswerElement({ kind, invite, uri }: CallAnswer): Element {
  return xml(kind, { xmlns: NS_CALL_INVITES, id: invite }, kind === "accept" && uri ? xml("external", { uri }) : null);
}

/** The invitation a message carries, when it offers a call page the widget can open (http or https). */
export function parseCallInvite(stanza: Element): CallInvite | undefined {
  const invite = stanza.getChild("invite", NS_CALL_INVITES);
  if (!invite) return undefined;
  for (const external of invite.getChildren("external")) {
    const uri = safeFileUrl(external.attrs.uri as string | undefined);
    if (uri) return { uri, ...(invite.attrs.video === "true" && { video: true as const }) };
  }
  return undefined;
}

/** The answer to an invitation a message carries, if any (the first one: a message answers one invitation). */
export function parseCallAnswer(stanza: Element): CallAnswer | undefined {
  for (const child of stanza.getChildElements()) {
    if (child.getNS() !== NS_CALL_INVITES || !ANSWER_KINDS.includes(child.name as CallAnswerKind)) continue;
    const invite = child.attrs.id as string | undefined;
    if (!invite || invite.length > MAX_ID_LENGTH) return undefined;
    const uri = safeFileUrl(child.getChild("external")?.attrs.uri as string | undefined);
    return { kind: child.name as CallAnswerKind, invite, ...(uri && { uri }) };
  }
  return undefined;
}
