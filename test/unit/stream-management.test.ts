import { expect } from "@open-wc/testing";
import xml, { type Element } from "@xmpp/xml";
import type { Client } from "@xmpp/client-core";
import { StreamManagement, NS_SM } from "../../src/xmpp/stream-management.js";

/** Just enough of an xmpp.js entity: records what is sent, and delivers what the "server" says. */
function fakeEntity() {
  const listeners = new Map<string, Set<(element: Element) => void>>();
  const sent: Element[] = [];
  const entity = {
    sent,
    jid: { toString: () => "me@x/r1" },
    boundTo: "",
    disconnected: false,
    /** The socket closed: writes are refused before they reach the wire (see closed-socket-guard.ts). */
    refusing: false,
    async send(element: Element) {
      if (entity.refusing) throw new Error("Not sent: the connection is closed (online).");
      sent.push(element);
    },
    on(event: string, listener: (element: Element) => void) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return entity;
    },
    removeListener(event: string, listener: (element: Element) => void) {
      listeners.get(event)?.delete(listener);
      return entity;
    },
    closeHooks: [] as Array<() => unknown>,
    hook(_event: string, fn: () => unknown) {
      entity.closeHooks.push(fn);
    },
    _jid(jid: string) {
      entity.boundTo = jid;
    },
    async disconnect() {
      entity.disconnected = true;
    },
    /** The server's element arrives (synchronously, as from the parser). */
    receive(element: Element) {
      for (const listener of listeners.get("element") ?? []) listener(element);
    },
  };
  return entity;
}

const message = (id: string) => xml("message", { to: "peer@x", id }, xml("body", {}, id));
const sentOf = (entity: ReturnType<typeof fakeEntity>, name: string) =>
  entity.sent.filter((element) => element.name === name);

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

async function enabledSession(sm: StreamManagement) {
  const entity = fakeEntity();
  sm.attach(entity as unknown as Client);
  const enabling = sm.enable(entity as unknown as Client, 1000);
  entity.receive(xml("enabled", { xmlns: NS_SM, id: "sm-1", resume: "true" }));
  await enabling;
  return entity;
}

