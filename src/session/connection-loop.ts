import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { parseJid, type Jid } from "../jid/jid.js";
import type { XmppConnection } from "../xmpp/connection.js";
import { connectError } from "../xmpp/error-mapping.js";
import { StreamManagement, type ResumableSession } from "../xmpp/stream-management.js";
import type { Resolution } from "../xmppmini/resolver.js";
import type { StreamState } from "../store/stream-state.js";
import type { AccountScope } from "./account-scope.js";
import { Addressing } from "./addressing.js";
import { endpointCandidates, type Endpoint, type Transport } from "./endpoints.js";
import { startKeepalive } from "./keepalive.js";
import { ReconnectPolicy, type ReconnectOptions } from "./reconnect-policy.js";
import type { signIn } from "./sign-in.js";
import type { SessionReports } from "./session-reports.js";
import type { SessionStatus, StatusDetail } from "./session-types.js";
import type { TabRelay } from "./tab-relay.js";

/**
 * Where the loop is: looking up where to connect, connecting (socket, authentication, resumption or bind,
 * all inside one sign-in), online, waiting for the next attempt, stopped for good (a person must change
 * something), or stopped on purpose.
 */
export type ConnectionPhase = "stopped" | "resolving" | "connecting" | "online" | "waiting" | "failed";

// Failures that a later attempt may get past; the others need a person to change something.
const RETRYABLE = new Set(["connection-failed", "connection-lost", "timeout", "stream-error"]);
// Stream errors that say "stop": another client took over the resource, or the server banned us.
const FINAL_STREAM_CONDITIONS = new Set(["conflict", "not-authorized", "policy-violation", "host-unknown"]);

/** Whether another attempt may succeed where `failure` did, without a person changing anything. */
export function isRetryable(failure: XmppminiError): boolean {
  const condition = (failure.cause as { condition?: string } | undefined)?.condition ?? "";
  return RETRYABLE.has(failure.code) && !FINAL_STREAM_CONDITIONS.has(condition);
}

/** What the loop tells the rest of the session. */
export interface ConnectionHooks {
  /** The status changed (for the page and, from the leader, the other tabs). */
  status(status: SessionStatus, detail: StatusDetail): void;
  /** A sign-in starts: from its first stanza until the catch-up is done, live messages wait. */
  signingIn(account: AccountScope): void;
  stanza(account: AccountScope, stanza: Element, connection: XmppConnection): void;
  /** Online: catch up and send. `adopted`: the stream resumed was another page's. */
  online(account: AccountScope, connection: XmppConnection, how: { resumed: boolean; adopted: boolean }): Promise<void>;
  /** The connection is gone (lost or closed). */
  offline(): void;
  /** An attempt failed; whatever waited for its catch-up goes on. */
  failed(account: AccountScope): void;
  /** The server has our message with this id (XEP-0198 acknowledgement). */
  acked(id: string): void;
}

export interface ConnectionLoopOptions {
  signIn: typeof signIn;
  streamState: Pick<StreamState, "get" | "set">;
  relay: TabRelay;
  reports: SessionReports;
  hooks: ConnectionHooks;
}

/**
 * Connects one account and keeps it connected: looks up where to connect, tries each endpoint, resumes the
 * stream where it can (XEP-0198), watches the connection, and retries with backoff when that can help.
 * Only the latest attempt counts: each runs under its own AbortSignal and checks it after every wait.
 */
export class ConnectionLoop {
  #phase: ConnectionPhase = "stopped";
  #status: SessionStatus = "offline";
  #connection: XmppConnection | null = null;
  #transport: Transport | undefined;
  /** The transport of the connection being set up (or last set up). */
  #signingInOver: Transport | undefined;
  #account: AccountScope | null = null;
  #addressing: Addressing | null = null;
  #attempt: AbortController | null = null;
  #reconnect = new ReconnectPolicy();
  #stopKeepalive: () => void = () => undefined;
  /** The session being resumed was another page's: what it received may not all be stored. */
  #adopted = false;
  readonly #sm: StreamManagement;

  /**
   * A page going away with a stream nobody will resume acknowledges what it got: otherwise the server
   * stores it offline again (a copy the next page drops) or, for an anonymous account, bounces it to its
   * sender when the session ends. Not for a resumable stream: the next page resumes with the count it
   * saved, and a server that was told more than that closes the stream (XEP-0198 §4). Registered before
   * any BOSH socket's own pagehide listener, so the acknowledgement goes into its terminating request.
   */
  readonly #onPageHide = () => {
    if (this.#connection && this.options.relay.leading && !this.#resumableByNextPage) void this.#sm.acknowledgeNow();
  };

