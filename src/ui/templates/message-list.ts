import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { unreadCount, type Conversation, type ShownMessage } from "../../session/conversations.js";
import type { WindowSlice } from "../controllers/message-window.js";
import type { Strings } from "../i18n/catalog.js";
import { renderBody } from "../format/render.js";
import { renderAttachment } from "./attachment-view.js";

const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function formatOf(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(locale, format);
  }
  return format;
}

/** Shown times by locale and minute: a burst of a thousand messages is formatted a few times, not a thousand. */
const shownTimes = new Map<string, string>();

function timeOf(locale: string, timestamp: number): string {
  const key = `${locale}\u0000${Math.floor(timestamp / 60_000)}`;
  let text = shownTimes.get(key);
  if (text === undefined) {
    text = formatOf(timeFormats, locale, { hour: "2-digit", minute: "2-digit" }).format(timestamp);
    if (shownTimes.size >= 2_000) shownTimes.clear();
    shownTimes.set(key, text);
  }
  return text;
}

/**
 * Makes the time format of `locale` ahead of need: the first one costs some 20 ms (its locale data), which
 * otherwise lands in the task that shows the first message, often in the middle of a burst.
 */
export function prepareTimeFormat(locale: string): void {
  timeOf(locale, Date.now());
}

/** Messages of one sender this close together read as one run: the later ones sit tighter. */
const RUN_GAP_MS = 5 * 60_000;

/** What the list needs from the element besides the messages. */
export interface MessageListActions {
  retry(id: string): void;
  /** Our last message, which may be corrected (XEP-0308), and how to start correcting it. */
  editable?: { id: string; edit(): void } | undefined;
  /** What goes above the messages: the control for older ones. */
  above: TemplateResult | typeof nothing;
  /** The person scrolled the list (the window may slide, older messages may load). */
  scrolled(list: HTMLElement): void;
  /** Below the messages: who is typing. */
  footer: TemplateResult | typeof nothing;
  /** A call invitation (XEP-0482) as a card: what became of it, and what can be done. */
  callCard(message: ShownMessage): TemplateResult;
  /** The stored history is still being read: an empty conversation does not say it is empty yet. */
  reading?: boolean;
  /** A greeting of the site's (see SupportDesk), in place of the empty conversation's text. */
  welcome?: TemplateResult | typeof nothing;
  /** For a message whose picture waits for the person's click (a stranger's), what the click does. */
  heldPicture(message: ShownMessage): (() => void) | undefined;
}

/**
 * Renders a conversation's messages, grouped by day and by runs of one sender. Bodies go in as text
 * bindings: remote text is never parsed as HTML. The element with part="message" holds the body, styled
 * (see format/render.ts); the time sits beside it.
 */
export function renderMessageList(
  strings: Strings,
  conversation: Conversation | undefined,
  /** The part of the conversation to render (see MessageWindow). */
  slice: WindowSlice | undefined,
  actions: MessageListActions,
): TemplateResult {
  if (!conversation) {
    return html`<div part="messages" class="messages"><p class="empty">${strings.noConversation}</p></div>`;
  }
  if (!slice || conversation.messages.length === 0) {
    if (actions.reading) return html`<div part="messages" class="messages">${actions.footer}</div>`;
    const welcome = actions.welcome ?? nothing;
    return html`<div part="messages" class="messages">${
      welcome === nothing ? html`<p class="empty"><slot name="empty">${strings.emptyConversation}</slot></p>` : welcome
    }${actions.footer}</div>`;
  }
  // role=log: new entries are announced politely by screen readers, in order.
  const onScroll = (event: Event) => actions.scrolled(event.currentTarget as HTMLElement);
  return html`<div part="messages" class="messages" role="log" aria-live="polite" aria-label=${strings.chatWith(conversation.peer)} @scroll=${onScroll}>
    ${actions.above}
    <ol>${repeat(
      rows(slice.messages, slice.previous),
      (row) => row.key,
      (row) => (row.kind === "day" ? dayItem(strings, row.day) : messageItem(strings, row, actions)),
    )}</ol>
    ${actions.footer}
  </div>`;
}

