import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import { Addressing } from "../../src/session/addressing.js";
import { Intake } from "../../src/session/intake.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";
import { deferred, FakeDirectory, nextTask, withoutWarnings } from "./fake-xmpp.js";

const NS_SID = "urn:xmpp:sid:0";

function chat(from: string, id: string, body = id, extra: { stamp?: string; to?: string; stanzaId?: string } = {}) {
  return xml(
    "message",
    { type: "chat", from, to: extra.to ?? "me@x/web", id },
    xml("body", {}, body),
    extra.stanzaId ? xml("stanza-id", { xmlns: NS_SID, by: "me@x", id: extra.stanzaId }) : null,
    extra.stamp ? xml("delay", { xmlns: "urn:xmpp:delay", stamp: extra.stamp }) : null,
  );
}

function parsed(stanza: ReturnType<typeof chat>): ChatMessage {
  const from = String(stanza.attrs.from).split("/")[0]!;
  return {
    id: String(stanza.attrs.id),
    from,
    to: "me@x",
    peer: from,
    body: stanza.getChildText("body") ?? "",
    direction: "in",
    timestamp: 1000,
  };
}

function newIntake(addressing: Addressing | null = new Addressing(new FakeDirectory((address) => address), undefined)) {
  const accepted: Array<ChatMessage & { history: boolean; replyTo: string }> = [];
  const ownSeen: string[] = [];
  const intake = new Intake("me@x", () => addressing, {
    accept: (message, details) => accepted.push({ ...message, ...details }),
    ownMessageSeen: (id) => ownSeen.push(id),
  });
  const live = (stanza: ReturnType<typeof chat>, sent = false) => intake.live(stanza, parsed(stanza), sent);
  return { intake, accepted, ownSeen, live, bodies: () => accepted.map((message) => message.body) };
}