  constructor(private readonly options: ConnectionLoopOptions) {
    this.#sm = new StreamManagement({
      acked: (stanza) => {
        if (stanza.is("message") && stanza.attrs.id) options.hooks.acked(stanza.attrs.id);
      },
      // Only the leader has a connection: its session is what the next page (or tab) resumes. Not over
      // BOSH: a page that goes away leaves its BOSH session open until the server's inactivity timeout, and
      // Prosody then holds a resumption of it back (ejabberd refuses it). Nor for an anonymous account: a
      // resumption is bound to the account that signed in, and each anonymous sign-in makes a new one.
      save: (session) =>
        this.#account && options.relay.leading && this.#resumableByNextPage
          ? options.streamState.set(this.#account.jid.bare, session)
          : undefined,
    });
  }

  get phase(): ConnectionPhase {
    return this.#phase;
  }

  get status(): SessionStatus {
    return this.#status;
  }

  /** The connection while online; null otherwise (and always in a tab that does not lead). */
  get online(): XmppConnection | null {
    return this.#status === "online" ? this.#connection : null;
  }

  /** The connection being set up or in use, online or not. */
  get connection(): XmppConnection | null {
    return this.#connection;
  }

  /** Whether `connection` is still this loop's: work started for an older one stops. */
  isCurrent(connection: XmppConnection): boolean {
    return this.#connection === connection;
  }

  /** The current connection's translation between public and real addresses. */
  get addressing(): Addressing | null {
    return this.#addressing;
  }

  /** Without stream management the server never confirms a message; having written it is all we know. */
  get confirmsDelivery(): boolean {
    return this.#sm.enabled;
  }

  /** Whether the next page (or tab) may resume this page's stream; see the `save` hook. */
  get #resumableByNextPage(): boolean {
    return this.#signingInOver === "websocket" && !this.#account?.options.anonymous;
  }

  setStatus(status: SessionStatus, detail: StatusDetail = {}): void {
    if (this.#status === status && !detail.fallback && detail.retryAt === undefined) return;
    this.#status = status;
    this.options.hooks.status(status, detail);
  }

  /** Another tab leads: its status is this tab's. */
  mirror(status: SessionStatus, detail: StatusDetail): void {
    this.#status = status;
    this.options.hooks.status(status, detail);
  }

  /** The status as told to the other tabs. */
  get statusDetail(): { status: SessionStatus; transport?: Transport } {
    return { status: this.#status, ...(this.#transport && { transport: this.#transport }) };
  }

  /**
   * Starts a new attempt, ending the one before it and any retry it scheduled, and closes what that attempt
   * had open: the stream is closed cleanly (or never opened), so there is nothing left to resume.
   */
  async restart(reconnect?: ReconnectOptions): Promise<AbortSignal> {
    globalThis.addEventListener?.("pagehide", this.#onPageHide);
    this.#attempt?.abort();
    this.#reconnect.cancel();
    this.#attempt = new AbortController();
    const { signal } = this.#attempt;
    await this.forgetStream();
    await this.teardown();
    this.#sm.reset();
    this.#reconnect = new ReconnectPolicy(reconnect);
    return signal;
  }

  /** What a page that went away without signing out (reload, closed leader tab) left to resume, if anything. */
  leftStream(account: string): Promise<ResumableSession | undefined> | undefined {
    return this.#sm.resumable ? undefined : this.options.streamState.get(account).catch(() => undefined);
  }

  /** Resumes `stream` (another page's) at the next sign-in, unless this page has its own to resume. */
  adopt(stream: ResumableSession | undefined): void {
    if (!stream || this.#sm.resumable) return;
    this.#sm.restore(stream);
    this.#adopted = true;
  }

  /** One attempt: look up where to connect, try each endpoint, and on success go online. */
  async run(account: AccountScope, signal: AbortSignal): Promise<void> {
    this.#account = account;
    const { jid, options, resolver } = account;
    let service = options.service ?? "";
    try {
      // An explicit service wins; otherwise xmppmini.txt, get_host and XEP-0156 say where to connect.
      this.#phase = "resolving";
      const resolution: Resolution = options.service
        ? { publicJid: jid.bare, realJid: jid.bare, source: "as-is" }
        : await resolver.resolveAccount(jid.bare, signal);
      if (signal.aborted) return;
      const candidates = endpointCandidates(options.service, resolution);
      if (candidates.length === 0) throw new XmppminiError("not-found", `No endpoint was found for ${jid.domain}.`);
      const real = parseJid(resolution.realJid);
      const addressing = new Addressing(resolver, resolution.source === "get_host" ? jid.domain : undefined);
      addressing.remember(jid.bare, real.bare);
      this.#addressing = addressing;

      for (const [index, endpoint] of candidates.entries()) {
        service = endpoint.url;
        if (index > 0) this.setStatus("connecting", { transport: endpoint.transport, fallback: true });
        try {
          await this.#signIn(account, endpoint, real, signal);
          break;
        } catch (error) {
          const failure = connectError(error, { jid: jid.bare, service });
          // Only an endpoint that cannot be reached is worth a second transport; a wrong password is not.
          const next = candidates[index + 1];
          if (!next || signal.aborted || (failure.code !== "connection-failed" && failure.code !== "timeout"))
            throw error;
          await this.teardown();
        }
      }
      if (signal.aborted || !this.#connection) return;
      await this.#goOnline(account, this.#connection);
    } catch (error) {
      if (signal.aborted) return;
      await this.teardown();
      const failure = connectError(error, { jid: jid.bare, service });
      // A looked-up endpoint that does not answer may be stale: the next attempt looks it up afresh.
      if (!options.service && (failure.code === "connection-failed" || failure.code === "timeout")) {
        await resolver.forget(jid.bare).catch(() => undefined); // the cache is an optimisation only
      }
      this.#failed(account, failure);
    }
  }

  async #signIn(account: AccountScope, endpoint: Endpoint, real: Jid, signal: AbortSignal): Promise<void> {
    const { options } = account;
    this.#phase = "connecting";
    this.options.hooks.signingIn(account);
    this.#signingInOver = endpoint.transport;
    const connection = await this.options.signIn({
      endpoint,
      real,
      accountDomain: parseJid(options.jid).domain,
      password: options.password,
      ...(options.anonymous && { anonymous: true }),
      streamManagement: this.#sm,
      timeoutMs: options.connectTimeoutMs ?? 30000,
      ...(options.registration && { registration: options.registration }),
      created: (created) => (this.#connection = created),
      listen: (created) => this.#listen(account, created),
    });
    if (signal.aborted) return;
    this.#transport = endpoint.transport;
    this.#connection = connection;
  }

  async #goOnline(account: AccountScope, connection: XmppConnection): Promise<void> {
    const { resumed } = connection.negotiated;
    this.#reconnect.succeeded();
    this.options.reports.reset();
    this.#stopKeepalive = startKeepalive(connection, this.#sm);
    this.#phase = "online";
    this.setStatus("online", { ...(this.#transport && { transport: this.#transport }), ...(resumed && { resumed }) });
    const adopted = this.#adopted;
    this.#adopted = false;
    await this.options.hooks.online(account, connection, { resumed, adopted });
  }

  /** A failed attempt: retried with backoff where that can help, reported either way. */
  #failed(account: AccountScope, failure: XmppminiError): void {
    this.options.hooks.failed(account);
    this.options.reports.report(failure);
    if (!isRetryable(failure)) {
      this.#phase = "failed";
      this.#sm.reset();
      this.setStatus("error");
      return;
    }
    this.#phase = "waiting";
    this.#reconnect.schedule(() => this.#retry(account));
    this.setStatus("error", { retryAt: this.#reconnect.due });
  }

  #retry(account: AccountScope): void {
    if (this.#account !== account) return;
    this.#attempt?.abort();
    this.#attempt = new AbortController();
    this.setStatus("connecting");
    void this.run(account, this.#attempt.signal);
  }

  /** Tries again now instead of waiting for the scheduled attempt ("Retry now"). */
  retryNow(): void {
    if (this.#reconnect.due !== undefined) this.#reconnect.runNow();
  }

  #listen(account: AccountScope, connection: XmppConnection): void {
    const { entity } = connection;
    entity.on("stanza", (stanza: Element) => this.options.hooks.stanza(account, stanza, connection));
    // An EventEmitter without an 'error' listener throws; while connecting, start() rejects with the
    // same error and run() reports it. After sign-in, the lost connection below is what counts; a
    // stream error is remembered as its reason.
    let reason: XmppminiError | undefined;
    entity.on("error", (error: unknown) => {
      if (this.online === connection)
        reason = connectError(error, { jid: account.jid.bare, service: entity.options.service ?? "" });
    });
    entity.on("disconnect", () => {
      if (this.online !== connection) return;
      this.#connection = null;
      this.#stopKeepalive();
      this.options.hooks.offline();
      const lost =
        reason?.code === "stream-error"
          ? reason
          : new XmppminiError("connection-lost", "The connection to the chat server was lost; reconnecting.", {
              cause: reason,
            });
      this.#failed(account, lost);
    });
  }

  /** Closing this page's connection cleanly ends the server's session: no other page is to resume it. */
  async forgetStream(): Promise<void> {
    const account = this.#account;
    if (account && this.#connection && this.options.relay.leading)
      await this.options.streamState.set(account.jid.bare, undefined).catch(() => undefined);
  }

  /** Closes the connection, if any, without reporting it lost. */
  async teardown(): Promise<void> {
    const connection = this.#connection;
    this.#connection = null;
    this.#stopKeepalive();
    this.options.hooks.offline();
    if (!connection) return;
    const { entity } = connection;
    try {
      if (entity.status !== "offline") await entity.stop();
    } catch {
      // The socket may already be gone (server vanished); there is nothing left to close.
    } finally {
      entity.removeAllListeners("stanza");
      entity.removeAllListeners("disconnect");
    }
  }

  /** Stops the attempt under way and any retry: the person signed out. Close with `forgetStream` and `close`. */
  halt(): void {
    this.#attempt?.abort();
    this.#attempt = null;
    this.#reconnect.cancel();
    this.#phase = "stopped";
    globalThis.removeEventListener?.("pagehide", this.#onPageHide);
  }

  /** After `halt`: closes the connection and ends the stream (a clean close ends the server's session). */
  async close(): Promise<void> {
    await this.teardown();
    this.#sm.reset();
    this.setStatus("offline");
  }
}
