import { html, nothing, type TemplateResult } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { unreadCount, type Conversation } from "../session/conversations.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { Strings } from "./i18n/catalog.js";
import { renderBody } from "./format/render.js";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/**
 * Renders a conversation's messages. Bodies go in as text bindings: remote text is never parsed as HTML.
 * The element with part="message" holds the body, styled (see format/render.ts); the time sits beside it.
 */
export function renderMessageList(
  strings: Strings,
  conversation: Conversation | undefined,
  retry: (id: string) => void,
  /** What goes above the messages (the control for older ones), and what to do when scrolled to the top. */
  older: { control: TemplateResult; atTop: () => void; scrolled: (list: HTMLElement) => void },
): TemplateResult {
  if (!conversation) {
    return html`<div part="messages" class="messages"><p class="empty">${strings.noConversation}</p></div>`;
  }
  if (conversation.messages.length === 0) {
    return html`<div part="messages" class="messages"><p class="empty">${strings.emptyConversation}</p></div>`;
  }
  // role=log: new entries are announced politely by screen readers, in order.
  const onScroll = (event: Event) => {
    const list = event.currentTarget as HTMLElement;
    older.scrolled(list);
    if (list.scrollTop === 0) older.atTop();
  };
  return html`<div part="messages" class="messages" role="log" aria-live="polite" aria-label=${strings.chatWith(conversation.peer)} @scroll=${onScroll}>
    ${older.control}
    <ol>${repeat(conversation.messages, (message) => message.id, (message) => messageItem(strings, message, retry))}</ol>
  </div>`;
}

// A message is an immutable value (a new delivery state is a new object): its template is made once, so
// a list of thousands re-renders by identity checks rather than by rebuilding every row.
const items = new WeakMap<ChatMessage, { strings: Strings; template: TemplateResult }>();

function messageItem(strings: Strings, message: ChatMessage, retry: (id: string) => void): TemplateResult {
  const cached = items.get(message);
  if (cached?.strings === strings) return cached.template;
  const template = html`<li class=${message.direction}>
    <div part="message" data-direction=${message.direction} data-id=${message.id}>${renderBody(message.body)}</div>
    <time part="timestamp" datetime=${new Date(message.timestamp).toISOString()}>${timeFormat.format(message.timestamp)}</time>
    ${renderDeliveryState(strings, message, retry)}
  </li>`;
  items.set(message, { strings, template });
  return template;
}

/** Our own messages: where delivery got, and for a failed one the reason and a retry button. */
function renderDeliveryState(strings: Strings, message: ChatMessage, retry: (id: string) => void): TemplateResult | typeof nothing {
  if (message.direction !== "out" || !message.state) return nothing;
  const label = strings.delivery[message.state];
  if (message.state !== "failed") return html`<span part="delivery" class="delivery" data-state=${message.state}>${label}</span>`;
  return html`<span part="delivery" class="delivery" data-state="failed" title=${message.reason ?? ""}>${label}${message.reason ? `: ${message.reason}` : ""}</span>
    <button part="retry" class="retry" @click=${() => retry(message.id)}>${strings.retrySend}</button>`;
}

/** Tabs for switching conversations; shown only when there is more than one. */
export function renderConversationTabs(
  strings: Strings,
  conversations: Conversation[],
  active: Conversation | undefined,
  select: (peer: string) => void,
): TemplateResult | typeof nothing {
  if (conversations.length < 2) return nothing;
  return html`<nav part="conversations" role="tablist" aria-label=${strings.conversations}>
    ${conversations.map(
      (conversation) => {
        const unread = unreadCount(conversation);
        return html`<button
          role="tab"
          aria-selected=${conversation === active ? "true" : "false"}
          data-peer=${conversation.peer}
          title=${conversation.peer}
          @click=${() => select(conversation.peer)}
        >
          <span class="peer">${conversation.peer.split("@")[0]}</span>${unread > 0 ? html`<span part="unread" class="badge" aria-label=${strings.unread(unread)}>${unread}</span>` : nothing}
        </button>`;
      },
    )}
  </nav>`;
}
