import { expect, fixture, html } from "@open-wc/testing";
import { render, nothing } from "lit";
import { renderMessageList } from "../../src/ui/templates/message-list.js";
import { MessageWindow } from "../../src/ui/controllers/message-window.js";
import { Conversations } from "../../src/session/conversations.js";
import { en } from "../../src/ui/i18n/en.js";
import { zhCN } from "../../src/ui/i18n/zh-cn.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";

const DAY = 86_400_000;
const today = new Date();
today.setHours(12, 0, 0, 0);
const noon = today.getTime();

function message(
  id: string,
  timestamp: number,
  direction: "in" | "out",
  extra: Partial<ChatMessage> = {},
): ChatMessage {
  const peer = "bob@x";
  return {
    id,
    peer,
    from: direction === "in" ? peer : "me@x",
    to: direction === "in" ? "me@x" : peer,
    body: `body ${id}`,
    direction,
    timestamp,
    ...extra,
  };
}

async function show(
  messages: ChatMessage[],
  options: { editable?: string; strings?: typeof en; held?: (message: ChatMessage) => (() => void) | undefined } = {},
) {
  const conversations = new Conversations();
  for (const item of messages) conversations.add(item);
  const container = await fixture<HTMLDivElement>(html`<div></div>`);
  let edited = 0;
  let retried = "";
  render(
    renderMessageList(options.strings ?? en, conversations.active, new MessageWindow().slice(conversations.active!), {
      retry: (id) => (retried = id),
      editable: options.editable ? { id: options.editable, edit: () => (edited += 1) } : undefined,
      above: nothing,
      scrolled: () => undefined,
      footer: nothing,
      heldPicture: options.held ?? (() => undefined),
      callCard: (message) => html`<span class="call-card">${message.call!.uri}</span>`,
    }),
    container,
  );
  return { container, edits: () => edited, retried: () => retried };
}

describe("message list", () => {
  it("holds a stranger's picture back behind a button that fetches nothing until clicked", async () => {
    const picture = { url: "https://files.example.org/cat.png", name: "cat.png", mime: "image/png" };
    let revealed = 0;
    const { container } = await show([message("p1", noon, "in", { body: picture.url, attachment: picture })], {
      held: () => () => (revealed += 1),
    });
    expect(container.querySelector("img")).to.equal(null);
    const button = container.querySelector<HTMLButtonElement>('button[part="attachment"]')!;
    expect(button.textContent!.trim()).to.equal("Show the picture “cat.png” from files.example.org");
    button.click();
    expect(revealed).to.equal(1);
    const shown = await show([message("p1", noon, "in", { body: picture.url, attachment: picture })]);
    expect(shown.container.querySelector("img")?.getAttribute("src")).to.equal(picture.url);
  });

  it("divides days (Yesterday, Today, a date before) and marks runs of one sender", async () => {
    const { container } = await show([
      message("old", noon - 5 * DAY, "in"),
      message("y1", noon - DAY, "in"),
      message("t1", noon, "in"),
      message("t2", noon + 60_000, "in"),
      message("t3", noon + 120_000, "out"),
      message("t4", noon + 60 * 60_000, "out"),
    ]);
    const rows = [...container.querySelectorAll("ol > li")];
    const labels = rows.filter((row) => row.classList.contains("day")).map((row) => row.textContent!.trim());
    expect(labels).to.have.length(3);
    expect(labels.slice(1)).to.deep.equal(["Yesterday", "Today"]);
    expect(labels[0]).to.match(/\d/);
    const continued = rows
      .filter((row) => row.classList.contains("continued"))
      .map((row) => row.querySelector("[data-id]")!.getAttribute("data-id"));
    // t2 follows t1 within minutes; t3 changes sender; t4 comes an hour later.
    expect(continued).to.deep.equal(["t2"]);
    // Only the last of a run shows its time.
    const midRun = rows
      .filter((row) => row.classList.contains("mid-run"))
      .map((row) => row.querySelector("[data-id]")!.getAttribute("data-id"));
    expect(midRun).to.deep.equal(["t1"]);
    for (const day of rows.filter((row) => row.classList.contains("day"))) expect(day.querySelector("time")).to.exist;
  });

  it("labels days in the catalog's language", async () => {
    const { container } = await show([message("t1", noon, "in")], { strings: zhCN });
    expect(container.querySelector("li.day")!.textContent!.trim()).to.equal("今天");
  });

  it("shows a corrected message as edited, an Edit button on our last message only, and a headline as a notice", async () => {
    const { container, edits } = await show(
      [
        message("m1", noon, "out", { state: "delivered" }),
        message("m2", noon + 1000, "out", { state: "sent" }),
        message("c2", noon + 2000, "out", { body: "fixed", replaces: "m2", state: "pending" }),
        message("h1", noon + 3000, "in", { kind: "headline", body: "<b>Maintenance</b> tonight", peer: "bob@x" }),
      ],
      { editable: "m2" },
    );
    const m2 = container.querySelector('[data-id="m2"]')!.closest("li")!;
    expect(m2.querySelector('[part="message"]')!.textContent).to.equal("fixed");
    expect(m2.querySelector('[part="edited"]')!.textContent).to.equal("edited");
    expect(m2.querySelector('[part="delivery"]')!.getAttribute("data-state")).to.equal("pending");
    expect(container.querySelectorAll('[part="edit"]')).to.have.length(1);
    (m2.querySelector('[part="edit"]') as HTMLButtonElement).click();
    expect(edits()).to.equal(1);
    const headline = container.querySelector('[part="headline"]')!;
    expect(headline.textContent).to.contain("<b>Maintenance</b> tonight");
    expect(headline.querySelector("b")).to.equal(null);
    expect(container.querySelectorAll('[part="message"]')).to.have.length(2);
  });

  it("a failed correction is retried by its own id", async () => {
    const { container, retried } = await show([
      message("m1", noon, "out", { state: "delivered" }),
      message("c1", noon + 1000, "out", { body: "fixed", replaces: "m1", state: "failed", reason: "gone" }),
    ]);
    (container.querySelector('[part="retry"]') as HTMLButtonElement).click();
    expect(retried()).to.equal("c1");
  });

  it("is accessible (axe)", async () => {
    const { container } = await show(
      [
        message("y1", noon - DAY, "in"),
        message("t1", noon, "out", { state: "read" }),
        message("h1", noon + 1, "in", { kind: "headline" }),
      ],
      { editable: "t1" },
    );
    await expect(container).to.be.accessible();
  });
});