describe("Intake", () => {
  it("holds live messages until the catch-up is released, then shows them after it", async () => {
    const { intake, live, bodies } = newIntake();
    intake.hold();
    live(chat("bob@x/phone", "live-1"));
    live(chat("bob@x/phone", "live-2"));
    await nextTask();
    expect(bodies()).to.deep.equal([]);
    await intake.archived(
      [{ archiveId: "a1", message: chat("bob@x/phone", "missed"), timestamp: 500 }],
      "me@x",
      () => ({ history: false }),
    );
    intake.release();
    await nextTask();
    expect(bodies()).to.deep.equal(["missed", "live-1", "live-2"]);
  });

  it("drops a redelivered message it already showed", async () => {
    const { live, bodies } = newIntake();
    live(chat("bob@x/phone", "m1", "hello"));
    live(chat("bob@x/phone", "m1", "hello"));
    await nextTask();
    expect(bodies()).to.deep.equal(["hello"]);
  });

  it("drops an archived message whose stanza-id this browser already stored", async () => {
    const { intake, accepted } = newIntake();
    intake.rememberStored([{ peer: "bob@x", id: "s-old" }]);
    const page = [
      { archiveId: "s-old", message: chat("bob@x/phone", "", "stored long ago"), timestamp: 1 },
      { archiveId: "s-new", message: chat("bob@x/phone", "", "not seen yet"), timestamp: 2 },
    ];
    for (const { message } of page) delete message.attrs.id;
    const taken = await intake.archived(page, "me@x", () => ({ history: true }));
    expect(taken).to.equal(1);
    expect(accepted.map((message) => [message.id, message.body])).to.deep.equal([["s-new", "not seen yet"]]);
  });

  it("takes the same id in two conversations as two messages", async () => {
    const { live, bodies } = newIntake();
    live(chat("bob@x/phone", "same", "to bob"));
    live(chat("carol@x/desk", "same", "to carol"));
    await nextTask();
    expect(bodies()).to.deep.equal(["to bob", "to carol"]);
  });

  it("keeps arrival order while a directory lookup for an earlier sender is slow", async () => {
    const slow = deferred<string>();
    const directory = new FakeDirectory((address) => (address === "ann@x" ? slow.promise : address));
    const { live, accepted } = newIntake(new Addressing(directory, "x"));
    live(chat("ann@s1.x/phone", "first"));
    live(chat("zed@other.y/desk", "second"));
    await nextTask();
    expect(accepted).to.have.length(0);
    slow.resolve("ann@s1.x");
    await nextTask();
    expect(accepted.map((message) => [message.body, message.peer])).to.deep.equal([
      ["first", "ann@x"],
      ["second", "zed@other.y"],
    ]);
  });

  it("puts an arrival after everything shown, even when its stamp is older", async () => {
    const { intake, accepted } = newIntake();
    intake.remember({
      id: "shown",
      from: "bob@x",
      to: "me@x",
      peer: "bob@x",
      body: "",
      direction: "in",
      timestamp: 5000,
      order: 9000,
    });
    const stanza = chat("bob@x/phone", "late", "sent an hour ago", { stamp: new Date(1000).toISOString() });
    intake.live(stanza, { ...parsed(stanza), timestamp: 1000 }, false);
    await nextTask();
    expect(accepted[0]!.order).to.be.greaterThan(9000);
    expect(accepted[0]!.timestamp).to.equal(1000);
  });

  it("takes a carbon of our own message as ours, in the conversation with its recipient", async () => {
    const { live, accepted, ownSeen } = newIntake();
    live(chat("me@x/phone", "mine", "sent from my phone", { to: "bob@x/desk" }), true);
    await nextTask();
    expect(ownSeen).to.deep.equal(["mine"]);
    expect(accepted.map(({ direction, from, to, peer }) => ({ direction, from, to, peer }))).to.deep.equal([
      { direction: "out", from: "me@x", to: "bob@x", peer: "bob@x" },
    ]);
  });

  it("reads a message of the archive from our real address as one we sent", async () => {
    const { intake, accepted } = newIntake();
    const sent = chat("me@s1.x/phone", "mine", "from me", { to: "bob@x" });
    await intake.archived([{ archiveId: "a1", message: sent, timestamp: 1 }], "me@s1.x", () => ({ history: true }));
    expect(accepted.map(({ direction, peer, history }) => ({ direction, peer, history }))).to.deep.equal([
      { direction: "out", peer: "bob@x", history: true },
    ]);
  });

  it("skips a message that cannot be taken and goes on with the next", async () => {
    const { intake, bodies } = newIntake();
    const warned = await withoutWarnings(async () => {
      void intake.inTurn(async () => {
        throw new Error("unreadable");
      });
      await intake.fromRoom(
        {
          id: "r1",
          from: "room@muc.x",
          to: "me@x",
          peer: "room@muc.x",
          body: "after it",
          direction: "in",
          timestamp: 1,
        },
        { history: false },
        "room@muc.x",
      );
    });
    expect(warned).to.have.length(1);
    expect(bodies()).to.deep.equal(["after it"]);
  });

  it("takes nothing while there is no connection to address it with", async () => {
    const { live, accepted } = newIntake(null);
    live(chat("bob@x/phone", "m1"));
    await nextTask();
    expect(accepted).to.have.length(0);
  });

  it("holds a room's messages with the live ones, and says whether each was new", async () => {
    const { intake, bodies } = newIntake();
    const message: ChatMessage = {
      id: "r1",
      from: "room@muc.x",
      to: "me@x",
      peer: "room@muc.x",
      body: "in the room",
      direction: "in",
      timestamp: 1,
    };
    intake.hold();
    const first = intake.fromRoom(message, { history: false }, "room@muc.x/ann");
    await nextTask();
    expect(bodies()).to.deep.equal([]);
    intake.release();
    expect(await first).to.equal(true);
    expect(await intake.fromRoom(message, { history: false }, "room@muc.x/ann")).to.equal(false);
    expect(bodies()).to.deep.equal(["in the room"]);
  });
});
