import { expect } from "@open-wc/testing";
import xml, { type Element } from "@xmpp/xml";
import type { XmppminiError } from "../../src/errors.js";
import { parseJid } from "../../src/jid/jid.js";
import { Addressing } from "../../src/session/addressing.js";
import { Intake } from "../../src/session/intake.js";
import { Outbox } from "../../src/session/outbox.js";
import { RoomRouting, type RoomAccount } from "../../src/session/room-routing.js";
import type { RoomView } from "../../src/session/rooms.js";
import { MessageStore } from "../../src/store/message-store.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";
import { deferred, FakeConnection, FakeDirectory, iqError, nextTask, result } from "./fake-xmpp.js";

const ROOM = "room@muc.x";
const NS_MAM = "urn:xmpp:mam:2";
const NS_RSM = "http://jabber.org/protocol/rsm";
const NS_MUC_USER = "http://jabber.org/protocol/muc#user";

function selfPresence(nick = "me") {
  return xml(
    "presence",
    { from: `${ROOM}/${nick}`, to: "me@x/web" },
    xml(
      "x",
      { xmlns: NS_MUC_USER },
      xml("item", { affiliation: "member", role: "participant" }),
      xml("status", { code: "110" }),
    ),
  );
}

function groupchat(
  nick: string,
  id: string,
  body: string,
  { archiveId, stamp }: { archiveId?: string; stamp?: number } = {},
) {
  return xml(
    "message",
    { type: "groupchat", from: `${ROOM}/${nick}`, to: "me@x/web", id },
    xml("body", {}, body),
    archiveId ? xml("stanza-id", { xmlns: "urn:xmpp:sid:0", by: ROOM, id: archiveId }) : null,
    stamp !== undefined ? xml("delay", { xmlns: "urn:xmpp:delay", stamp: new Date(stamp).toISOString() }) : null,
  );
}

/**
 * The room's archive (XEP-0313 on the room), answering page requests the way the room does: results as
 * messages on the stream, then the iq with its <fin/>. `gate` lets a test hold an answer back.
 */
function roomArchive(server: FakeConnection, entries: Array<{ id: string; nick: string; body: string; time: number }>) {
  const queries: Array<{ after?: string; before?: string }> = [];
  let gate: Promise<void> = Promise.resolve();
  server.answer(NS_MAM, ROOM, async (iq) => {
    const query = iq.getChild("query", NS_MAM)!;
    const set = query.getChild("set", NS_RSM)!;
    const max = Number(set.getChildText("max"));
    const after = set.getChildText("after") ?? undefined;
    const before = set.getChildText("before") ?? undefined;
    queries.push({ ...(after !== undefined && { after }), ...(before !== undefined && { before }) });
    await gate;
    let page: typeof entries;
    if (after !== undefined) {
      const index = entries.findIndex((entry) => entry.id === after);
      if (index < 0) throw iqError("item-not-found");
      page = entries.slice(index + 1, index + 1 + max);
    } else {
      const end = before ? entries.findIndex((entry) => entry.id === before) : entries.length;
      page = entries.slice(Math.max(0, end - max), end);
    }
    for (const entry of page) {
      const forwarded = xml(
        "forwarded",
        { xmlns: "urn:xmpp:forward:0" },
        xml("delay", { xmlns: "urn:xmpp:delay", stamp: new Date(entry.time).toISOString() }),
        xml(
          "message",
          { type: "groupchat", from: `${ROOM}/${entry.nick}`, id: `origin-${entry.id}` },
          xml("body", {}, entry.body),
        ),
      );
      server.receive(
        xml(
          "message",
          { from: ROOM, to: "me@x/web" },
          xml("result", { xmlns: NS_MAM, queryid: query.attrs.queryid, id: entry.id }, forwarded),
        ),
      );
    }
    const complete = after !== undefined ? page.at(-1) === entries.at(-1) || page.length === 0 : true;
    return result(
      iq,
      xml(
        "fin",
        { xmlns: NS_MAM, complete: String(complete) },
        xml("set", { xmlns: NS_RSM }, xml("first", {}, page[0]?.id ?? ""), xml("last", {}, page.at(-1)?.id ?? "")),
      ),
    );
  });
  return {
    queries,
    hold: () => {
      const opened = deferred();
      gate = opened.promise;
      return opened.resolve;
    },
  };
}