type Row =
  | { kind: "day"; key: string; day: number }
  | { kind: "message"; key: string; message: ShownMessage; continued: boolean; runEnd: boolean };

/** The messages with a divider before each new day, each marked when it continues its sender's run. */
function rows(messages: readonly ShownMessage[], before: ShownMessage | undefined): Row[] {
  const result: Row[] = [];
  let previous = before;
  for (const message of messages) {
    const day = startOfDay(message.timestamp);
    const newDay = !previous || startOfDay(previous.timestamp) !== day;
    if (newDay) result.push({ kind: "day", key: `day:${day}`, day });
    const continued =
      !newDay &&
      previous !== undefined &&
      previous.direction === message.direction &&
      previous.kind === message.kind &&
      previous.nick === message.nick &&
      Math.abs(message.timestamp - previous.timestamp) < RUN_GAP_MS;
    const last = result.at(-1);
    if (continued && last?.kind === "message") last.runEnd = false;
    result.push({ kind: "message", key: message.id, message, continued, runEnd: true });
    previous = message;
  }
  return dedupeDays(result);
}

// Arrival order can put a message stamped yesterday after one stamped today (an offline copy): each day
// keeps its first divider only.
function dedupeDays(result: Row[]): Row[] {
  const seen = new Set<string>();
  return result.filter((row) => row.kind !== "day" || (!seen.has(row.key) && seen.add(row.key)));
}

/** The local day last asked for, [start, end): rows come in runs of one day, and time-zone arithmetic is slow. */
let lastDay = { start: 0, end: 0 };

function startOfDay(timestamp: number): number {
  if (timestamp >= lastDay.start && timestamp < lastDay.end) return lastDay.start;
  const date = new Date(timestamp);
  // From the calendar, not by adding 24 hours: a day with a daylight-saving change is 23 or 25 hours long.
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
  const end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
  lastDay = { start, end };
  return start;
}

