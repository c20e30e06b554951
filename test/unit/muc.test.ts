import { expect } from "@open-wc/testing";
import { fastest } from "./fastest.js";
import xml from "@xmpp/xml";
import fc from "fast-check";
import {
  buildRoomMessage,
  findMentions,
  parseOccupantPresence,
  parseRoomMessage,
  parseRoomRefusal,
} from "../../src/xmpp/muc.js";
import { mentionAt, suggestNames } from "../../src/ui/controllers/mention-picker.js";

const ROOM = "team@conference.example.org";
const isRoom = (bare: string) => bare === ROOM;

describe("rooms as stanzas (XEP-0045)", () => {
  it("finds @mentions of known names, longest first, in code points, not inside words", () => {
    expect(findMentions("@Ann Lee and @ann, mail ann@example.org 🎉 @ben", ["ann", "Ann Lee", "ben"])).to.deep.equal([
      { nick: "Ann Lee", begin: 0, end: 8 },
      { nick: "ann", begin: 13, end: 17 },
      { nick: "ben", begin: 42, end: 46 }, // 🎉 is one code point (two UTF-16 units)
    ]);
    expect(findMentions("@bennet is not @ben", ["ben"])).to.deep.equal([{ nick: "ben", begin: 15, end: 19 }]);
  });

  it("finds mentions in time linear in the body: runs of @ and of names (a generous bound, see npm run bench)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("@", "@a", "@al", " ", "l", "@alice", "🎉", "_"), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1_000, max: 100_000 }),
        (motif, length) => {
          const unit = motif.join("");
          const body = unit.repeat(Math.ceil(length / unit.length));
          expect(fastest(() => findMentions(body, ["alice", "al", "a"]), 1_000)).to.be.below(1_000);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("finds the same mentions as a search from each @ would (names in any case, not inside words)", () => {
    const nicks = ["ann", "Ann Lee", "b"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("@", "ann", "ANN", " Lee", "b", " ", "x", "🎉", ","), { maxLength: 20 }),
        (parts) => {
          const body = parts.join("");
          const points = [...body];
          const expected: Array<{ nick: string; begin: number; end: number }> = [];
          for (let index = 0; index < points.length; index += 1) {
            if (points[index] !== "@" || (index > 0 && /[\p{L}\p{N}_]/u.test(points[index - 1]!))) continue;
            const rest = points.slice(index + 1).join("");
            const nick = [...nicks]
              .sort((a, b) => b.length - a.length)
              .find(
                (name) =>
                  rest.toLowerCase().startsWith(name.toLowerCase()) && !/^[\p{L}\p{N}_]/u.test(rest.slice(name.length)),
              );
            if (!nick) continue;
            expected.push({ nick, begin: index, end: index + 1 + [...nick].length });
            index += [...nick].length;
          }
          expect(findMentions(body, nicks)).to.deep.equal(expected);
        },
      ),
    );
  });

  it("cuts a room's subject to a line's worth (1,000 characters)", () => {
    const message = parseRoomMessage(
      xml("message", { from: `${ROOM}/mallory`, type: "groupchat" }, xml("subject", {}, "s".repeat(50_000))),
      isRoom,
    );
    expect(message?.subject?.length).to.equal(1_000);
  });

  it("reads a message whose mention reference is malformed, naming nobody by it", () => {
    const message = parseRoomMessage(
      xml(
        "message",
        { from: `${ROOM}/mallory`, type: "groupchat", id: "m1" },
        xml("body", {}, "hello"),
        xml("reference", {
          xmlns: "urn:xmpp:reference:0",
          type: "mention",
          uri: `xmpp:${ROOM}/%E0%A4%A`,
          begin: "0",
          end: "1",
        }),
        xml("reference", {
          xmlns: "urn:xmpp:reference:0",
          type: "mention",
          uri: `xmpp:${ROOM}/al%69ce`,
          begin: "0",
          end: "1",
        }),
      ),
      isRoom,
    );
    expect(message?.body).to.equal("hello");
    expect(message?.mentioned).to.deep.equal(["alice"]);
  });

  it("a message to the room carries its origin-id and one reference per mention", () => {
    const stanza = buildRoomMessage(ROOM, "hi @ben", "m1", { occupants: ["ben", "ann"] });
    expect(stanza.attrs).to.include({ to: ROOM, type: "groupchat", id: "m1" });
    expect(stanza.getChild("origin-id", "urn:xmpp:sid:0")?.attrs.id).to.equal("m1");
    const references = stanza.getChildren("reference", "urn:xmpp:reference:0");
    expect(references.map((reference) => reference.attrs)).to.deep.equal([
      { xmlns: "urn:xmpp:reference:0", type: "mention", uri: `xmpp:${ROOM}/ben`, begin: "3", end: "7" },
    ]);
  });

  it("reads occupants, ourselves (110), a nickname change (303) and removals; ignores other senders", () => {
    const self = parseOccupantPresence(
      xml(
        "presence",
        { from: `${ROOM}/alice` },
        xml(
          "x",
          { xmlns: "http://jabber.org/protocol/muc#user" },
          xml("item", { role: "participant", affiliation: "member" }),
          xml("status", { code: "110" }),
        ),
      ),
      isRoom,
    );
    expect(self).to.include({ room: ROOM, self: true, available: true });
    expect(self?.occupant).to.deep.equal({ nick: "alice", role: "participant", affiliation: "member" });
    const banned = parseOccupantPresence(
      xml(
        "presence",
        { from: `${ROOM}/alice`, type: "unavailable" },
        xml(
          "x",
          { xmlns: "http://jabber.org/protocol/muc#user" },
          xml("item", { role: "none", affiliation: "outcast" }),
          xml("status", { code: "301" }),
          xml("status", { code: "110" }),
        ),
      ),
      isRoom,
    );
    expect(banned).to.include({ removal: "banned", available: false });
    expect(parseOccupantPresence(xml("presence", { from: "bob@example.org/phone" }), isRoom)).to.equal(null);
    expect(
      parseRoomRefusal(
        xml(
          "presence",
          { from: `${ROOM}/alice`, type: "error" },
          xml("error", { type: "auth" }, xml("not-authorized", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" })),
        ),
        isRoom,
      ),
    ).to.deep.equal({
      room: ROOM,
      condition: "not-authorized",
      text: undefined,
    });
  });

  it("reads a groupchat message: sender, the room's stanza-id only, delay, mentions; a subject alone has no body", () => {
    const message = parseRoomMessage(
      xml(
        "message",
        { from: `${ROOM}/ben`, type: "groupchat", id: "x1" },
        xml("body", {}, "hi @alice"),
        xml("stanza-id", { xmlns: "urn:xmpp:sid:0", by: "ben@example.org", id: "forged" }),
        xml("stanza-id", { xmlns: "urn:xmpp:sid:0", by: ROOM, id: "archive-7" }),
        xml("delay", { xmlns: "urn:xmpp:delay", stamp: "2026-01-02T03:04:05Z" }),
        xml("reference", {
          xmlns: "urn:xmpp:reference:0",
          type: "mention",
          uri: `xmpp:${ROOM}/alice`,
          begin: "3",
          end: "9",
        }),
      ),
      isRoom,
    );
    expect(message).to.deep.include({
      room: ROOM,
      nick: "ben",
      id: "x1",
      body: "hi @alice",
      archiveId: "archive-7",
      delayedTo: Date.parse("2026-01-02T03:04:05Z"),
      mentioned: ["alice"],
    });
    const subject = parseRoomMessage(
      xml("message", { from: ROOM, type: "groupchat" }, xml("subject", {}, "Release day")),
      isRoom,
    );
    expect(subject).to.deep.include({ subject: "Release day", body: null });
    expect(
      parseRoomMessage(xml("message", { from: `${ROOM}/ben`, type: "chat" }, xml("body", {}, "pm")), isRoom),
    ).to.equal(null);
  });

  it("reads the sender's occupant id (XEP-0421) where the message carries one", () => {
    const said = (...children: Array<ReturnType<typeof xml>>) =>
      parseRoomMessage(
        xml("message", { from: `${ROOM}/ben`, type: "groupchat", id: "x2" }, xml("body", {}, "hi"), ...children),
        isRoom,
      );
    expect(said(xml("occupant-id", { xmlns: "urn:xmpp:occupant-id:0", id: "b3n=" }))?.occupantId).to.equal("b3n=");
    expect(said()).not.to.have.property("occupantId");
    expect(said(xml("occupant-id", { xmlns: "urn:xmpp:other", id: "nope" }))).not.to.have.property("occupantId");
  });
});

describe("@-suggestions", () => {
  it("finds the name being typed at the caret, not in an address", () => {
    expect(mentionAt("hello @be", 9)).to.deep.equal({ start: 6, query: "be" });
    expect(mentionAt("mail ann@exa", 12)).to.equal(null);
    expect(mentionAt("@", 1)).to.deep.equal({ start: 0, query: "" });
  });

  it("suggests names that start with it first, then those that contain it", () => {
    expect(suggestNames(["Robert", "bea", "Abe", "carl"], "be")).to.deep.equal(["bea", "Robert", "Abe"]);
  });
});
