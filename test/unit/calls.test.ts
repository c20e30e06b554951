import { expect, fixture } from "@open-wc/testing";
import { html, render } from "lit";
import xml from "@xmpp/xml";
import { Conversations } from "../../src/session/conversations.js";
import {
  buildCallAnswer,
  buildChatMessage,
  parseIncomingMessage,
  type ChatMessage,
} from "../../src/xmpp/chat-message.js";
import { NS_CALL_INVITES, parseCallAnswer, parseCallInvite } from "../../src/xmpp/call-invites.js";
import { callState, callStringsFor, newCallPage, renderCallCard, RING_MS } from "../../src/ui/calls/call-card.js";

const PAGE = "https://meet.example.org/xmppmini-1";

function invite(id: string, direction: "in" | "out", timestamp = 1_000): ChatMessage {
  return {
    id,
    peer: "bob@x",
    from: direction === "in" ? "bob@x" : "me@x",
    to: direction === "in" ? "me@x" : "bob@x",
    body: `Join my call: ${PAGE}`,
    direction,
    timestamp,
    call: { uri: PAGE },
  };
}

function answer(id: string, kind: "accept" | "reject" | "retract", of: string, direction: "in" | "out"): ChatMessage {
  return {
    ...invite(id, direction, 2_000),
    body: "",
    call: undefined,
    callAnswer: { kind, invite: of },
  } as ChatMessage;
}

describe("call invitations (XEP-0482)", () => {
  it("invites with the call page as an external way to join, and a readable body; reads it back", () => {
    const stanza = buildChatMessage("bob@x", `Join my call: ${PAGE}`, "inv1", { call: { uri: PAGE } });
    expect(stanza.getChild("invite", NS_CALL_INVITES)?.getChild("external")?.attrs.uri).to.equal(PAGE);
    stanza.attrs.from = "me@x/web";
    const parsed = parseIncomingMessage(stanza, "bob@x");
    expect(parsed?.call).to.deep.equal({ uri: PAGE });
    expect(parsed?.id).to.equal("inv1");
  });

  it("takes an invitation without a body, and only http(s) pages from it", () => {
    const bare = (...externals: string[]) =>
      xml(
        "message",
        { from: "bob@x/phone", to: "me@x", type: "chat", id: "i2" },
        xml(
          "invite",
          { xmlns: NS_CALL_INVITES, video: "true" },
          xml("jingle", { sid: "s1" }),
          ...externals.map((uri) => xml("external", { uri })),
        ),
      );
    expect(parseIncomingMessage(bare("tel:+12345", PAGE), "me@x")?.call).to.deep.equal({ uri: PAGE, video: true });
    expect(parseCallInvite(bare("javascript:alert(1)", "tel:+1"))).to.equal(undefined);
    // No page we can open and no body: nothing to show.
    expect(parseIncomingMessage(bare("tel:+1"), "me@x")).to.equal(null);
  });

  it("answers without a body, stored, naming the invitation; reads accept, reject and retract", () => {
    const stanza = buildCallAnswer("bob@x", "a1", { kind: "accept", invite: "inv1", uri: PAGE });
    expect(stanza.getChild("body")).to.equal(undefined);
    expect(stanza.getChild("store", "urn:xmpp:hints")).to.not.equal(undefined);
    expect(stanza.getChild("accept", NS_CALL_INVITES)?.attrs.id).to.equal("inv1");
    stanza.attrs.from = "me@x/web";
    const parsed = parseIncomingMessage(stanza, "bob@x");
    expect(parsed?.callAnswer).to.deep.equal({ kind: "accept", invite: "inv1", uri: PAGE });
    expect(parsed?.body).to.equal("");
    expect(parsed?.markable).to.equal(undefined);
    for (const kind of ["reject", "retract"] as const) {
      const read = parseCallAnswer(xml("message", {}, xml(kind, { xmlns: NS_CALL_INVITES, id: "inv9" })));
      expect(read).to.deep.equal({ kind, invite: "inv9" });
    }
    expect(parseCallAnswer(xml("message", {}, xml("reject", { xmlns: NS_CALL_INVITES })))).to.equal(undefined);
    expect(parseCallAnswer(xml("message", {}, xml("left", { xmlns: NS_CALL_INVITES, id: "x" })))).to.equal(undefined);
  });
});

