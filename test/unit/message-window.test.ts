import { expect } from "@open-wc/testing";
import { Conversations } from "../../src/session/conversations.js";
import { FOLLOW_SIZE, MessageWindow, WINDOW_SIZE, WINDOW_STEP } from "../../src/ui/controllers/message-window.js";

function conversationOf(count: number, first = 1) {
  const conversations = new Conversations();
  for (let index = first; index < first + count; index += 1) {
    conversations.add({
      id: `m${index}`,
      peer: "bob@x",
      from: "bob@x",
      to: "me@x",
      body: String(index),
      direction: "in",
      timestamp: index,
      order: index,
    });
  }
  return conversations;
}

const ids = (window: MessageWindow, conversations: Conversations) =>
  window.slice(conversations.active!).messages.map((m) => Number(m.body));

describe("MessageWindow", () => {
  it("renders the newest FOLLOW_SIZE and keeps following them as messages arrive", () => {
    const conversations = conversationOf(1000);
    const window = new MessageWindow();
    let shown = ids(window, conversations);
    expect(shown).to.have.length(FOLLOW_SIZE);
    expect(shown.at(-1)).to.equal(1000);
    conversations.add({
      id: "new",
      peer: "bob@x",
      from: "bob@x",
      to: "me@x",
      body: "1001",
      direction: "in",
      timestamp: 1001,
      order: 1001,
    });
    shown = ids(window, conversations);
    expect(shown).to.have.length(FOLLOW_SIZE);
    expect(shown.at(-1)).to.equal(1001);
    expect(window.slice(conversations.active!).moreAbove).to.equal(true);
  });

  it("grows up by a step to WINDOW_SIZE, then slides up and down, and stops at both ends", () => {
    const conversations = conversationOf(1000);
    const window = new MessageWindow();
    expect(window.up(conversations.active!)).to.equal(true);
    let shown = ids(window, conversations);
    expect(shown[0]).to.equal(1000 - FOLLOW_SIZE - WINDOW_STEP + 1);
    expect(shown).to.have.length(FOLLOW_SIZE + WINDOW_STEP);
    // Grown to its full size, the window slides: the newest leave as older ones come.
    while (ids(window, conversations).length < WINDOW_SIZE) window.up(conversations.active!);
    expect(ids(window, conversations).at(-1)).to.equal(1000);
    expect(window.up(conversations.active!)).to.equal(true);
    shown = ids(window, conversations);
    expect(shown).to.have.length(WINDOW_SIZE);
    expect(shown.at(-1)).to.equal(1000 - WINDOW_STEP);
    expect(window.following).to.equal(false);
    while (window.up(conversations.active!));
    shown = ids(window, conversations);
    expect(shown[0]).to.equal(1);
    expect(shown).to.have.length(WINDOW_SIZE);
    expect(window.slice(conversations.active!).previous).to.equal(undefined);
    // A message arriving meanwhile does not move a window the person scrolled away from.
    conversations.add({
      id: "new",
      peer: "bob@x",
      from: "bob@x",
      to: "me@x",
      body: "1001",
      direction: "in",
      timestamp: 1001,
      order: 1001,
    });
    expect(ids(window, conversations)[0]).to.equal(1);
    while (window.down(conversations.active!));
    shown = ids(window, conversations);
    expect(shown.at(-1)).to.equal(1001);
    expect(shown).to.have.length(WINDOW_SIZE);
    expect(window.following).to.equal(true);
  });

  it("older messages loaded above do not shift the window; sliding up then shows them", () => {
    const conversations = conversationOf(FOLLOW_SIZE, 601 - FOLLOW_SIZE);
    const window = new MessageWindow();
    expect(window.up(conversations.active!)).to.equal(false);
    for (let index = 600 - FOLLOW_SIZE; index > 100; index -= 1) {
      conversations.add({
        id: `o${index}`,
        peer: "bob@x",
        from: "bob@x",
        to: "me@x",
        body: String(index),
        direction: "in",
        timestamp: index,
        order: index,
      });
    }
    // Following: the newest FOLLOW_SIZE, as before the older ones were loaded.
    expect(ids(window, conversations)[0]).to.equal(600 - FOLLOW_SIZE + 1);
    expect(window.up(conversations.active!)).to.equal(true);
    expect(ids(window, conversations)[0]).to.equal(600 - FOLLOW_SIZE - WINDOW_STEP + 1);
    window.follow();
    expect(ids(window, conversations).at(-1)).to.equal(600);
  });
});
