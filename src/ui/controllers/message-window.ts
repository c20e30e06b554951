import { orderOf, type Conversation, type ShownMessage } from "../../session/conversations.js";

/** At most this many messages are in the DOM at once, however long the conversation. */
export const WINDOW_SIZE = 240;
/**
 * While following the newest message, this many are rendered: more than the tallest pane shows, and a
 * third of WINDOW_SIZE, so that opening a conversation (and every update in a burst) lays out a third of
 * the rows. Scrolling up grows the window by WINDOW_STEP up to WINDOW_SIZE.
 */
export const FOLLOW_SIZE = 80;
/**
 * How many messages come into view (and leave at the other end) when the person scrolls to an edge. Each
 * slide lays out that many new rows in one frame: 80 took more than a frame on 2 cores (scrolling 10,000
 * stored messages at full speed dropped 94–133 frames), 40 fits most frames (23–52); 30 made more slides
 * than it saved (46).
 */
export const WINDOW_STEP = 40;

/** The messages to render, and what lies beyond them. */
export interface WindowSlice {
  readonly messages: readonly ShownMessage[];
  /** The message just above the slice (it decides whether the first one starts a day or continues a run). */
  readonly previous: ShownMessage | undefined;
  /** Loaded messages above or below the slice that are not rendered. */
  readonly moreAbove: boolean;
  readonly moreBelow: boolean;
}

/**
 * Which part of a long conversation is rendered: the newest FOLLOW_SIZE messages until the person scrolls
 * up, then a window that grows by WINDOW_STEP up to WINDOW_SIZE messages and slides by WINDOW_STEP at each
 * edge. The window is held by order keys, so messages loaded above or arriving below do not shift it.
 */
export class MessageWindow {
  /** Order key of the first rendered message; undefined: FOLLOW_SIZE before the end. */
  #from: number | undefined;
  /** Order key of the last rendered message; undefined: the newest (following). */
  #to: number | undefined;

  /** Back to the newest messages (another conversation, or our own message sent). */
  follow(): void {
    this.#from = undefined;
    this.#to = undefined;
  }

  get following(): boolean {
    return this.#to === undefined;
  }

  slice(conversation: Conversation): WindowSlice {
    const { messages } = conversation;
    const [start, end] = this.#bounds(messages);
    return {
      messages: messages.slice(start, end),
      previous: messages[start - 1],
      moreAbove: start > 0,
      moreBelow: end < messages.length,
    };
  }

  /** Whether the newest loaded message is rendered (without copying the slice). */
  showsNewest(conversation: Conversation): boolean {
    return this.#bounds(conversation.messages)[1] === conversation.messages.length;
  }

  /** Brings up to WINDOW_STEP loaded messages above into view; false when the window already starts at the first. */
  up(conversation: Conversation): boolean {
    const { messages } = conversation;
    const [start, end] = this.#bounds(messages);
    if (start === 0) return false;
    const newStart = Math.max(0, start - WINDOW_STEP);
    const newEnd = Math.min(end, newStart + WINDOW_SIZE);
    this.#from = orderOf(messages[newStart]!);
    if (newEnd < messages.length) this.#to = orderOf(messages[newEnd - 1]!);
    return true;
  }

  /** Brings up to WINDOW_STEP messages below into view; false when the window already ends at the newest. */
  down(conversation: Conversation): boolean {
    const { messages } = conversation;
    const [start, end] = this.#bounds(messages);
    if (end === messages.length) return false;
    const newEnd = Math.min(messages.length, end + WINDOW_STEP);
    const newStart = Math.max(start, newEnd - WINDOW_SIZE);
    this.#from = orderOf(messages[newStart]!);
    this.#to = newEnd === messages.length ? undefined : orderOf(messages[newEnd - 1]!);
    return true;
  }

  #bounds(messages: readonly ShownMessage[]): [number, number] {
    const end = this.#to === undefined ? messages.length : firstAfter(messages, this.#to);
    let start = this.#from === undefined ? 0 : firstAfter(messages, this.#from, true);
    // While following, the window keeps its size as messages arrive: the oldest rendered ones leave.
    if (this.#to === undefined || this.#from === undefined)
      start = Math.max(start, end - (this.#from === undefined ? FOLLOW_SIZE : WINDOW_SIZE));
    return [Math.min(start, end), end];
  }
}

/** The index of the first message whose order key is above `key` (or at it, with `inclusive`): binary search. */
function firstAfter(messages: readonly ShownMessage[], key: number, inclusive = false): number {
  let low = 0;
  let high = messages.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const order = orderOf(messages[middle]!);
    if (order < key || (!inclusive && order === key)) low = middle + 1;
    else high = middle;
  }
  return low;
}
