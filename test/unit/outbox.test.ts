import { expect } from "@open-wc/testing";
import { XmppminiError } from "../../src/errors.js";
import { Outbox } from "../../src/session/outbox.js";
import { MessageStore } from "../../src/store/message-store.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";

function draft(id: string, timestamp: number): ChatMessage {
  return { id, from: "me@x", to: "bob@x", peer: "bob@x", body: id, direction: "out", timestamp };
}

function outbox() {
  const store = new MessageStore(Promise.resolve(null));
  const changes: Array<[string, string | undefined]> = [];
  const box = new Outbox(store, "me@x", {
    changed: (m) => changes.push([m.id, m.state]),
    storageFailed: () => undefined,
  });
  return { box, store, changes };
}

describe("Outbox", () => {
  it("keeps new messages as pending and sends them oldest first, once per session", async () => {
    const { box, store } = outbox();
    box.add(draft("b", 2));
    box.add(draft("a", 1));
    expect((await store.pending("me@x")).map((m) => m.id)).to.deep.equal(["a", "b"]);
    const sent: string[] = [];
    const transmit = async (m: ChatMessage) => void sent.push(m.id);
    await box.flush(transmit);
    await box.flush(transmit);
    expect(sent).to.deep.equal(["a", "b"]);
    box.newSession();
    await box.flush(transmit);
    expect(sent).to.deep.equal(["a", "b", "a", "b"]);
  });

  it("stops at a lost connection with the rest still pending, and fails a message for its own fault", async () => {
    const { box, changes } = outbox();
    for (const [id, t] of [
      ["1", 1],
      ["2", 2],
      ["3", 3],
    ] as const)
      box.add(draft(id, t));
    await box.flush(async (m) => {
      if (m.id === "1") throw new XmppminiError("not-found", "no such user");
      if (m.id === "2") throw new XmppminiError("not-connected", "gone");
    });
    expect(changes).to.deep.equal([["1", "failed"]]);
    const sent: string[] = [];
    await box.flush(async (m) => void sent.push(m.id));
    expect(sent).to.deep.equal(["2", "3"]);
    expect(box.retry("1")).to.equal(true);
    await box.flush(async (m) => void sent.push(m.id));
    expect(sent).to.deep.equal(["2", "3", "1"]);
  });

  it("moves states only forward, and only on the peer's word for receipts", async () => {
    const { box, store, changes } = outbox();
    box.add(draft("m", 1));
    box.advance("m", "delivered", "mallory@x");
    expect(changes).to.deep.equal([]);
    box.advance("m", "delivered", "bob@x");
    box.advance("m", "sent");
    box.advance("m", "read", "bob@x");
    box.fail("m", "too late");
    expect(changes).to.deep.equal([
      ["m", "delivered"],
      ["m", "read"],
    ]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await store.recent("me@x", 5))[0]!.state).to.equal("read");
  });

  it("believes a bounce only from where the message went, or from our own server or account", async () => {
    const { box, changes } = outbox();
    const own = { bare: "me@x", domain: "x" };
    const error = (id: string, from: string) => ({
      id,
      from,
      peer: from.split("/")[0]!,
      condition: "service-unavailable",
      text: "gone",
    });
    box.add(draft("m", 1));
    // Sent to the peer's real address, which differs from its public one.
    await box.flush(async () => "Bob@Real.X");
    expect(box.bounce(error("m", "mallory@x/desk"), own)).to.equal("untrusted");
    expect(box.bounce(error("m", "x.evil"), own)).to.equal("untrusted");
    expect(changes).to.deep.equal([]);
    expect(box.bounce(error("m", "bob@real.x/phone"), own)).to.equal("failed");
    expect(changes).to.deep.equal([["m", "failed"]]);
    expect(box.bounce(error("nothing-of-ours", "bob@real.x"), own)).to.equal("unknown");
    for (const [id, from] of [
      ["p", "bob@x"],
      ["s", "x"],
      ["o", "me@x/other"],
    ] as const) {
      box.add(draft(id, 2));
      expect(box.bounce(error(id, from), own), from).to.equal("failed");
    }
  });

  it("believes a room's bounce only from the room itself, not from an occupant (whose address is the room's too)", async () => {
    const { box } = outbox();
    const own = { bare: "me@x", domain: "x" };
    const room = "team@conference.x";
    box.add({ ...draft("r", 1), peer: room, to: room, room: true, nick: "me" });
    await box.flush(async () => room);
    const error = (from: string) => ({ id: "r", from, peer: room, condition: "forbidden", text: undefined });
    expect(box.bounce(error(`${room}/mallory`), own)).to.equal("untrusted");
    expect(box.bounce(error(room), own)).to.equal("failed");
  });

  it("takes a room's word for delivery only for a message to that room", () => {
    const { box, changes } = outbox();
    box.add(draft("m", 1));
    box.advance("m", "delivered", "team@conference.x");
    expect(changes).to.deep.equal([]);
    box.add({ ...draft("r", 2), peer: "team@conference.x", room: true });
    box.advance("r", "delivered", "team@conference.x");
    expect(changes).to.deep.equal([["r", "delivered"]]);
  });
});
