import type { ChatMessage } from "../xmpp/chat-message.js";
import type { CallAnswerKind } from "../xmpp/call-invites.js";

/** The key a conversation sorts by: its `order`, else its time. */
export function orderOf(message: ChatMessage): number {
  return message.order ?? message.timestamp;
}

/**
 * A message as shown: after a correction (XEP-0308) it carries the corrected text and delivery state, and
 * `correctedBy` names the correction, while it keeps its own id and place. A call invitation carries what
 * became of it (`answer`, XEP-0482), once answered.
 */
export type ShownMessage = ChatMessage & { readonly correctedBy?: string; readonly answer?: CallAnswerKind };

/** One conversation's messages in display order (see `ChatMessage.order`). */
export interface Conversation {
  readonly peer: string;
  readonly messages: ShownMessage[];
  /** Ids already taken, corrections included: history and live delivery may bring the same message twice. */
  readonly ids: Set<string>;
  /** Per corrected message id, its latest correction (kept for an original that is loaded later). */
  readonly corrections: Map<string, ChatMessage>;
  /** Per call invitation id, the answers to it (kept for an invitation that is loaded later). */
  readonly answers: Map<string, ChatMessage[]>;
  /** The order key of the newest message read; incoming messages after it are unread. */
  lastRead: number;
}

/** Incoming messages after the read mark (counted from the end: they are the newest); `mentions`: only those naming us. */
export function unreadCount(conversation: Conversation, mentions = false): number {
  let count = 0;
  for (let index = conversation.messages.length - 1; index >= 0; index -= 1) {
    const message = conversation.messages[index]!;
    if (orderOf(message) <= conversation.lastRead) break;
    if (message.direction === "in" && (!mentions || message.mentionsMe)) count += 1;
  }
  return count;
}

/**
 * The conversations the element shows, kept in memory; a message lands in its peer's conversation at
 * the place its order key says (history loaded older slots in above).
 */
export class Conversations {
  readonly #byPeer = new Map<string, Conversation>();
  #active: string | null = null;

  get active(): Conversation | undefined {
    return this.#active ? this.#byPeer.get(this.#active) : undefined;
  }

  get all(): Conversation[] {
    return [...this.#byPeer.values()];
  }

  open(peer: string): Conversation {
    const conversation = this.#ensure(peer);
    this.#active = peer;
    return conversation;
  }

  /** Makes sure `peer` has a conversation (a room joined); it is shown when nothing else is. */
  include(peer: string): void {
    this.#ensure(peer);
    this.#active ??= peer;
  }

  /** Muted rooms: only what mentions us counts in `unread`. */
  readonly muted = new Set<string>();

  /** Unread messages in all conversations (in a muted room, those that mention us). */
  get unread(): number {
    let total = 0;
    for (const conversation of this.#byPeer.values())
      total += unreadCount(conversation, this.muted.has(conversation.peer));
    return total;
  }

  /** Read up to the message with order key `upTo`; a mark never moves back. */
  markRead(peer: string, upTo: number): void {
    const conversation = this.#ensure(peer);
    conversation.lastRead = Math.max(conversation.lastRead, upTo);
  }

  /**
   * Adds a message in order, or a correction to the message it corrects; returns false when the
   * conversation already holds it.
   */
  add(message: ChatMessage): boolean {
    const conversation = this.#ensure(message.peer);
    if (conversation.ids.has(message.id)) return false;
    conversation.ids.add(message.id);
    // The first conversation to exist becomes the one shown, so an incoming chat is never hidden.
    this.#active ??= message.peer;
    if (message.replaces !== undefined) {
      this.#correct(conversation, message);
      return true;
    }
    if (message.callAnswer) {
      this.#answer(conversation, message);
      return true;
    }
    // A correction that came before its original (an older page loaded later) takes its place now.
    const correction = conversation.corrections.get(message.id);
    if (correction && sameAuthor(message, correction)) {
      this.#remove(conversation, correction.id);
      this.#insert(conversation, corrected(message, correction));
    } else {
      this.#insert(conversation, answered(message, conversation.answers.get(message.id)));
    }
    return true;
  }

  /**
   * An answer to a call invitation (XEP-0482) is no row: it marks the invitation it names, if that one is
   * shown (else when it turns up). The first answer that may be given stands; see mayAnswer.
   */
  #answer(conversation: Conversation, answer: ChatMessage): void {
    const invite = answer.callAnswer!.invite;
    conversation.answers.set(invite, [...(conversation.answers.get(invite) ?? []), answer]);
    const index = this.#indexOf(conversation, invite);
    if (index >= 0) conversation.messages[index] = answered(conversation.messages[index]!, [answer]);
  }

  /**
   * XEP-0308 §5: a correction from the sender of the message it names replaces that message's text; the
   * latest correction wins. One whose original is not shown (not loaded, or never seen) shows on its own
   * until the original turns up; one from anyone else (see sameAuthor) is a message of its own, under its
   * sender's name: nothing is hidden, and nobody's words stand under another's name.
   */
  #correct(conversation: Conversation, correction: ChatMessage): void {
    const replaced = correction.replaces!;
    const previous = conversation.corrections.get(replaced);
    const index = this.#indexOf(conversation, replaced);
    const original = index < 0 ? undefined : conversation.messages[index]!;
    // A stranger's correction neither replaces the text nor takes the place of the author's own correction.
    if (
      (original && !sameAuthor(original, correction)) ||
      (!original && previous && !sameAuthor(previous, correction))
    ) {
      this.#insert(conversation, correction);
      return;
    }
    if (previous && orderOf(previous) > orderOf(correction)) return;
    conversation.corrections.set(replaced, correction);
    if (original) {
      conversation.messages[index] = corrected(original, correction);
      return;
    }
    if (previous) this.#remove(conversation, previous.id);
    this.#insert(conversation, correction);
  }

