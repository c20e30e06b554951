import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import type { Element } from "@xmpp/xml";
import type { XmppminiError } from "../../src/errors.js";
import { Rooms, type RoomView } from "../../src/session/rooms.js";

const ROOM = "big@conference.x";
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function occupantPresence(
  nick: string,
  {
    role = "participant",
    type,
    self = false,
    codes = [],
    newNick,
  }: { role?: string; type?: string; self?: boolean; codes?: string[]; newNick?: string } = {},
) {
  return xml(
    "presence",
    { from: `${ROOM}/${nick}`, to: "me@x/web", ...(type && { type }) },
    xml(
      "x",
      { xmlns: "http://jabber.org/protocol/muc#user" },
      xml("item", { affiliation: "none", role, ...(newNick && { nick: newNick }) }),
      ...[...(self ? ["110"] : []), ...codes].map((code) => xml("status", { code })),
    ),
  );
}

function refusal(nick: string, condition: string) {
  return xml(
    "presence",
    { from: `${ROOM}/${nick}`, type: "error" },
    xml("error", { type: "cancel" }, xml(condition, { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" })),
  );
}

function newRooms() {
  const views: RoomView[] = [];
  const joined: string[] = [];
  const sent: Element[] = [];
  const refusals: XmppminiError[] = [];
  const rooms = new Rooms(
    {
      send: async (stanza) => void sent.push(stanza),
      changed: (view) => views.push(view),
      joined: (room) => joined.push(room),
      newestArchived: async () => undefined,
      refused: (error) => refusals.push(error),
      known: () => false,
    },
    0,
  );
  /** Where each presence sent went, and whether it left. */
  const presences = () =>
    sent.map((stanza) => `${stanza.attrs.type === "unavailable" ? "leave" : "join"} ${stanza.attrs.to}`);
  return { rooms, views, joined, sent, refusals, presences, last: () => views.at(-1)! };
}

describe("Rooms: a big room", () => {
  it("takes a join of 3,000 occupants without sorting them or telling the view for each presence", async () => {
    const { rooms, views, joined } = newRooms();
    rooms.join(ROOM, "me");
    expect(views.map((view) => view.status)).to.deep.equal(["joining"]);
    const sort = Array.prototype.sort;
    let sorts = 0;
    Array.prototype.sort = function (this: unknown[], ...args) {
      sorts += 1;
      return sort.apply(this, args as [((a: unknown, b: unknown) => number)?]);
    };
    try {
      // The room sends the others first, ours last (XEP-0045 §7.2.3), in any order of names.
      for (let index = 2999; index >= 0; index -= 1)
        rooms.presence(
          occupantPresence(`person-${String(index).padStart(4, "0")}`, index === 1500 ? { role: "moderator" } : {}),
        );
      rooms.presence(occupantPresence("me", { self: true }));
    } finally {
      Array.prototype.sort = sort;
    }
    expect(sorts).to.equal(0);
    // Joined is told at once, with everyone in it; nothing more follows for the same presences.
    expect(views.map((view) => [view.status, view.occupants.length])).to.deep.equal([
      ["joining", 0],
      ["joined", 3001],
    ]);
    expect(joined).to.deep.equal([ROOM]);
    await nextTask();
    expect(views).to.have.length(2);
    const shown = views[1]!.occupants.map((occupant) => occupant.nick);
    expect(shown.slice(0, 3)).to.deep.equal(["person-1500", "me", "person-0000"]);
    expect(shown.at(-1)).to.equal("person-2999");
  });

  it("tells the occupants' comings and goings together (here: once per task), in display order", async () => {
    const { rooms, views } = newRooms();
    rooms.join(ROOM, "me");
    rooms.presence(occupantPresence("me", { self: true }));
    views.length = 0;
    for (let index = 0; index < 3000; index += 1) rooms.presence(occupantPresence(`p${index}`));
    for (let index = 0; index < 3000; index += 2)
      rooms.presence(occupantPresence(`p${index}`, { type: "unavailable" }));
    rooms.presence(occupantPresence("p1", { role: "moderator" }));
    expect(views).to.have.length(0);
    await nextTask();
    expect(views).to.have.length(1);
    const nicks = views[0]!.occupants.map((occupant) => occupant.nick);
    expect(nicks).to.have.length(1501);
    expect(nicks.slice(0, 3)).to.deep.equal(["p1", "me", "p1001"]);
    expect(new Set(nicks).size).to.equal(1501);
    expect(rooms.nicks(ROOM)).to.have.length(1501);
  });
});

describe("Rooms: joining and leaving", () => {
  it("tries the next nickname when ours is taken, and shows the one we got", async () => {
    const { rooms, presences, last } = newRooms();
    rooms.join(ROOM, "alice");
    rooms.online(false);
    await nextTask();
    rooms.presence(refusal("alice", "conflict"));
    await nextTask();
    expect(presences()).to.deep.equal([`join ${ROOM}/alice`, `join ${ROOM}/alice2`]);
    rooms.presence(occupantPresence("alice2", { self: true }));
    expect(last()).to.include({ status: "joined", nick: "alice2", wantedNick: "alice" });
    expect(rooms.nickIn(ROOM)).to.equal("alice2");
  });

  it("gives up after a few taken nicknames and says what to do", async () => {
    const { rooms, presences, refusals, last } = newRooms();
    rooms.join(ROOM, "alice");
    rooms.online(false);
    for (const nick of ["alice", "alice2", "alice3", "alice4"]) {
      await nextTask();
      rooms.presence(refusal(nick, "conflict"));
    }
    await nextTask();
    expect(presences()).to.have.length(4);
    expect(last().status).to.equal("error");
    expect(last().problem).to.equal(
      `The nickname "alice" and the ones after it are taken in ${ROOM}: join with another nickname.`,
    );
    expect(refusals.map((error) => error.code)).to.deep.equal(["room-error"]);
  });

  it("a kick leaves the room for us to join again; a ban is an error", () => {
    const { rooms, refusals, last } = newRooms();
    rooms.join(ROOM, "me");
    rooms.presence(occupantPresence("me", { self: true }));
    rooms.presence(occupantPresence("me", { self: true, type: "unavailable", codes: ["307"] }));
    expect(last()).to.include({
      status: "left",
      problem: `A moderator removed you from ${ROOM}: you can join it again.`,
    });
    expect(last().occupants).to.deep.equal([]);
    rooms.join(ROOM, "me");
    rooms.presence(occupantPresence("me", { self: true }));
    rooms.presence(occupantPresence("me", { self: true, type: "unavailable", codes: ["301"] }));
    expect(last().status).to.equal("error");
    expect(refusals).to.have.length(2);
  });

  it("stays in its rooms over a resumed stream, and joins them again on a new one", async () => {
    const { rooms, presences } = newRooms();
    rooms.join(ROOM, "me");
    rooms.online(false);
    await nextTask();
    rooms.presence(occupantPresence("me", { self: true }));
    rooms.offline();
    rooms.online(true);
    await nextTask();
    expect(presences()).to.deep.equal([`join ${ROOM}/me`]);
    rooms.offline();
    rooms.online(false);
    await nextTask();
    expect(presences()).to.deep.equal([`join ${ROOM}/me`, `join ${ROOM}/me`]);
  });

  it("leaves a room once, and does not join it again with the next session", async () => {
    const { rooms, presences, last } = newRooms();
    rooms.join(ROOM, "me");
    rooms.online(false);
    await nextTask();
    rooms.presence(occupantPresence("me", { self: true }));
    rooms.leave(ROOM);
    rooms.leave(ROOM);
    expect(last().status).to.equal("left");
    rooms.offline();
    rooms.online(false);
    await nextTask();
    expect(presences()).to.deep.equal([`join ${ROOM}/me`, `leave ${ROOM}/me`]);
  });

  it("joining under another nickname leaves under the old one first", async () => {
    const { rooms, presences } = newRooms();
    rooms.join(ROOM, "me");
    rooms.online(false);
    await nextTask();
    rooms.presence(occupantPresence("me", { self: true }));
    rooms.join(ROOM, "me");
    rooms.join(ROOM, "myself");
    await nextTask();
    expect(presences()).to.deep.equal([`join ${ROOM}/me`, `leave ${ROOM}/me`, `join ${ROOM}/myself`]);
  });

  it("follows our own nickname change, and takes a new subject without showing a message", () => {
    const { rooms, last } = newRooms();
    rooms.join(ROOM, "me");
    rooms.presence(occupantPresence("me", { self: true }));
    rooms.presence(occupantPresence("me", { self: true, type: "unavailable", codes: ["303"], newNick: "moi" }));
    expect(last().nick).to.equal("moi");
    const subject = xml("message", { type: "groupchat", from: `${ROOM}/ann` }, xml("subject", {}, "Release on Friday"));
    expect(rooms.message(subject)).to.equal(null);
    expect(last().subject).to.equal("Release on Friday");
  });
});