/** `YYYY-MM-DD` of the local day (toISOString would give the UTC one). */
function localDate(day: number): string {
  const date = new Date(day);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dayItem(strings: Strings, day: number): TemplateResult {
  const today = startOfDay(Date.now());
  const yesterday = startOfDay(today - 12 * 3_600_000);
  const label =
    day === today
      ? strings.today
      : day === yesterday
        ? strings.yesterday
        : formatOf(dayFormats, strings.locale, {
            weekday: "short",
            year: "numeric",
            month: "short",
            day: "numeric",
          }).format(day);
  // A list item that says which day follows (a separator role would break the list's semantics).
  return html`<li class="day" part="day"><time datetime=${localDate(day)}>${label}</time></li>`;
}

// A message is an immutable value (a new delivery state is a new object): its template is made once, so
// a list of thousands re-renders by identity checks rather than by rebuilding every row.
const items = new WeakMap<
  ShownMessage,
  { strings: Strings; grouping: string; editable: boolean; held: boolean; template: TemplateResult }
>();

function messageItem(
  strings: Strings,
  row: Extract<Row, { kind: "message" }>,
  actions: MessageListActions,
): TemplateResult {
  const { message, continued, runEnd } = row;
  const editable = actions.editable?.id === message.id;
  const grouping = `${continued ? " continued" : ""}${runEnd ? "" : " mid-run"}`;
  const reveal = message.attachment ? actions.heldPicture(message) : undefined;
  const held = reveal !== undefined;
  const cached = items.get(message);
  if (
    // A call's card changes with the clock (ringing, then missed): made at each render.
    !message.call &&
    cached?.strings === strings &&
    cached.grouping === grouping &&
    cached.editable === editable &&
    cached.held === held
  )
    return cached.template;
  const time = timeOf(strings.locale, message.timestamp);
  const template =
    message.kind === "headline"
      ? html`<li class="headline">
          <div part="headline" data-direction="in" data-id=${message.id}><strong>${strings.notice}:</strong> ${renderBody(message.body, strings.showAll)}</div>
          <time part="timestamp" datetime=${new Date(message.timestamp).toISOString()}>${time}</time>
        </li>`
      : html`<li class=${message.direction + grouping}>
          ${message.room && message.direction === "in" && !continued ? html`<span part="nick" class="nick">${message.nick || message.peer}</span>` : nothing}
          <div part="message" data-direction=${message.direction} data-id=${message.id} data-mention=${message.mentionsMe ? "true" : nothing}
            aria-description=${message.mentionsMe ? strings.mentionsYou : nothing}>${message.call ? actions.callCard(message) : renderContent(strings, message, reveal)}</div>
          <span class="meta">
            <time part="timestamp" datetime=${new Date(message.timestamp).toISOString()}>${time}</time>
            ${message.correctedBy ? html`<span part="edited" class="edited">${strings.edited}</span>` : nothing}
            ${renderDeliveryState(strings, message, actions.retry)}
            ${editable ? html`<button part="edit" class="edit" aria-label=${strings.editLast} @click=${() => actions.editable?.edit()}>${strings.edit}</button>` : nothing}
          </span>
        </li>`;
  items.set(message, { strings, grouping, editable, held, template });
  return template;
}

/** The body, and the file it shares: a body that is just the file's URL is said by the file alone. */
function renderContent(strings: Strings, message: ShownMessage, reveal: (() => void) | undefined): TemplateResult {
  const { attachment, body } = message;
  if (!attachment) return renderBody(body, strings.showAll);
  if (body.trim() === attachment.url) return renderAttachment(strings, attachment, reveal);
  return html`${renderBody(body, strings.showAll)}${renderAttachment(strings, attachment, reveal)}`;
}

/** Our own messages: where delivery got, and for a failed one the reason and a retry button. */
function renderDeliveryState(
  strings: Strings,
  message: ShownMessage,
  retry: (id: string) => void,
): TemplateResult | typeof nothing {
  if (message.direction !== "out" || !message.state) return nothing;
  const label = strings.delivery[message.state];
  if (message.state !== "failed")
    return html`<span part="delivery" class="delivery" data-state=${message.state}>${label}</span>`;
  // A failed correction is sent again by its own id.
  const id = message.correctedBy ?? message.id;
  return html`<span part="delivery" class="delivery" data-state="failed" title=${message.reason ?? ""}>${label}${message.reason ? `: ${message.reason}` : ""}</span>
    <button part="retry" class="retry" @click=${() => retry(id)}>${strings.retrySend}</button>`;
}

/** Tabs for switching conversations; shown only when there is more than one. */
export function renderConversationTabs(
  strings: Strings,
  conversations: Conversation[],
  active: Conversation | undefined,
  select: (peer: string) => void,
  /** The name to show for a peer, where one is known, and its picture. */
  person: { nameOf(peer: string): string | undefined; renderAvatar(peer: string): TemplateResult },
): TemplateResult | typeof nothing {
  if (conversations.length < 2) return nothing;
  return html`<nav part="conversations" role="tablist" aria-label=${strings.conversations}>
    ${conversations.map((conversation) => {
      const unread = unreadCount(conversation);
      return html`<button
          role="tab"
          aria-selected=${conversation === active ? "true" : "false"}
          data-peer=${conversation.peer}
          title=${conversation.peer}
          @click=${() => select(conversation.peer)}
        >
          ${conversation.peer.includes("/") ? nothing : person.renderAvatar(conversation.peer)}<span class="peer">${person.nameOf(conversation.peer) ?? labelOf(conversation.peer)}</span>${unread > 0 ? html`<span part="unread" class="badge" aria-label=${strings.unread(unread)}>${unread}</span>` : nothing}
        </button>`;
    })}
  </nav>`;
}

/** A tab's name: the user or room part; for a private conversation in a room, the occupant's nickname. */
function labelOf(peer: string): string {
  const slash = peer.indexOf("/");
  return slash > 0 ? peer.slice(slash + 1) : peer.split("@")[0]!;
}