  #insert(conversation: Conversation, message: ShownMessage): void {
    const { messages } = conversation;
    // Usually the newest, which goes at the end; a page of older ones goes in by binary search (walking back
    // from the end made each page of a long history cost its length). After those it sorts with or before.
    const key = orderOf(message);
    let index = messages.length;
    if (index > 0 && orderOf(messages[index - 1]!) > key) {
      let low = 0;
      index -= 1;
      while (low < index) {
        const middle = (low + index) >> 1;
        if (orderOf(messages[middle]!) > key) index = middle;
        else low = middle + 1;
      }
    }
    messages.splice(index, 0, message);
  }

  #remove(conversation: Conversation, id: string): void {
    const index = this.#indexOf(conversation, id);
    if (index >= 0) conversation.messages.splice(index, 1);
  }

  /** Where the row for message `id` is (a corrected one is found by its correction's id too); -1 if none. */
  #indexOf(conversation: Conversation, id: string): number {
    // Corrections and updates concern recent messages: search from the end.
    let index = conversation.messages.length - 1;
    while (index >= 0 && conversation.messages[index]!.id !== id && conversation.messages[index]!.correctedBy !== id)
      index -= 1;
    return index;
  }

  /** A message shown changed delivery state (or its correction did); false when it is not shown. */
  update(message: ChatMessage): boolean {
    const conversation = this.#byPeer.get(message.peer);
    if (!conversation?.ids.has(message.id)) return false;
    const index = this.#indexOf(conversation, message.id);
    if (index < 0) return false;
    const shown = conversation.messages[index]!;
    // A corrected message shows its correction's delivery state: the original's own no longer says much.
    if (shown.correctedBy === message.id) conversation.messages[index] = corrected(shown, message);
    else if (shown.correctedBy) return false;
    else conversation.messages[index] = shown.answer ? { ...message, answer: shown.answer } : message;
    return true;
  }

  #ensure(peer: string): Conversation {
    let conversation = this.#byPeer.get(peer);
    if (!conversation) {
      conversation = {
        peer,
        messages: [],
        ids: new Set(),
        corrections: new Map(),
        answers: new Map(),
        lastRead: -Infinity,
      };
      this.#byPeer.set(peer, conversation);
    }
    return conversation;
  }
}

/**
 * Whether `correction` comes from whoever wrote `original` (XEP-0308 §5). One to one: the same bare address.
 * In a room every message is from the room's address: the same occupant, and never across our side and
 * theirs (a message of ours is corrected only by us). The same occupant: the same XEP-0421 occupant id
 * where both have one (it outlives nickname changes and tells apart two holders of one nickname), else
 * the same nickname (a room without occupant ids, our own message as sent, an archive copy without one).
 * An occupant id is believed without asking the room (disco#info) whether it gives them: a room that does
 * (Prosody 0.12) strips any the sender wrote and puts its own (§3), so both sides carry the room's; in one
 * that does not (ejabberd 23.01) the victim's message carries none, and the nickname decides.
 */
export function sameAuthor(original: ChatMessage, correction: ChatMessage): boolean {
  if (!original.room || !correction.room) return original.room === correction.room && original.from === correction.from;
  if (original.direction !== correction.direction) return false;
  if (original.occupantId !== undefined && correction.occupantId !== undefined)
    return original.occupantId === correction.occupantId;
  return original.nick === correction.nick;
}

/**
 * Whether `answer` may answer `invite` (XEP-0482): only the caller withdraws an invitation, and only the
 * one called takes or declines it (from any of their devices: our answers include our other devices').
 * One to one, a message's side says who wrote it.
 */
export function mayAnswer(invite: ChatMessage, answer: ChatMessage): boolean {
  if (!invite.call || invite.room || answer.room) return false;
  const sameSide = invite.direction === answer.direction;
  return answer.callAnswer?.kind === "retract" ? sameSide : !sameSide;
}

/** `invite` with the first of `answers` (in conversation order) that may answer it; as it is when none does or it already has one. */
function answered(invite: ShownMessage, answers: ChatMessage[] | undefined): ShownMessage {
  if (!invite.call || invite.answer || !answers) return invite;
  const first = answers
    .filter((answer) => mayAnswer(invite, answer))
    .reduce<ChatMessage | undefined>(
      (best, answer) => (!best || orderOf(answer) < orderOf(best) ? answer : best),
      undefined,
    );
  return first ? { ...invite, answer: first.callAnswer!.kind } : invite;
}

/** The original's place and identity with the correction's text and, for ours, its delivery state. */
function corrected(original: ChatMessage, correction: ChatMessage): ShownMessage {
  const { state: _state, reason: _reason, ...rest } = original;
  return { ...rest, body: correction.body, ...stateOf(correction), correctedBy: correction.id };
}

function stateOf(message: ChatMessage): Pick<ChatMessage, "state" | "reason"> {
  return { ...(message.state && { state: message.state }), ...(message.reason && { reason: message.reason }) };
}
