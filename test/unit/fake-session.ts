// A ChatSession on fakes: a server whose sign-ins the test scripts (succeed, resume, fail how), an archive
// that answers XEP-0313 queries, a directory, and stores on a throwaway IndexedDB.
import StreamError from "@xmpp/connection/lib/StreamError.js";
import SASLError from "@xmpp/sasl/lib/SASLError.js";
import xml, { type Element } from "@xmpp/xml";
import { ChatSession, type SessionListener } from "../../src/session/chat-session.js";
import type { SessionDependencies } from "../../src/session/session-dependencies.js";
import type { SignInOptions } from "../../src/session/sign-in.js";
import { TabCoordinator } from "../../src/session/tab-coordinator.js";
import { ArchivePosition } from "../../src/store/archive-position.js";
import { ConversationStore } from "../../src/store/conversation-store.js";
import { openDatabase } from "../../src/store/database.js";
import { MessageStore } from "../../src/store/message-store.js";
import { StreamState } from "../../src/store/stream-state.js";
import type { XmppConnection } from "../../src/xmpp/connection.js";
import type { XmppminiResolver } from "../../src/xmppmini/resolver.js";
import { result } from "./fake-xmpp.js";

const NS_MAM = "urn:xmpp:mam:2";
const NS_RSM = "http://jabber.org/protocol/rsm";

/** How one sign-in ends: online (a new session or a resumed one), or a failure as xmpp.js reports it. */
export type SignInOutcome = "online" | "resumed" | { fail: () => Error };

export const failures = {
  unreachable: { fail: () => Object.assign(new Error("refused"), { code: "ECONNERROR" }) },
  wrongPassword: { fail: () => new SASLError("not-authorized") },
  replaced: { fail: () => new StreamError("conflict") },
} satisfies Record<string, SignInOutcome>;

/** One connection as the session sees it: an entity that emits stanzas and records what it was sent. */
export class FakeStream {
  readonly sent: Element[] = [];
  readonly #listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  status = "online";
  stopped = false;
  /** Archive queries asked on this connection. */
  archiveQueries = 0;
  readonly negotiated: { resumed: boolean };

  constructor(
    readonly server: FakeServer,
    readonly jid: string,
    resumed: boolean,
  ) {
    this.negotiated = { resumed };
  }

  readonly entity = {
    options: { service: "wss://chat.example.test/ws" },
    jid: { bare: () => ({ toString: () => this.jid }) },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      const set = this.#listeners.get(event) ?? new Set();
      set.add(listener);
      this.#listeners.set(event, set);
    },
    off: (event: string, listener: (...args: unknown[]) => void) => void this.#listeners.get(event)?.delete(listener),
    removeAllListeners: (event: string) => void this.#listeners.delete(event),
    send: async (stanza: Element) => {
      if (this.stopped) throw new Error("socket closed");
      this.sent.push(stanza);
    },
    stop: async () => {
      this.stopped = true;
      this.status = "offline";
    },
    disconnect: async () => this.drop(),
  };

  readonly iqCaller = {
    request: async (iq: Element): Promise<Element> => this.server.answer(this, iq),
    get: async () => undefined,
  };

  emit(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(event) ?? [])]) listener(...args);
  }

  /** A stanza from the server. */
  receive(stanza: Element): void {
    this.emit("stanza", stanza);
  }

  /** The connection dies under the session. */
  drop(): void {
    this.stopped = true;
    this.status = "offline";
    this.emit("disconnect");
  }

  get connection(): XmppConnection {
    return this as unknown as XmppConnection;
  }
}

/** A server: sign-ins end as the test scripted them (online when nothing is scripted), and an archive. */
export class FakeServer {
  readonly streams: FakeStream[] = [];
  readonly signIns: SignInOptions[] = [];
  readonly archive: Array<{ id: string; message: Element; stamp: number }> = [];
  readonly #script: SignInOutcome[] = [];
  /** Called with each MAM query before it is answered (a test may deliver live messages meanwhile). */
  onArchiveQuery: (stream: FakeStream) => Promise<void> | void = () => undefined;

  constructor(readonly account = "alice@example.test") {}

  then(...outcomes: SignInOutcome[]): this {
    this.#script.push(...outcomes);
    return this;
  }

  get last(): FakeStream {
    const stream = this.streams.at(-1);
    if (!stream) throw new Error("nobody signed in");
    return stream;
  }

  readonly signIn = async (options: SignInOptions): Promise<XmppConnection> => {
    this.signIns.push(options);
    const outcome = this.#script.shift() ?? "online";
    const stream = new FakeStream(this, this.account, outcome === "resumed");
    options.created(stream.connection);
    options.listen(stream.connection);
    await Promise.resolve();
    if (typeof outcome === "object") {
      stream.stopped = true;
      throw outcome.fail();
    }
    this.streams.push(stream);
    return stream.connection;
  };

