import { expect } from "@open-wc/testing";
import { isRetryable } from "../../src/session/connection-loop.js";
import { XmppminiError } from "../../src/errors.js";
import { FakeServer, chat, failures, fakeSession, until } from "./fake-session.js";
import { withoutWarnings } from "./fake-xmpp.js";

const bob = "bob@example.test";
const sessions: Array<{ disconnect(): Promise<void> }> = [];

function session(server: FakeServer, options?: Parameters<typeof fakeSession>[1]) {
  const made = fakeSession(server, options);
  sessions.push(made.session);
  return made;
}

describe("ChatSession on a fake server", () => {
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((made) => made.disconnect()));
  });

  describe("sign-in", () => {
    it("reports connecting, then online with its transport, and sends nothing before it is online", async () => {
      const server = new FakeServer();
      const { listener, connect } = session(server);
      await connect();
      expect(listener.statuses).to.deep.equal(["connecting", "online"]);
      expect(listener.of("status").at(-1)).to.deep.include({ status: "online", transport: "websocket" });
      expect(server.signIns).to.have.length(1);
    });

    it("refuses an address without a user part before any connection, with a typed error", async () => {
      const server = new FakeServer("example.test");
      const { listener, connect } = session(server);
      await connect();
      expect(server.signIns).to.have.length(0);
      expect(listener.of("error")).to.deep.equal(["invalid-jid"]);
      expect(listener.statuses).to.deep.equal(["error"]);
    });
  });

  describe("retry policy", () => {
    it("retries an unreachable server with backoff, says so once, and is online when it answers", async () => {
      const server = new FakeServer().then(failures.unreachable, failures.unreachable);
      const { listener, connect } = session(server);
      await connect();
      await until(() => listener.statuses.at(-1) === "online");
      expect(server.signIns).to.have.length(3);
      expect(listener.of("error")).to.deep.equal(["connection-failed"]);
      const waits = listener.of("status").filter((value) => (value as { retryAt?: number }).retryAt !== undefined);
      expect(waits).to.have.length(2);
    });

    it("does not retry a wrong password", async () => {
      const server = new FakeServer().then(failures.wrongPassword);
      const { listener, connect } = session(server);
      await connect();
      await new Promise((resolve) => setTimeout(resolve, 150)); // several backoff steps of 20–40 ms
      expect(server.signIns).to.have.length(1);
      expect(listener.of("error")).to.deep.equal(["auth-failed"]);
      expect(listener.of("status").at(-1)).to.deep.equal({ status: "error" });
    });

    it("isRetryable: lost connections and timeouts yes; a resource taken over, a ban or a wrong password no", () => {
      const lost = new XmppminiError("connection-lost", "lost");
      const conflict = new XmppminiError("stream-error", "conflict", { cause: { condition: "conflict" } });
      const other = new XmppminiError("stream-error", "reset", { cause: { condition: "reset" } });
      expect([lost, new XmppminiError("timeout", "t"), other].map(isRetryable)).to.deep.equal([true, true, true]);
      expect([conflict, new XmppminiError("auth-failed", "no")].map(isRetryable)).to.deep.equal([false, false]);
    });

    it("a lost connection is reported and the session signs in again by itself", async () => {
      const server = new FakeServer();
      const { listener, connect } = session(server);
      await connect();
      server.last.drop();
      expect(listener.of("error")).to.deep.equal(["connection-lost"]);
      await until(() => server.streams.length === 2 && listener.statuses.at(-1) === "online");
    });
  });

  describe("resumption and catch-up", () => {
    it("a new session catches up from the archive before live messages, each shown once and in order", async () => {
      const server = new FakeServer();
      server.archived("a1", bob, "missed 1");
      server.archived("a2", bob, "missed 2");
      // A live message arrives while the archive is being read: it waits for the catch-up.
      server.onArchiveQuery = (stream) => {
        server.onArchiveQuery = () => undefined;
        stream.receive(chat(server, bob, "live"));
      };
      const { listener, connect } = session(server);
      await connect();
      await until(() => listener.of("message").includes("live"));
      const shown = listener.events
        .filter((event) => event.kind === "history" || event.kind === "message")
        .map((event) => event.value);
      expect(shown).to.deep.equal(["missed 1", "missed 2", "live"]);
    });

    it("a resumed stream missed nothing: no archive query, and what is live is shown at once", async () => {
      const server = new FakeServer();
      const { listener, connect } = session(server);
      await connect();
      server.then("resumed");
      server.last.drop();
      await until(() => server.streams.length === 2 && listener.statuses.at(-1) === "online");
      expect(listener.of("status").at(-1)).to.deep.include({ resumed: true });
      server.archived("late", bob, "in the archive only");
      server.last.receive(chat(server, bob, "after resuming"));
      await until(() => listener.of("message").includes("after resuming"));
      expect(listener.of("message")).to.not.include("in the archive only");
      expect(server.streams.map((stream) => stream.archiveQueries > 0)).to.deep.equal([true, false]);
    });

    it("a message that comes again (from the archive after a live copy) is shown once", async () => {
      const server = new FakeServer();
      const { listener, connect } = session(server);
      await connect();
      const live = chat(server, bob, "once", "same-id");
      server.last.receive(live);
      await until(() => listener.of("message").length === 1);
      server.archive.push({ id: "x1", stamp: Date.now(), message: live });
      server.last.drop();
      await until(() => server.streams.length === 2 && listener.statuses.at(-1) === "online");
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect([...listener.of("history"), ...listener.of("message")].filter((body) => body === "once")).to.have.length(
        1,
      );
    });
  });

  describe("outbox", () => {
    it("a message sent while offline is kept pending and goes out once the connection is back", async () => {
      const server = new FakeServer();
      const { session: chatSession, listener, connect } = session(server);
      await connect();
      server.then(failures.unreachable);
      server.last.drop();
      const sent = await chatSession.send(bob, "while away");
      expect(sent.state).to.equal("pending");
      await until(() => server.streams.length === 2 && listener.statuses.at(-1) === "online");
      await until(() => server.last.sent.some((stanza) => stanza.getChildText("body") === "while away"));
      const copies = server.streams
        .flatMap((stream) => stream.sent)
        .filter((stanza) => stanza.getChildText("body") === "while away");
      expect(copies).to.have.length(1);
      expect(copies[0]!.attrs.to).to.equal(bob);
    });
  });

  describe("tabs", () => {
    it("a second tab of the account does not connect; its message goes out through the leader, once", async () => {
      const server = new FakeServer();
      const browser = `browser-${Math.random()}`;
      const first = session(server, { database: browser, tabs: browser });
      await first.connect();
      const second = session(server, { database: browser, tabs: browser });
      await second.connect();
      expect(second.session.leading).to.equal(false);
      expect(server.signIns).to.have.length(1);
      await until(() => second.listener.statuses.at(-1) === "online");
      await second.session.send(bob, "from the second tab");
      await until(() => server.last.sent.some((stanza) => stanza.getChildText("body") === "from the second tab"));
      await until(() => first.listener.of("message").includes("from the second tab"));
    });

    it("when the leading tab goes away, the other takes over and connects", async () => {
      const server = new FakeServer();
      const browser = `browser-${Math.random()}`;
      const first = session(server, { database: browser, tabs: browser });
      await first.connect();
      const second = session(server, { database: browser, tabs: browser });
      await second.connect();
      await first.session.disconnect();
      await until(() => second.session.leading && second.listener.statuses.at(-1) === "online");
      expect(server.signIns).to.have.length(2);
    });
  });

  describe("rooms", () => {
    it("joining a room sends our presence to room/nick, and the room's news comes back as a view", async () => {
      const server = new FakeServer();
      const { session: chatSession, listener, connect } = session(server);
      await connect();
      await chatSession.joinRoom("tea@rooms.example.test", "alice");
      await until(() =>
        server.last.sent.some((stanza) => stanza.is("presence") && stanza.attrs.to === "tea@rooms.example.test/alice"),
      );
      expect(listener.of("room")).to.include("tea@rooms.example.test:joining");
      await withoutWarnings(() =>
        chatSession
          .joinRoom("not a room", "alice")
          .catch((error: XmppminiError) => expect(error.code).to.equal("invalid-jid")),
      );
    });
  });
});
