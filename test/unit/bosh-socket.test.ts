import { expect } from "@open-wc/testing";
import { BoshSocket } from "../../src/xmpp/bosh/bosh-socket.js";

const NS = "http://jabber.org/protocol/httpbind";

interface PendingRequest {
  body: string;
  signal: AbortSignal | null | undefined;
  attrs: Record<string, string>;
  respond(text: string, status?: number): void;
  fail(): void;
}

/** A scripted BOSH connection manager: each request waits until the test answers it. */
function fakeServer() {
  const requests: PendingRequest[] = [];
  const waiters: Array<() => void> = [];
  const fetch = (_url: string, init: RequestInit) =>
    new Promise<Response>((resolve, reject) => {
      const body = String(init.body);
      const attrs = Object.fromEntries([...body.matchAll(/([\w:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
      requests.push({
        body,
        signal: init.signal,
        attrs,
        respond: (text, status = 200) => resolve(new Response(text, { status })),
        fail: () => reject(new TypeError("network")),
      });
      waiters.splice(0).forEach((wake) => wake());
    });
  async function request(index: number): Promise<PendingRequest> {
    while (requests.length <= index) await new Promise<void>((wake) => waiters.push(wake));
    return requests[index]!;
  }
  /** The first request (after `from`) whose body matches: requests are found by content, not by timing. */
  async function matching(predicate: (request: PendingRequest) => boolean, from = 0): Promise<PendingRequest> {
    for (;;) {
      const found = requests.slice(from).find(predicate);
      if (found) return found;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  }
  return { fetch, requests, request, matching };
}

function body(attrs: string, children = ""): string {
  return `<body xmlns="${NS}" xmlns:stream="http://etherx.jabber.org/streams" ${attrs}>${children}</body>`;
}

const FEATURES = `<stream:features><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"><mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>`;
const CREATED = body(
  'sid="s1" requests="2" wait="30" polling="0" inactivity="60" hold="1" ver="1.6" from="example.org"',
  FEATURES,
);
// Responses pass through fetch, text() and the parser: let those promise chains run out.
const tick = () => new Promise((resolve) => setTimeout(resolve, 25));

function socketWith(server: ReturnType<typeof fakeServer>) {
  const socket = new BoshSocket({ fetch: server.fetch, retryBaseMs: 1, maxAttempts: 3 });
  const data: string[] = [];
  const events: Array<[string, unknown]> = [];
  socket.on("data", (chunk: string) => data.push(chunk));
  socket.on("error", (error: unknown) => events.push(["error", error]));
  socket.on("close", (dirty: boolean) => events.push(["close", dirty]));
  socket.connect("http://127.0.0.1:5280/http-bind");
  return { socket, data, events };
}

async function openSession(server: ReturnType<typeof fakeServer>) {
  const bosh = socketWith(server);
  bosh.socket.write('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.org" version="1.0" xml:lang="en"/>');
  (await server.request(0)).respond(CREATED);
  await tick();
  return bosh;
}

describe("BoshSocket (XEP-0124, XEP-0206)", () => {
  it("creates the session with the required attributes and hands the parser a stream header, then the features", async () => {
    const server = fakeServer();
    const { data } = await openSession(server);
    const create = server.requests[0]!.attrs;
    expect(create).to.include({
      hold: "1",
      to: "example.org",
      "xml:lang": "en",
      "xmpp:version": "1.0",
      "xmlns:xmpp": "urn:xmpp:xbosh",
    });
    expect(Number(create.wait)).to.be.greaterThan(0);
    expect(create.ver).to.match(/^1\.\d+$/);
    expect(Number(create.rid)).to.be.within(1, 2 ** 53);
    expect(create.sid).to.equal(undefined);
    expect(data[0]).to.match(/^<open xmlns="urn:ietf:params:xml:ns:xmpp-framing"/);
    expect(data[1]).to.contain('xmlns:stream="http://etherx.jabber.org/streams"');
    expect(data[1]).to.contain("<mechanism>SCRAM-SHA-1</mechanism>");
  });

  it("keeps one empty request held, increments rid by one each time, and never exceeds `requests` in flight", async () => {
    const server = fakeServer();
    const { socket } = await openSession(server);
    const poll = await server.request(1);
    expect(poll.attrs.sid).to.equal("s1");
    expect(poll.body).to.match(/\/>$/);
    socket.write('<message xmlns="jabber:client" to="b@x"><body>1</body></message>');
    socket.write('<message xmlns="jabber:client" to="b@x"><body>2</body></message>');
    const payload = await server.request(2);
    expect(payload.body).to.contain("<body>1</body>").and.contain("<body>2</body>");
    socket.write('<message xmlns="jabber:client" to="b@x"><body>3</body></message>');
    await tick();
    expect(server.requests).to.have.length(3); // two in flight: the third message waits
    poll.respond(body('sid="s1"'));
    const third = await server.request(3);
    expect(third.body).to.contain("<body>3</body>");
    const rids = server.requests.map((request) => Number(request.attrs.rid));
    expect(rids).to.deep.equal(rids.map((_, index) => rids[0]! + index));
  });

  it("restarts the stream after SASL with xmpp:restart and the same sid (XEP-0206 §5)", async () => {
    const server = fakeServer();
    const { socket, data } = await openSession(server);
    socket.write('<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="example.org" version="1.0"/>');
    const restart = await server.matching((request) => request.attrs["xmpp:restart"] === "true");
    expect(restart.attrs).to.include({ sid: "s1", "xmpp:restart": "true", to: "example.org" });
    for (const other of server.requests.slice(1)) if (other !== restart) other.respond(body('sid="s1"'));
    restart.respond(
      body('sid="s1"', "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></stream:features>"),
    );
    await tick();
    const afterRestart = data.slice(2);
    expect(afterRestart[0]).to.match(/^<open /);
    expect(afterRestart[1]).to.contain("urn:ietf:params:xml:ns:xmpp-bind");
  });

  it("processes responses in rid order whatever order they arrive in", async () => {
    const server = fakeServer();
    const { socket, data } = await openSession(server);
    const held = await server.request(1);
    socket.write('<presence xmlns="jabber:client"/>');
    const second = await server.request(2);
    second.respond(body('sid="s1"', '<message xmlns="jabber:client" from="b@x"><body>second</body></message>'));
    await tick();
    expect(data.some((chunk) => chunk.includes("second"))).to.equal(false);
    held.respond(body('sid="s1"', '<message xmlns="jabber:client" from="b@x"><body>first</body></message>'));
    await tick();
    const bodies = data
      .filter((chunk) => chunk.startsWith("<message"))
      .map((chunk) => /<body>(\w+)<\/body>/.exec(chunk)![1]);
    expect(bodies).to.deep.equal(["first", "second"]);
  });

  it("hands a response of many stanzas over a few at a time, in order, so the page is never frozen long", async () => {
    const server = fakeServer();
    const { socket, data } = await openSession(server);
    const held = await server.request(1);
    // Each stanza costs the connection 2 ms here: 200 in one task would hold the page for 400 ms. A timer
    // set at the first one runs as soon as the page gets a turn: it sees how many came before that.
    const delivered: number[] = [];
    let seenByTimer = -1;
    socket.on("data", (chunk: string) => {
      const number = /<body>(\d+)<\/body>/.exec(chunk)?.[1];
      if (number === undefined) return;
      if (delivered.length === 0) setTimeout(() => (seenByTimer = delivered.length), 0);
      delivered.push(Number(number));
      const until = performance.now() + 2;
      while (performance.now() < until);
    });
    const stanzas = Array.from(
      { length: 200 },
      (_, index) => `<message xmlns="jabber:client" from="b@x"><body>${index}</body></message>`,
    );
    held.respond(body('sid="s1"', stanzas.join("")));
    const deadline = performance.now() + 10000;
    while (data.filter((chunk) => chunk.startsWith("<message")).length < 200 && performance.now() < deadline)
      await tick();
    expect(delivered).to.deep.equal(stanzas.map((_, index) => index));
    expect(seenByTimer).to.be.within(1, 199);
  });

  it("qualifies stanzas without a namespace as jabber:client", async () => {
    const server = fakeServer();
    const { data } = await openSession(server);
    (await server.request(1)).respond(body('sid="s1"', '<message from="b@x"><body>hi</body></message>'));
    await tick();
    expect(data.at(-1)).to.contain('xmlns="jabber:client"');
  });

  it("resends a broken request with the same rid and the same body (§14)", async () => {
    const server = fakeServer();
    const { socket, events } = await openSession(server);
    socket.write('<message xmlns="jabber:client" to="b@x"><body>keep me</body></message>');
    const first = await server.matching((request) => request.body.includes("keep me"));
    first.fail();
    const retry = await server.matching(
      (request) => request.body.includes("keep me"),
      server.requests.indexOf(first) + 1,
    );
    expect(retry.body).to.equal(first.body);
    retry.respond(body('sid="s1"'));
    await tick();
    expect(events).to.deep.equal([]);
  });

  it("resends outstanding requests after a recoverable binding error (type=error)", async () => {
    const server = fakeServer();
    const { socket } = await openSession(server);
    const held = await server.request(1);
    socket.write('<message xmlns="jabber:client" to="b@x"><body>pending</body></message>');
    const pending = await server.request(2);
    held.respond(body('sid="s1" type="error"'));
    const resent = await server.request(3);
    expect(resent.body).to.equal(pending.body);
  });

  it("a resend replaces the attempt still waiting: a rid is never in the air twice, and its answer is handed on once", async () => {
    const server = fakeServer();
    const { socket, data, events } = await openSession(server);
    const held = await server.request(1);
    socket.write('<message xmlns="jabber:client" to="b@x"><body>pending</body></message>');
    const pending = await server.request(2);
    held.respond(body('sid="s1" type="error"'));
    const resent = await server.request(3);
    // Both attempts of the same rid get an answer: only the current one counts.
    const answer = body('sid="s1"', '<message xmlns="jabber:client" from="b@x"><body>once</body></message>');
    pending.respond(answer);
    resent.respond(answer);
    await tick();
    expect(data.filter((chunk) => chunk.includes("once"))).to.have.length(1);
    expect(events).to.deep.equal([]);
    // The replaced attempt was cancelled, not left in the air beside its resend.
    expect(pending.signal?.aborted).to.equal(true);
    expect(resent.signal?.aborted).to.equal(false);
  });

  for (const condition of [
    "item-not-found",
    "host-unknown",
    "policy-violation",
    "remote-connection-failed",
    "system-shutdown",
    "see-other-uri",
  ]) {
    it(`ends with a BoshError and a dirty close on terminate condition ${condition}`, async () => {
      const server = fakeServer();
      const { events } = await openSession(server);
      (await server.request(1)).respond(body(`type="terminate" condition="${condition}"`));
      await tick();
      expect(events.map(([name]) => name)).to.deep.equal(["error", "close"]);
      const error = events[0]![1] as { name: string; condition: string; message: string };
      expect(error).to.include({ name: "BoshError", condition });
      expect(error.message).to.contain("http://127.0.0.1:5280/http-bind");
      expect(events[1]![1]).to.equal(true);
    });
  }

  it("maps a legacy HTTP 404 to item-not-found (§17.1)", async () => {
    const server = fakeServer();
    const { events } = await openSession(server);
    (await server.request(1)).respond("gone", 404);
    await tick();
    expect((events[0]![1] as { condition: string }).condition).to.equal("item-not-found");
  });

  it("gives up after repeated failures with condition network", async () => {
    const server = fakeServer();
    const { events } = await openSession(server);
    for (let index = 1; index <= 3; index += 1) (await server.request(index)).fail();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((events[0]![1] as { condition: string }).condition).to.equal("network");
  });

  it("terminates cleanly: a terminate body, then the closing frame from its answer (§13)", async () => {
    const server = fakeServer();
    const { socket, data, events } = await openSession(server);
    const held = await server.request(1);
    socket.write('<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>');
    const terminate = await server.request(2);
    expect(terminate.attrs).to.include({ sid: "s1", type: "terminate" });
    held.respond(body('sid="s1"'));
    terminate.respond(body('type="terminate"'));
    await tick();
    expect(data.at(-1)).to.match(/^<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/);
    socket.end();
    expect(events).to.deep.equal([["close", false]]);
  });

  it("a page going away terminates at once, carrying what was still queued (the last acknowledgement)", async () => {
    const server = fakeServer();
    const { socket } = await openSession(server);
    await server.request(1);
    // Written as the page hides, in the same task: not yet on its way when the page goes.
    socket.write('<a xmlns="urn:xmpp:sm:3" h="7"/>');
    window.dispatchEvent(new PageTransitionEvent("pagehide"));
    const terminate = await server.matching((request) => request.attrs.type === "terminate");
    expect(terminate.body).to.contain('<a xmlns="urn:xmpp:sm:3" h="7"/>');
    await tick();
    // Sent once, in the terminating request only.
    expect(server.requests.filter((request) => request.body.includes('h="7"'))).to.have.length(1);
    socket.end();
  });
});
