import type { XmppminiError } from "../../errors.js";
import type { SessionStatus } from "../../session/chat-session.js";
import type { DeliveryState } from "../../xmpp/chat-message.js";
import type { Availability } from "../../xmpp/presence.js";

/** Every string the element shows, in English: the catalog the others translate (see catalog.ts). */
export const en = {
  // Our connection, in the header only while it is not online: worded as ours, apart from the peer's presence.
  status: {
    offline: "You are offline",
    connecting: "Connecting…",
    online: "Online",
    error: "Not connected",
  } satisfies Record<SessionStatus, string>,
  noConversation: "No conversation open.",
  emptyConversation: "No messages yet. Say hello!",
  inputLabel: "Message",
  inputPlaceholder: "Write a message (Enter sends, Shift+Enter for a new line)",
  send: "Send",
  reconnect: "Reconnect",
  retryNow: "Retry now",
  retryingIn: (seconds: number) => `Trying again in ${seconds} s.`,
  retrySend: "Retry",
  loadOlder: "Load older messages",
  loadingOlder: "Loading older messages…",
  startOfConversation: "Start of the conversation",
  delivery: {
    pending: "Sending…",
    sent: "Sent",
    delivered: "Delivered",
    read: "Read",
    failed: "Not sent",
  } satisfies Record<DeliveryState, string>,
  dismiss: "Dismiss",
  conversations: "Conversations",
  chatWith: (peer: string) => `Chat with ${peer}`,
  unread: (count: number) => `${count} unread`,
  openChat: (unread: number) => (unread > 0 ? `Open chat, ${unread} unread` : "Open chat"),
  closeChat: "Close chat",
  contacts: "Contacts",
  save: "Save",
  saveConversation: "Save this conversation as a text file",
  attach: "Send a file",
  uploading: (name: string) => `Sending ${name}…`,
  sendFileTo: (peer: string) => `Send a file to ${peer}`,
  /** A voice message's player; `length` ("0:07") when the sender gave it. */
  voiceMessage: (length: string) => (length ? `Voice message, ${length}` : "Voice message"),
  record: "Record a voice message",
  /** While recording: how long so far ("0:07"). */
  recording: (time: string) => `Recording ${time}. Escape cancels.`,
  stopAndSend: "Stop and send",
  newMessageFrom: (peer: string) => `New message from ${peer}`,
  /** A BCP 47 tag for dates and times in this language. */
  locale: "en",
  today: "Today",
  yesterday: "Yesterday",
  availability: {
    chat: "Available to chat",
    online: "Online",
    away: "Away",
    xa: "Away for a while",
    dnd: "Do not disturb",
    offline: "Offline",
  } satisfies Record<Availability, string>,
  typing: (peer: string) => `${peer} is typing…`,
  edited: "edited",
  edit: "Edit",
  editLast: "Edit your last message",
  editing: "Editing your message. Enter saves it; Escape cancels.",
  cancel: "Cancel",
  notice: "Notice",
  mentionsYou: "mentions you",
  showAll: (hidden: number) => `Show all (${hidden.toLocaleString("en")} more characters)`,
  showPicture: (name: string, host: string) => `Show the picture “${name}” from ${host}`,
  heldPicture:
    "Pictures from someone you have not written to load when you ask: loading one tells its server that you are here.",
  joinRoomAsk: (room: string) => `A link in a message asks you to join the room ${room}.`,
  join: "Join",
  /** The errors' own messages are written in English, with the details that matter (which server, why). */
  errorText: (error: XmppminiError) => error.message,
};

export type Strings = typeof en;