describe("StreamManagement (XEP-0198)", () => {
  it("counts stanzas that arrive in the same read as <enabled/> (h is never under-reported)", async () => {
    const sm = new StreamManagement();
    const entity = fakeEntity();
    sm.attach(entity as unknown as Client);
    const enabling = sm.enable(entity as unknown as Client, 1000);
    // One read: <enabled/> and three messages, before any promise continuation runs.
    entity.receive(xml("enabled", { xmlns: NS_SM, id: "sm-1", resume: "true" }));
    for (const id of ["a", "b", "c"]) entity.receive(message(id));
    entity.receive(xml("r", { xmlns: NS_SM }));
    await enabling;
    expect(sentOf(entity, "a").map((a) => a.attrs.h)).to.deep.equal(["3"]);
    expect(sm.enabled).to.equal(true);
    expect(sm.resumable).to.equal(true);
  });

  it("hands acknowledged stanzas to the hook in order and clamps an h it cannot explain", async () => {
    const acked: string[] = [];
    const sm = new StreamManagement({ acked: (stanza) => acked.push(String(stanza.attrs.id)) });
    const entity = await enabledSession(sm);
    for (const id of ["1", "2", "3"]) await entity.send(message(id));
    entity.receive(xml("a", { xmlns: NS_SM, h: "2" }));
    expect(acked).to.deep.equal(["1", "2"]);
    expect(sm.unacked.map((stanza) => stanza.attrs.id)).to.deep.equal(["3"]);
    entity.receive(xml("a", { xmlns: NS_SM, h: "99" }));
    expect(acked).to.deep.equal(["1", "2", "3"]);
    expect(sm.unacked).to.have.length(0);
  });

  it("resumes on a new connection: sends its h, takes the old JID, and resends only what the server missed", async () => {
    const sm = new StreamManagement();
    const first = await enabledSession(sm);
    first.receive(message("in-1"));
    first.receive(message("in-2"));
    for (const id of ["1", "2", "3"]) await first.send(message(id));

    const second = fakeEntity();
    sm.attach(second as unknown as Client);
    const resuming = sm.resume(second as unknown as Client, 1000);
    const request = sentOf(second, "resume")[0]!;
    expect(request.attrs).to.include({ previd: "sm-1", h: "2" });
    second.receive(xml("resumed", { xmlns: NS_SM, previd: "sm-1", h: "1" }));
    const { outcome, lost } = await resuming;
    expect(outcome).to.equal("resumed");
    expect(lost).to.have.length(0);
    expect(second.boundTo).to.equal("me@x/r1");
    expect(sentOf(second, "message").map((stanza) => stanza.attrs.id)).to.deep.equal(["2", "3"]);
    // Counting goes on across the resumption.
    second.receive(message("in-3"));
    second.receive(xml("r", { xmlns: NS_SM }));
    await settled();
    expect(sentOf(second, "a").map((a) => a.attrs.h)).to.deep.equal(["3"]);
  });

  it("a stanza the closed socket refused is not resent on resumption: its sender sends it again", async () => {
    const sm = new StreamManagement();
    const first = await enabledSession(sm);
    await first.send(message("1"));
    // The socket closes under the next write: xmpp.js's write rejects, nothing reaches the server.
    first.refusing = true;
    let refused = false;
    await first.send(message("2")).catch(() => (refused = true));
    expect(refused).to.equal(true);
    expect(sm.unacked.map((stanza) => stanza.attrs.id)).to.deep.equal(["1"]);

    const second = fakeEntity();
    sm.attach(second as unknown as Client);
    const resuming = sm.resume(second as unknown as Client, 1000);
    second.receive(xml("resumed", { xmlns: NS_SM, previd: "sm-1", h: "0" }));
    expect((await resuming).outcome).to.equal("resumed");
    expect(sentOf(second, "message").map((stanza) => stanza.attrs.id)).to.deep.equal(["1"]);
  });

  it("saves what another page needs before each <a/>, and a restored session resumes with that h and JID", async () => {
    const saved: Array<{ id: string; jid: string; h: number; aSentBefore: number }> = [];
    let first: ReturnType<typeof fakeEntity> | undefined;
    const sm = new StreamManagement({
      save: async (session) => {
        await settled(); // storage takes a while: the <a/> must wait for it
        saved.push({ ...session, aSentBefore: first ? sentOf(first, "a").length : 0 });
      },
    });
    first = await enabledSession(sm);
    first.receive(message("in-1"));
    first.receive(message("in-2"));
    first.receive(xml("r", { xmlns: NS_SM }));
    await settled();
    await settled();
    expect(saved.map(({ h, aSentBefore }) => [h, aSentBefore])).to.deep.equal([
      [0, 0],
      [2, 0],
    ]);
    expect(saved[1]).to.include({ id: "sm-1", jid: "me@x/r1" });
    expect(sentOf(first, "a").map((a) => a.attrs.h)).to.deep.equal(["2"]);

    // Another page (no counters of its own) takes the session over.
    const next = new StreamManagement();
    next.restore(saved[1]!);
    expect(next.resumable).to.equal(true);
    const entity = fakeEntity();
    next.attach(entity as unknown as Client);
    const resuming = next.resume(entity as unknown as Client, 1000);
    expect(sentOf(entity, "resume")[0]!.attrs).to.include({ previd: "sm-1", h: "2" });
    entity.receive(xml("resumed", { xmlns: NS_SM, previd: "sm-1", h: "0" }));
    expect((await resuming).outcome).to.equal("resumed");
    expect(entity.boundTo).to.equal("me@x/r1");
    entity.receive(message("in-3"));
    entity.receive(xml("r", { xmlns: NS_SM }));
    await settled();
    expect(sentOf(entity, "a").map((a) => a.attrs.h)).to.deep.equal(["3"]);
  });

  it("after a failed resumption returns what was never acknowledged and forgets the session", async () => {
    const sm = new StreamManagement();
    const first = await enabledSession(sm);
    for (const id of ["1", "2"]) await first.send(message(id));
    const second = fakeEntity();
    sm.attach(second as unknown as Client);
    const resuming = sm.resume(second as unknown as Client, 1000);
    second.receive(
      xml("failed", { xmlns: NS_SM, h: "1" }, xml("item-not-found", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" })),
    );
    const { outcome, lost } = await resuming;
    expect(outcome).to.equal("failed");
    expect(lost.map((stanza) => stanza.attrs.id)).to.deep.equal(["2"]);
    expect(sm.resumable).to.equal(false);
    expect(sentOf(second, "message")).to.have.length(0);
  });

  it("says how much it handled before a clean close", async () => {
    const sm = new StreamManagement();
    const entity = await enabledSession(sm);
    entity.receive(message("in-1"));
    for (const hook of entity.closeHooks) await hook();
    expect(sentOf(entity, "a").map((a) => a.attrs.h)).to.deep.equal(["1"]);
  });

  it("asks for an acknowledgement after sending, and closes a connection that never answers", async () => {
    const sm = new StreamManagement({}, 5, 30);
    const entity = await enabledSession(sm);
    await entity.send(message("1"));
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(sentOf(entity, "r").length).to.be.greaterThan(0);
    expect(entity.disconnected).to.equal(true);
  });
});