function setup({ known = false } = {}) {
  const server = new FakeConnection();
  const store = new MessageStore(Promise.resolve(null));
  const accepted: Array<ChatMessage & { history: boolean; replyTo: string }> = [];
  const intake = new Intake("me@x", () => new Addressing(new FakeDirectory((address) => address), undefined), {
    accept: (message, details) => accepted.push({ ...message, ...details }),
    ownMessageSeen: () => undefined,
  });
  const states: Array<[string, string | undefined]> = [];
  const outbox = new Outbox(store, "me@x", {
    changed: (message) => states.push([message.id, message.state]),
    storageFailed: () => undefined,
  });
  const account: RoomAccount = { jid: parseJid("me@x"), intake, outbox };
  const session = { signedIn: true, online: true };
  const views: RoomView[] = [];
  const reports: XmppminiError[] = [];
  let flushes = 0;
  const routing = new RoomRouting({
    account: () => (session.signedIn ? account : null),
    connection: () => (session.online ? server.connection : null),
    store,
    changed: (view) => views.push(view),
    flush: () => void (flushes += 1),
    report: (error) => reports.push(error),
    known: () => known,
  });
  /** Joins the room as `me` on a connection that is up, and lets the room say we are in. */
  const joinRoom = async () => {
    routing.rooms.join(ROOM, "me");
    routing.rooms.online(false);
    await nextTask();
    routing.route(account, selfPresence());
  };
  return {
    server,
    store,
    routing,
    account,
    accepted,
    states,
    views,
    reports,
    session,
    flushes: () => flushes,
    joinRoom,
    bodies: () => accepted.map((message) => message.body),
  };
}

const historyAsked = (presence: Element | undefined) =>
  presence?.getChild("x", "http://jabber.org/protocol/muc")?.getChild("history")?.attrs.maxstanzas;