  /** A message as the archive keeps it (a chat from `from`). */
  archived(id: string, from: string, body: string, stamp = Date.now() - 60_000): void {
    this.archive.push({
      id,
      stamp,
      message: xml("message", { type: "chat", from, to: this.account, id: `m-${id}` }, xml("body", {}, body)),
    });
  }

  async answer(stream: FakeStream, iq: Element): Promise<Element> {
    const query = iq.getChild("query", NS_MAM);
    if (!query) throw Object.assign(new Error("service-unavailable"), { condition: "service-unavailable" });
    stream.archiveQueries += 1;
    await this.onArchiveQuery(stream);
    const set = query.getChild("set", NS_RSM);
    const max = Number(set?.getChildText("max") ?? 50);
    const after = set?.getChildText("after");
    const before = set?.getChildText("before");
    let page = this.archive;
    if (after) page = page.slice(page.findIndex((item) => item.id === after) + 1);
    if (before === "") page = page.slice(-max);
    page = page.slice(0, max);
    for (const item of page) {
      stream.receive(
        xml(
          "message",
          { to: this.account },
          xml(
            "result",
            { xmlns: NS_MAM, queryid: query.attrs.queryid, id: item.id },
            xml(
              "forwarded",
              { xmlns: "urn:xmpp:forward:0" },
              xml("delay", { xmlns: "urn:xmpp:delay", stamp: new Date(item.stamp).toISOString() }),
              item.message,
            ),
          ),
        ),
      );
    }
    const complete = before === "" || page.at(-1) === this.archive.at(-1) || page.length === 0;
    return result(
      iq,
      xml(
        "fin",
        { xmlns: NS_MAM, ...(complete && { complete: "true" }) },
        xml(
          "set",
          { xmlns: NS_RSM },
          ...(page.length > 0 ? [xml("first", {}, page[0]!.id), xml("last", {}, page.at(-1)!.id)] : []),
        ),
      ),
    );
  }
}

/** Everything a session told its listener, in order. */
export class Recorder implements SessionListener {
  readonly events: Array<{ kind: string; value: unknown }> = [];
  status(status: string, detail: object): void {
    this.events.push({ kind: "status", value: { status, ...detail } });
  }
  history(messages: Array<{ body: string }>): void {
    for (const message of messages) this.events.push({ kind: "history", value: message.body });
  }
  message(message: { body: string }): void {
    this.events.push({ kind: "message", value: message.body });
  }
  update(message: { id: string; state?: string }): void {
    this.events.push({ kind: "update", value: `${message.id}:${message.state}` });
  }
  read(): void {}
  peer(): void {}
  room(view: { jid: string; status: string }): void {
    this.events.push({ kind: "room", value: `${view.jid}:${view.status}` });
  }
  error(error: { code: string }): void {
    this.events.push({ kind: "error", value: error.code });
  }
  of(kind: string): unknown[] {
    return this.events.filter((event) => event.kind === kind).map((event) => event.value);
  }
  get statuses(): string[] {
    return this.of("status").map((value) => (value as { status: string }).status);
  }
}

/** Resolves once `check` holds (polled each task), or rejects after `ms`. */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(check)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A session on `server`, with its own throwaway database (or `database`, shared by "tabs" of one browser). */
export function fakeSession(server: FakeServer, options: { database?: string; tabs?: string } = {}) {
  const database = openDatabase(options.database ?? `session-test-${Math.random()}`);
  const listener = new Recorder();
  const dependencies: SessionDependencies = {
    messages: new MessageStore(database),
    position: new ArchivePosition(database),
    conversations: new ConversationStore(database),
    streamState: new StreamState(database),
    resolver: () =>
      ({
        resolveAccount: async () => {
          throw new Error("no lookups in these tests");
        },
        resolveAddress: async (jid: string) => ({ publicJid: jid, realJid: jid, source: "as-is" }),
        forget: async () => undefined,
      }) as unknown as XmppminiResolver,
    // Each test is its own browser: tabs of one test find each other, other tests' tabs do not.
    openTabChannel: (name, receive) => new TabCoordinator(`${options.tabs ?? Math.random()}:${name}`, receive),
    signIn: server.signIn,
    now: () => Date.now(),
  };
  const session = new ChatSession(listener, dependencies);
  const connect = () =>
    session.connect({
      jid: server.account,
      password: "secret",
      service: "wss://chat.example.test/ws",
      reconnect: { baseMs: 20, capMs: 40 },
    });
  return { session, listener, connect };
}

/** A chat message from `from` to the account. */
export function chat(server: FakeServer, from: string, body: string, id = `live-${Math.random()}`): Element {
  return xml("message", { type: "chat", from, to: server.account, id }, xml("body", {}, body));
}
