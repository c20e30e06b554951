import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import { Rooms, type RoomView } from "../../src/session/rooms.js";

const ROOM = "big@conference.x";
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function occupantPresence(nick: string, { role = "participant", type, self = false }: { role?: string; type?: string; self?: boolean } = {}) {
  return xml(
    "presence",
    { from: `${ROOM}/${nick}`, to: "me@x/web", ...(type && { type }) },
    xml("x", { xmlns: "http://jabber.org/protocol/muc#user" }, xml("item", { affiliation: "none", role }), self ? xml("status", { code: "110" }) : null),
  );
}

function newRooms() {
  const views: RoomView[] = [];
  const joined: string[] = [];
  const rooms = new Rooms({
    send: async () => undefined,
    changed: (view) => views.push(view),
    joined: (room) => joined.push(room),
    newestArchived: async () => undefined,
    refused: () => undefined,
    known: () => false,
  }, 0);
  return { rooms, views, joined };
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
      for (let index = 2999; index >= 0; index -= 1) rooms.presence(occupantPresence(`person-${String(index).padStart(4, "0")}`, index === 1500 ? { role: "moderator" } : {}));
      rooms.presence(occupantPresence("me", { self: true }));
    } finally {
      Array.prototype.sort = sort;
    }
    expect(sorts).to.equal(0);
    // Joined is told at once, with everyone in it; nothing more follows for the same presences.
    expect(views.map((view) => [view.status, view.occupants.length])).to.deep.equal([["joining", 0], ["joined", 3001]]);
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
    for (let index = 0; index < 3000; index += 2) rooms.presence(occupantPresence(`p${index}`, { type: "unavailable" }));
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