describe("RoomRouting", () => {
  it("joins once online, asking for the room's recent history on a first visit, and lets what waits go out once in", async () => {
    const { server, routing, account, views, flushes } = setup();
    routing.rooms.join(ROOM, "me");
    await nextTask();
    expect(server.sent).to.have.length(0);
    routing.rooms.online(false);
    await nextTask();
    expect(server.sent.map((stanza) => stanza.attrs.to)).to.deep.equal([`${ROOM}/me`]);
    expect(historyAsked(server.sent[0])).to.equal("50");
    expect(flushes()).to.equal(0);
    routing.route(account, selfPresence());
    expect(views.map((view) => view.status)).to.deep.equal(["joining", "joining", "joined"]);
    expect(flushes()).to.equal(1);
  });

  it("rejoins asking no history, and takes what was said meanwhile from the room's archive, as news", async () => {
    const { server, store, accepted, joinRoom } = setup({ known: true });
    await store.save("me@x", {
      id: "seen",
      from: ROOM,
      to: "me@x",
      peer: ROOM,
      body: "before",
      direction: "in",
      timestamp: 1,
      room: true,
      nick: "ann",
      archiveId: "r1",
    });
    const archive = roomArchive(server, [
      { id: "r1", nick: "ann", body: "before", time: 1 },
      { id: "r2", nick: "ann", body: "while away", time: 2 },
      { id: "r3", nick: "bob", body: "also while away", time: 3 },
    ]);
    await joinRoom();
    await nextTask();
    expect(historyAsked(server.sent[0])).to.equal("0");
    expect(archive.queries).to.deep.equal([{ after: "r1" }]);
    expect(accepted.map(({ body, history, nick }) => ({ body, history, nick }))).to.deep.equal([
      { body: "while away", history: false, nick: "ann" },
      { body: "also while away", history: false, nick: "bob" },
    ]);
  });

  it("holds the room's live messages until its catch-up is over", async () => {
    const { server, store, routing, account, bodies, joinRoom } = setup({ known: true });
    await store.save("me@x", {
      id: "seen",
      from: ROOM,
      to: "me@x",
      peer: ROOM,
      body: "before",
      direction: "in",
      timestamp: 1,
      room: true,
      nick: "ann",
      archiveId: "r1",
    });
    const archive = roomArchive(server, [
      { id: "r1", nick: "ann", body: "before", time: 1 },
      { id: "r2", nick: "ann", body: "while away", time: 2 },
    ]);
    const answer = archive.hold();
    await joinRoom();
    routing.route(account, groupchat("bob", "live-1", "live, during the catch-up"));
    await nextTask();
    expect(bodies()).to.deep.equal([]);
    answer();
    await nextTask();
    expect(bodies()).to.deep.equal(["while away", "live, during the catch-up"]);
  });

  it("takes the archive's newest page when it no longer has the message we stopped at", async () => {
    const { server, store, bodies, joinRoom } = setup({ known: true });
    await store.save("me@x", {
      id: "seen",
      from: ROOM,
      to: "me@x",
      peer: ROOM,
      body: "long ago",
      direction: "in",
      timestamp: 1,
      room: true,
      nick: "ann",
      archiveId: "expired",
    });
    const archive = roomArchive(server, [{ id: "r9", nick: "ann", body: "recent", time: 9 }]);
    await joinRoom();
    await nextTask();
    expect(archive.queries).to.deep.equal([{ after: "expired" }, { before: "" }]);
    expect(bodies()).to.deep.equal(["recent"]);
  });

  it("says so when the catch-up cannot be fetched, and still shows the live messages", async () => {
    const { server, store, routing, account, reports, bodies, joinRoom } = setup({ known: true });
    await store.save("me@x", {
      id: "seen",
      from: ROOM,
      to: "me@x",
      peer: ROOM,
      body: "before",
      direction: "in",
      timestamp: 1,
      room: true,
      nick: "ann",
      archiveId: "r1",
    });
    const gate = deferred();
    server.answer(NS_MAM, ROOM, async () => {
      await gate.promise;
      throw iqError("internal-server-error");
    });
    await joinRoom();
    routing.route(account, groupchat("bob", "live-1", "live"));
    gate.resolve();
    await nextTask();
    expect(reports.map((error) => error.message)).to.deep.equal([
      `What was said in ${ROOM} while you were away could not be fetched.`,
    ]);
    expect(bodies()).to.deep.equal(["live"]);
  });

  it("shows a first visit's join history as old history, where its time puts it", async () => {
    const { routing, account, accepted, joinRoom } = setup();
    await joinRoom();
    routing.route(account, groupchat("ann", "h1", "said an hour ago", { stamp: 1_000_000 }));
    await nextTask();
    expect(accepted.map(({ body, history, order }) => ({ body, history, order }))).to.deep.equal([
      { body: "said an hour ago", history: true, order: 1_000_000 },
    ]);
  });

  it("marks our message delivered when the room reflects it back to us", async () => {
    const { routing, account, states, accepted, joinRoom } = setup();
    await joinRoom();
    account.outbox.add({
      id: "m1",
      from: "me@x",
      to: ROOM,
      peer: ROOM,
      body: "hi all",
      direction: "out",
      timestamp: 1,
      room: true,
    });
    routing.route(account, groupchat("me", "m1", "hi all"));
    await nextTask();
    expect(states).to.deep.equal([["m1", "delivered"]]);
    expect(accepted[0]!.direction).to.equal("out");
  });

  it("takes an occupant's private message as a conversation with that occupant", async () => {
    const { routing, account, accepted, joinRoom } = setup();
    await joinRoom();
    routing.route(
      account,
      xml("message", { type: "chat", from: `${ROOM}/ann`, to: "me@x/web", id: "p1" }, xml("body", {}, "psst")),
    );
    await nextTask();
    expect(accepted.map(({ peer, nick, body, room }) => ({ peer, nick, body, room }))).to.deep.equal([
      { peer: `${ROOM}/ann`, nick: "ann", body: "psst", room: undefined },
    ]);
  });

  it("reports a room's refusal while its account is signed in, and not after", async () => {
    const { routing, account, reports, views, session } = setup();
    const refusal = (condition: string) =>
      xml(
        "presence",
        { from: `${ROOM}/me`, type: "error" },
        xml("error", { type: "auth" }, xml(condition, { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" })),
      );
    routing.rooms.join(ROOM, "me");
    routing.route(account, refusal("forbidden"));
    expect(reports.map((error) => [error.code, error.message])).to.deep.equal([
      ["room-error", `You are banned from ${ROOM}: only its owner or an admin can let you back in.`],
    ]);
    session.signedIn = false;
    views.length = 0;
    routing.rooms.join(ROOM, "me");
    routing.route(account, refusal("forbidden"));
    expect(reports).to.have.length(1);
    expect(views).to.deep.equal([]);
  });

  it("pages back through the room's archive, above the oldest message shown", async () => {
    const { server, routing, account, accepted, joinRoom } = setup();
    const archive = roomArchive(server, [
      { id: "r1", nick: "ann", body: "oldest", time: 1 },
      { id: "r2", nick: "bob", body: "older", time: 2 },
      { id: "r3", nick: "ann", body: "shown", time: 3 },
    ]);
    await joinRoom();
    const taken = await routing.loadOlder(account, server.connection, ROOM, {
      order: 100,
      timestamp: 3,
      archiveId: "r3",
    });
    expect(taken).to.equal(2);
    expect(archive.queries).to.deep.equal([{ before: "r3" }]);
    expect(accepted.map(({ body, history }) => ({ body, history }))).to.deep.equal([
      { body: "oldest", history: true },
      { body: "older", history: true },
    ]);
    expect(accepted[0]!.order).to.be.lessThan(accepted[1]!.order!);
    expect(accepted[1]!.order).to.be.lessThan(100);
  });
});
