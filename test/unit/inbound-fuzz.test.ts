import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import fc from "fast-check";
import { readInbound } from "../../src/session/inbound.js";
import { Intake } from "../../src/session/intake.js";
import type { Addressing } from "../../src/session/addressing.js";
import type { ChatMessage } from "../../src/xmpp/chat-message.js";
import { parseOccupantPresence, parseRoomMessage, parseRoomRefusal } from "../../src/xmpp/muc.js";
import { parsePresence } from "../../src/xmpp/presence.js";
import { hostileStanza } from "./hostile-stanzas.js";

const OWN = "alice@localhost";
const ROOM = "room@conference.localhost";
const PEERS = [OWN, `${OWN}/web`, "bob@localhost", `${ROOM}/mallory`, ROOM, "localhost"];
const isRoom = (bare: string) => bare === ROOM;

/** Silences the warnings a skipped stanza gives while `run` runs, and counts them. */
async function countingWarnings(run: () => Promise<void> | void): Promise<number> {
  const original = console.warn;
  let warnings = 0;
  console.warn = () => void (warnings += 1);
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe("hostile stanzas on the inbound path", () => {
  it("no reader throws on random and malformed stanzas from the namespaces the widget reads", () => {
    fc.assert(
      fc.property(hostileStanza(PEERS), (stanza) => {
        readInbound(stanza, OWN, OWN);
        parseRoomMessage(stanza, isRoom);
        parseOccupantPresence(stanza, isRoom);
        parseRoomRefusal(stanza, isRoom);
        parsePresence(stanza);
        for (const child of stanza.getChildElements()) {
          const forwarded = child.getChild("forwarded")?.getChild("message");
          if (forwarded) {
            readInbound(forwarded, OWN, OWN);
            parseRoomMessage(forwarded, isRoom);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it("the intake skips an archived message it cannot take and takes the good one after it", async () => {
    const accepted: ChatMessage[] = [];
    // A directory that fails for one sender: its message cannot be addressed, the next one can.
    const addressing = {
      toPublic: async (jid: string) => {
        if (jid.startsWith("broken@")) throw new Error("the directory did not answer");
        return jid;
      },
    } as unknown as Addressing;
    const intake = new Intake(OWN, () => addressing, {
      accept: (message) => accepted.push(message),
      ownMessageSeen: () => undefined,
    });
    const hostile = fc
      .sample(hostileStanza(PEERS), { numRuns: 200, seed: 7 })
      .map((message, index) => ({ message, archiveId: `h${index}`, timestamp: index }));
    const broken = {
      message: xml(
        "message",
        { from: "broken@localhost/x", to: OWN, type: "chat", id: "b1" },
        xml("body", {}, "lost?"),
      ),
      archiveId: "b",
      timestamp: 1,
    };
    const good = {
      message: xml(
        "message",
        { from: "bob@localhost/x", to: OWN, type: "chat", id: "g1" },
        xml("body", {}, "still here"),
      ),
      archiveId: "g",
      timestamp: 2,
    };
    const warnings = await countingWarnings(() =>
      intake.archived([...hostile, broken, good], OWN, () => ({ history: false })).then(() => undefined),
    );
    expect(accepted.at(-1)?.body).to.equal("still here");
    expect(accepted.some((message) => message.id === "b1")).to.equal(false);
    expect(warnings).to.be.greaterThan(0);
  });
});
