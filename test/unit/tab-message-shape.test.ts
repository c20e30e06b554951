import { expect } from "@open-wc/testing";
import { isTabMessage } from "../../src/session/tab-message-shape.js";
import { TabCoordinator } from "../../src/session/tab-coordinator.js";
import type { TabMessage } from "../../src/session/tab-coordinator.js";

const message = {
  id: "m1",
  from: "alice@localhost",
  to: "bob@localhost",
  peer: "bob@localhost",
  body: "hi",
  direction: "out",
  timestamp: 1,
};

describe("messages between tabs are checked by shape", () => {
  it("accepts each kind the tabs send", () => {
    const good: unknown[] = [
      { type: "hello" },
      { type: "status", status: "online", transport: "bosh" },
      { type: "message", message },
      {
        type: "send",
        message: { ...message, state: "pending", attachment: { url: "https://x.example/f.png", size: 3 } },
      },
      { type: "retry", id: "m1" },
      { type: "read", peer: "bob@localhost", upTo: 3.5 },
      { type: "peer", peer: "bob@localhost", news: { presence: { availability: "away", status: "lunch" } } },
      {
        type: "room",
        view: {
          jid: "r@c",
          nick: "a",
          status: "joined",
          subject: "",
          occupants: [{ nick: "a", role: "moderator", affiliation: "owner" }],
        },
      },
      { type: "join", room: "r@c", nick: "a" },
      { type: "upload-service", service: undefined },
      { type: "slot", requestId: "1", slot: { putUrl: "https://u", headers: { a: "b" }, getUrl: "https://g" } },
    ];
    for (const value of good) expect(isTabMessage(value), JSON.stringify(value)).to.equal(true);
  });

  it("refuses unknown kinds, missing fields and fields of the wrong type", () => {
    const bad: unknown[] = [
      null,
      "hello",
      [],
      { type: "format-disk" },
      { type: "toString" },
      { type: "send" },
      { type: "send", message: { ...message, body: 42 } },
      { type: "send", message: { ...message, direction: "sideways" } },
      { type: "send", message: { ...message, timestamp: "now" } },
      { type: "send", message: { ...message, attachment: { url: 5 } } },
      { type: "read", peer: "bob@localhost", upTo: Number.NaN },
      { type: "status", status: "pwned" },
      { type: "room", view: { jid: "r@c", nick: "a", status: "joined", subject: "", occupants: [{ nick: 1 }] } },
      { type: "join", room: "r@c" },
      { type: "slot", requestId: "1", slot: { putUrl: "https://u", headers: { a: 1 }, getUrl: "https://g" } },
    ];
    for (const value of bad) expect(isTabMessage(value), JSON.stringify(value)).to.equal(false);
  });

  it("a coordinator skips what is malformed (with a warning) and handles the message after it", async () => {
    const name = `shape-test-${Math.random()}`;
    const heard: TabMessage[] = [];
    const coordinator = new TabCoordinator(name, (tabMessage) => {
      if (tabMessage.type === "retry" && tabMessage.id === "throws") throw new Error("a handler that fails");
      heard.push(tabMessage);
    });
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args);
    try {
      const other = new BroadcastChannel(name);
      other.postMessage([
        { type: "send", message: { ...message, body: null } },
        { type: "retry", id: "throws" },
        { type: "retry", id: "m2" },
      ]);
      other.close();
      await new Promise<void>((resolve) => {
        const started = Date.now();
        const check = () => (heard.length > 0 || Date.now() - started > 5000 ? resolve() : setTimeout(check, 10));
        check();
      });
    } finally {
      console.warn = original;
      coordinator.close();
    }
    expect(heard).to.deep.equal([{ type: "retry", id: "m2" }]);
    expect(warnings.length).to.equal(2);
  });
});
