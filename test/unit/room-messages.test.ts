import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import type { XmppminiError } from "../../src/errors.js";
import { Rooms } from "../../src/session/rooms.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";

const ROOM = "room@muc.x";

/** Rooms where we are `me` in ROOM, this browser having shown its messages before or not. */
function inRoom({ known = false, occupants = ["ann", "bob"] } = {}) {
  const rooms = new Rooms(
    {
      send: async () => undefined,
      changed: () => undefined,
      joined: () => undefined,
      newestArchived: async () => undefined,
      refused: () => undefined,
      known: () => known,
    },
    0,
  );
  rooms.join(ROOM, "me");
  const presence = (nick: string, self = false) =>
    xml(
      "presence",
      { from: `${ROOM}/${nick}` },
      xml(
        "x",
        { xmlns: "http://jabber.org/protocol/muc#user" },
        xml("item", { affiliation: "none", role: "participant" }),
        self ? xml("status", { code: "110" }) : null,
      ),
    );
  for (const nick of occupants) rooms.presence(presence(nick));
  rooms.presence(presence("me", true));
  return rooms;
}

function said(rooms: Rooms, nick: string, body: string, extra: { stamp?: number; mention?: string } = {}) {
  const stanza = xml(
    "message",
    { type: "groupchat", from: `${ROOM}/${nick}`, id: `${nick}-${body.length}` },
    xml("body", {}, body),
    extra.stamp !== undefined
      ? xml("delay", { xmlns: "urn:xmpp:delay", stamp: new Date(extra.stamp).toISOString() })
      : null,
    extra.mention
      ? xml("reference", { xmlns: "urn:xmpp:reference:0", type: "mention", uri: `xmpp:${ROOM}/${extra.mention}` })
      : null,
  );
  return rooms.messages.toChatMessage(rooms.message(stanza)!, "me@x");
}

const draft = (body: string): ChatMessage => ({
  id: "d1",
  from: "me@x",
  to: ROOM,
  peer: ROOM,
  body,
  direction: "out",
  timestamp: 1,
  room: true,
});

describe("RoomMessages", () => {
  it("shows a message from our nickname as ours, and anyone else's as theirs", () => {
    const rooms = inRoom();
    expect(said(rooms, "me", "hello").shown).to.include({
      direction: "out",
      peer: ROOM,
      from: ROOM,
      nick: "me",
      room: true,
    });
    expect(said(rooms, "ann", "hi").shown).to.include({ direction: "in", nick: "ann" });
  });

  it("marks a message that names us, by a reference or by @nick, but never our own", () => {
    const rooms = inRoom();
    expect(said(rooms, "ann", "@me look").shown.mentionsMe).to.equal(true);
    expect(said(rooms, "ann", "look at this", { mention: "me" }).shown.mentionsMe).to.equal(true);
    expect(said(rooms, "ann", "mail me@example.org").shown.mentionsMe).to.equal(undefined);
    expect(said(rooms, "me", "@me note to self").shown.mentionsMe).to.equal(undefined);
  });

  it("puts a first visit's join history where its time says, and a rejoin's after what is shown", () => {
    expect(said(inRoom(), "ann", "said before", { stamp: 5000 }).placement).to.deep.equal({
      history: true,
      order: 5000,
    });
    expect(said(inRoom({ known: true }), "ann", "said before", { stamp: 5000 }).placement).to.deep.equal({
      history: false,
    });
    expect(said(inRoom(), "ann", "live").placement).to.deep.equal({ history: false });
  });

  it("sends our message with a reference for each occupant it mentions", () => {
    const stanza = inRoom().outgoing(draft("@ann and @carol, see @bob"));
    expect(stanza.attrs).to.include({ to: ROOM, type: "groupchat", id: "d1" });
    const mentioned = stanza.getChildren("reference", "urn:xmpp:reference:0").map((reference) => reference.attrs.uri);
    expect(mentioned).to.deep.equal([`xmpp:${ROOM}/ann`, `xmpp:${ROOM}/bob`]);
  });

  it("refuses to send to a room we are not in yet", () => {
    const rooms = new Rooms(
      {
        send: async () => undefined,
        changed: () => undefined,
        joined: () => undefined,
        newestArchived: async () => undefined,
        refused: () => undefined,
        known: () => false,
      },
      0,
    );
    rooms.join(ROOM, "me");
    let failure: unknown;
    try {
      rooms.outgoing(draft("too early"));
    } catch (error) {
      failure = error;
    }
    expect((failure as XmppminiError).code).to.equal("not-connected");
  });

  it("reads the room archive's messages with their archive id and time, and skips a subject", () => {
    const { messages } = inRoom();
    const archived = xml(
      "message",
      { type: "groupchat", from: `${ROOM}/ann`, id: "x1" },
      xml("body", {}, "from the archive"),
    );
    expect(messages.fromArchive(archived, "arch-1", 7000)).to.include({
      room: ROOM,
      nick: "ann",
      archiveId: "arch-1",
      delayedTo: 7000,
    });
    const subject = xml("message", { type: "groupchat", from: `${ROOM}/ann` }, xml("subject", {}, "topic"));
    expect(messages.fromArchive(subject, "arch-2", 8000)).to.equal(null);
    const elsewhere = xml("message", { type: "groupchat", from: "other@muc.x/ann" }, xml("body", {}, "not our room"));
    expect(messages.fromArchive(elsewhere, "arch-3", 9000)).to.equal(null);
  });
});
