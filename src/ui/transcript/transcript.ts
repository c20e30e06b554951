// A conversation saved as a text file (a chunk, loaded by the header's Save button): what this browser
// stored of it, each message with its date, time and sender, corrections applied. Plain text: it opens
// anywhere, and nothing in it is markup.
import type { ChatMessage } from "../../xmpp/chat-message.js";

const pad = (value: number) => String(value).padStart(2, "0");

/** `2026-12-07 06:12` in the visitor's time zone: the same in every language, and sorts as text. */
function stamp(timestamp: number): string {
  const date = new Date(timestamp);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The transcript of the conversation with `peer`: a title line, then each message; `own` is our address. */
export function transcriptText(peer: string, own: string, messages: readonly ChatMessage[], now: number): string {
  // A correction is a new text for its sender's earlier message (XEP-0308): believed only from that sender.
  const shown: Array<{ message: ChatMessage; body: string; edited: boolean }> = [];
  const byId = new Map<string, (typeof shown)[number]>();
  for (const message of messages) {
    // An answer to a call says what became of an invitation: the invitation's line says the call.
    if (message.callAnswer) continue;
    const target = message.replaces ? byId.get(message.replaces) : undefined;
    if (target && target.message.from === message.from && target.message.direction === message.direction) {
      target.body = message.body;
      target.edited = true;
      continue;
    }
    const line = { message, body: message.body, edited: false };
    shown.push(line);
    byId.set(message.id, line);
  }
  const lines = [`Conversation with ${peer}, saved ${stamp(now)}`, ""];
  for (const { message, body, edited } of shown) {
    const sender = message.direction === "out" ? own : message.room ? message.nick || message.peer : message.from;
    const link = message.attachment?.url ?? message.call?.uri;
    const file = link && !body.includes(link) ? `${body ? " " : ""}${link}` : "";
    const text = `${message.kind === "headline" ? "Notice: " : ""}${body}${file}${edited ? " (edited)" : ""}`;
    // Lines of a long message are indented under its first: each message stays one block.
    lines.push(`[${stamp(message.timestamp)}] ${sender}: ${text.replace(/\r?\n/g, "\n    ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Offers the transcript as a download named after the conversation and the day. */
export function downloadTranscript(peer: string, text: string, now: number): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `conversation-${peer.replace(/[^\w.@-]+/g, "_")}-${stamp(now).slice(0, 10)}.txt`;
  link.click();
  // The download has its own copy once it started.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