describe("answers in a conversation", () => {
  it("marks the invitation, are no rows, and only the right side may answer", () => {
    const conversations = new Conversations();
    conversations.add(invite("theirs", "in"));
    conversations.add(invite("ours", "out", 1_500));
    // The caller cannot take their own call; the one called cannot withdraw it.
    conversations.add(answer("x1", "accept", "theirs", "in"));
    conversations.add(answer("x2", "retract", "ours", "in"));
    let rows = conversations.active!.messages;
    expect(rows.map((row) => row.id)).to.deep.equal(["theirs", "ours"]);
    expect(rows.map((row) => row.answer)).to.deep.equal([undefined, undefined]);
    conversations.add(answer("y1", "reject", "theirs", "out"));
    conversations.add(answer("y2", "accept", "ours", "in"));
    // The first answer stands.
    conversations.add(answer("y3", "accept", "theirs", "out"));
    rows = conversations.active!.messages;
    expect(rows.map((row) => row.answer)).to.deep.equal(["reject", "accept"]);
    // A delivery update of our invitation keeps its answer.
    conversations.update({ ...invite("ours", "out", 1_500), state: "delivered" });
    expect(conversations.active!.messages[1]!.answer).to.equal("accept");
  });

  it("an answer loaded before its invitation (an older page later) marks it when it comes", () => {
    const conversations = new Conversations();
    conversations.add(answer("r1", "retract", "late", "in"));
    expect(conversations.active!.messages).to.deep.equal([]);
    conversations.add(invite("late", "in"));
    expect(conversations.active!.messages[0]!.answer).to.equal("retract");
  });
});

describe("the call card", () => {
  const strings = callStringsFor("en");
  const actions = { join: () => undefined, decline: () => undefined, cancel: () => undefined };

  async function card(message: ChatMessage & { answer?: "accept" | "reject" | "retract" }, now: number) {
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    render(renderCallCard(strings, message, now, actions), container);
    const element = container.querySelector<HTMLElement>('[part="call-card"]')!;
    const parts = [...element.querySelectorAll("[part]")].map((part) => part.getAttribute("part"));
    return { state: element.dataset.state, text: element.textContent!.replace(/\s+/gu, " ").trim(), parts };
  }

  it("rings with Join and Decline, then is a missed call; ours rings with Cancel, then had no answer", async () => {
    expect(await card(invite("a", "in"), 1_000 + RING_MS - 1)).to.deep.equal({
      state: "ringing",
      text: "Incoming call Join Decline",
      parts: ["call-join", "call-decline"],
    });
    expect((await card(invite("a", "in"), 1_000 + RING_MS)).text).to.equal("Missed call");
    expect((await card(invite("b", "out"), 2_000)).parts).to.deep.equal(["call-open", "call-cancel"]);
    expect((await card(invite("b", "out"), 1_000 + RING_MS)).text).to.equal("No answer");
  });

  it("says what became of it once answered, the withdrawn one as missed", async () => {
    expect((await card({ ...invite("a", "in"), answer: "retract" }, 2_000)).state).to.equal("missed");
    expect((await card({ ...invite("a", "in"), answer: "retract" }, 2_000)).text).to.equal("Missed call");
    expect((await card({ ...invite("a", "in"), answer: "accept" }, 2_000)).parts).to.deep.equal(["call-open"]);
    expect((await card({ ...invite("b", "out"), answer: "reject" }, 2_000)).text).to.equal("Call declined");
    expect(callState({ ...invite("b", "out"), answer: "retract" }, 2_000)).to.equal("retracted");
  });

  it("makes a new room in the host's page for each call, and refuses a page that is no http(s)", () => {
    const first = newCallPage("https://meet.example.org/{room}#config.startWithVideoMuted=true");
    const second = newCallPage("https://meet.example.org/{room}#config.startWithVideoMuted=true");
    expect(first).to.match(/^https:\/\/meet\.example\.org\/xmppmini-[0-9a-f-]{36}#config/u);
    expect(first).to.not.equal(second);
    expect(() => newCallPage("javascript:alert('{room}')")).to.throw(/call-url/u);
  });
});
