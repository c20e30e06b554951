import { expect } from "@open-wc/testing";
import { transcriptText } from "../../src/ui/transcript/transcript.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";

const ME = "alice@example.org";
const DESK = "support@example.org";
// Local noon: the stamps below are in the runner's time zone, as the transcript's are.
const noon = new Date(2026, 11, 7, 12, 0).getTime();

function message(id: string, minutes: number, direction: "in" | "out", body: string, extra: Partial<ChatMessage> = {}) {
  const [from, to] = direction === "in" ? [DESK, ME] : [ME, DESK];
  return { id, from, to, peer: DESK, body, direction, timestamp: noon + minutes * 60_000, ...extra } as ChatMessage;
}

describe("transcriptText", () => {
  it("writes each message with its date, time and sender, oldest first", () => {
    const text = transcriptText(
      DESK,
      ME,
      [message("a", 0, "out", "Hello"), message("b", 1, "in", "Hi, how can I help?")],
      noon + 5 * 60_000,
    );
    expect(text).to.equal(
      [
        `Conversation with ${DESK}, saved 2026-12-07 12:05`,
        "",
        `[2026-12-07 12:00] ${ME}: Hello`,
        `[2026-12-07 12:01] ${DESK}: Hi, how can I help?`,
        "",
      ].join("\n"),
    );
  });

  it("applies a correction from the message's sender, and keeps one from anyone else as a message of its own", () => {
    const text = transcriptText(
      DESK,
      ME,
      [
        message("a", 0, "out", "Helo"),
        message("a2", 1, "out", "Hello", { replaces: "a" }),
        message("b", 2, "in", "Our shop opens at 8"),
        // The desk cannot rewrite what we wrote.
        message("c", 3, "in", "You said goodbye", { replaces: "a" }),
      ],
      noon,
    );
    expect(text).to.contain(`[2026-12-07 12:00] ${ME}: Hello (edited)\n`);
    expect(text).not.to.contain("Helo\n");
    expect(text).to.contain(`[2026-12-07 12:03] ${DESK}: You said goodbye\n`);
  });

  it("indents a long message's further lines, and names notices and shared files", () => {
    const text = transcriptText(
      DESK,
      ME,
      [
        message("a", 0, "in", "line one\nline two"),
        message("b", 1, "in", "Free shipping this week", { kind: "headline" }),
        message("c", 2, "in", "the invoice", {
          attachment: { url: "https://files.example.org/invoice.pdf", name: "invoice.pdf" },
        } as Partial<ChatMessage>),
      ],
      noon,
    );
    expect(text).to.contain(`${DESK}: line one\n    line two\n`);
    expect(text).to.contain(`${DESK}: Notice: Free shipping this week\n`);
    expect(text).to.contain(`${DESK}: the invoice https://files.example.org/invoice.pdf\n`);
  });
});
