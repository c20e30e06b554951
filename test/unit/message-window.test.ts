import { expect } from "@open-wc/testing";
import { Conversations } from "../../src/session/conversations.js";
import { MessageWindow, WINDOW_SIZE, WINDOW_STEP } from "../../src/ui/controllers/message-window.js";

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
  it("renders the newest WINDOW_SIZE and keeps following them as messages arrive", () => {
    const conversations = conversationOf(1000);
    const window = new MessageWindow();
    let shown = ids(window, conversations);
    expect(shown).to.have.length(WINDOW_SIZE);
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
    expect(shown).to.have.length(WINDOW_SIZE);
    expect(shown.at(-1)).to.equal(1001);
    expect(window.slice(conversations.active!).moreAbove).to.equal(true);
  });

  it("slides up and down by a step, never holding more than WINDOW_SIZE, and stops at both ends", () => {
    const conversations = conversationOf(1000);
    const window = new MessageWindow();
    expect(window.up(conversations.active!)).to.equal(true);
    let shown = ids(window, conversations);
    expect(shown[0]).to.equal(1000 - WINDOW_SIZE - WINDOW_STEP + 1);
    expect(shown).to.have.length(WINDOW_SIZE);
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
    const conversations = conversationOf(100, 501);
    const window = new MessageWindow();
    expect(window.up(conversations.active!)).to.equal(false);
    for (let index = 500; index > 100; index -= 1) {
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
    // Following: the newest WINDOW_SIZE, of which the loaded ones are the top.
    expect(ids(window, conversations)[0]).to.equal(600 - WINDOW_SIZE + 1);
    expect(window.up(conversations.active!)).to.equal(true);
    expect(ids(window, conversations)[0]).to.equal(600 - WINDOW_SIZE - WINDOW_STEP + 1);
    window.follow();
    expect(ids(window, conversations).at(-1)).to.equal(600);
  });
});
