import type { SessionStatus } from "../session/chat-session.js";

/** Every string the element shows, in one place so translations can replace it whole. */
export const strings = {
  status: {
    offline: "Offline",
    connecting: "Connecting…",
    online: "Online",
    error: "Error",
  } satisfies Record<SessionStatus, string>,
  noConversation: "No conversation open.",
  emptyConversation: "No messages yet. Say hello!",
  inputLabel: "Message",
  inputPlaceholder: "Write a message (Enter sends, Shift+Enter for a new line)",
  send: "Send",
  reconnect: "Reconnect",
  dismiss: "Dismiss",
  conversations: "Conversations",
  chatWith: (peer: string) => `Chat with ${peer}`,
  unread: (count: number) => `${count} unread`,
};
