import type { Element } from "@xmpp/xml";
import { XmppminiError, toXmppminiError } from "../errors.js";
import { parseJid, type Jid } from "../jid/jid.js";
import type { XmppConnection } from "../xmpp/connection.js";
import { connectError } from "../xmpp/error-mapping.js";
import { buildChatMessage, validateBody, type ChatMessage } from "../xmpp/chat-message.js";
import type { Attachment } from "../xmpp/attachment.js";
import type { UploadFile, UploadSlot } from "../xmpp/http-upload.js";
import type { Registration } from "../xmpp/registration.js";
import { UploadSlots } from "./upload-slots.js";
import { readInbound } from "./inbound.js";
import { displayedMarker } from "../xmpp/receipts.js";
import { StreamManagement } from "../xmpp/stream-management.js";
import { fetchArchivePage, type ArchivedMessage } from "../xmpp/archive.js";
import { randomId } from "../random-id.js";
import { Addressing } from "./addressing.js";
import { endpointCandidates, endpointOf, requireSecureContextCrypto, type Endpoint, type Transport } from "./endpoints.js";
import { XmppminiResolver, type Resolution } from "../xmppmini/resolver.js";
import { sharedResolutionCache } from "../store/indexeddb-resolution-cache.js";
import { MessageStore } from "../store/message-store.js";
import { ArchivePosition } from "../store/archive-position.js";
import { ConversationStore } from "../store/conversation-store.js";
import { StreamState } from "../store/stream-state.js";
import { ConversationMarks } from "./conversation-marks.js";
import { Intake } from "./intake.js";
import { Outbox, bounceReason } from "./outbox.js";
import { ReconnectPolicy } from "./reconnect-policy.js";
import { signIn } from "./sign-in.js";
import { startKeepalive } from "./keepalive.js";
import { catchUp } from "./catch-up.js";
import { skipOnError } from "./skip-on-error.js";
import { TabCoordinator, type TabMessage } from "./tab-coordinator.js";
import { PeerWatch, type PeerNews } from "./peer-watch.js";
import { parsePresence } from "../xmpp/presence.js";
import { buildChatState, type ChatState } from "../xmpp/chat-states.js";
import { bareOf } from "../xmpp/chat-message.js";
import type { RoomView } from "./rooms.js";
import type { RoomRouting } from "./room-routing.js";

export type SessionStatus = "offline" | "connecting" | "online" | "error";

export interface SessionOptions {
  /** The account as people know it; with `anonymous`, the domain to sign in to. */
  jid: string;
  password: string;
  /**
   * Sign in with SASL ANONYMOUS (RFC 4505): the server makes up an account for this session, learned
   * at bind, so each page gets a new address. This browser keeps the history under the domain.
   */
  anonymous?: boolean;
  /** wss:// (RFC 7395) or https:// BOSH (XEP-0206) endpoint; when empty, found with the xmppmini rules. */
  service?: string;
  /** Same-origin URL template for xmppmini.txt lookups, with `{domain}`. */
  resolverTemplate?: string;
  /** Upper bound for one sign-in attempt, in ms. */
  connectTimeoutMs?: number;
  /** Days to keep history in this browser; older messages are deleted at sign-in. Unset: keep everything. */
  retentionDays?: number;
  /** The reconnect policy's timing (tests shorten it). */
  reconnect?: ConstructorParameters<typeof ReconnectPolicy>[0];
  /** A guest's account still to be created (XEP-0077) on the first connection; see registration.ts. */
  registration?: Registration;
}

/** Which transport a status change concerns, and what kind of (re)connection it was. */
export interface StatusDetail {
  transport?: Transport;
  /** The fallback transport after WebSocket failed. */
  fallback?: boolean;
  /** Online again on the same XMPP session (XEP-0198): nothing was missed. */
  resumed?: boolean;
  /** With `error`: when the next attempt runs on its own (ms since the epoch). */
  retryAt?: number;
}

/** How a session reports back; the UI layer turns these into DOM events. */
export interface SessionListener {
  status(status: SessionStatus, detail: StatusDetail): void;
  /** Stored history of the account, oldest first, once per sign-in; not new messages. */
  history(messages: ChatMessage[]): void;
  message(message: ChatMessage): void;
  /** One of our messages changed delivery state. */
  update(message: ChatMessage): void;
  /** The conversation with `peer` is read up to the message with order key `upTo` (here or in another tab). */
  read(peer: string, upTo: number): void;
  /** A contact's presence changed, or it started or stopped typing. */
  peer(peer: string, news: PeerNews): void;
  /** Whether the server takes file uploads (XEP-0363) changed. */
  upload?(available: boolean): void;
  /** A room's state changed: joined, occupants, subject, or why we are not in it (XEP-0045). */
  room?(view: RoomView): void;
  error(error: XmppminiError): void;
}

// Failures that a later attempt may get past; the others need a person to change something.
const RETRYABLE = new Set(["connection-failed", "connection-lost", "timeout", "stream-error"]);
// Stream errors that say "stop": another client took over the resource, or the server banned us.
const FINAL_STREAM_CONDITIONS = new Set(["conflict", "not-authorized", "policy-violation", "host-unknown"]);

interface Account {
  readonly jid: Jid;
  readonly options: SessionOptions;
  readonly resolver: XmppminiResolver;
  /** Replaced when this tab becomes the leader: another tab's leader may have moved the stored states on. */
  outbox: Outbox;
  readonly intake: Intake;
  readonly marks: ConversationMarks;
}

/**
 * One signed-in account: connects and stays connected (reconnecting on its own, resuming the stream where
 * it can), sends through an outbox that survives reloads, receives, catches up from the server archive,
 * and keeps history. Knows nothing of the DOM; the element drives it and renders what it reports.
 */
export class ChatSession {
  #status: SessionStatus = "offline";
  #connection: XmppConnection | null = null;
  #transport: Transport | undefined;
  #account: Account | null = null;
  #addressing: Addressing | null = null;
  #attempt: AbortController | null = null;
  #stopKeepalive: () => void = () => undefined;
  #reconnect = new ReconnectPolicy();
  #lastReported = "";
  #tabs: TabCoordinator | null = null;
  /** When the current connection's sign-in began: history before it, arrivals after. */
  #signedInAt = 0;
  /** Per peer, the newest message that asked for a displayed marker and has not had one. */
  readonly #unmarked = new Map<string, { id: string; to: string }>();
  #storageWarned = false;
  readonly #store = new MessageStore();
  readonly #position = new ArchivePosition();
  readonly #conversationStore = new ConversationStore();
  /** Follower: the newest state the leader told of each of our messages (see #newestHeard). */
  readonly #heardStates = new Map<string, ChatMessage>();
  readonly #streamState = new StreamState();
  readonly #sm = new StreamManagement({
    acked: (stanza) => this.#onAcked(stanza),
    // Only the leader has a connection: its session is what the next page (or tab) resumes. Not over BOSH:
    // a page that goes away leaves its BOSH session open until the server's inactivity timeout, and
    // Prosody then holds a resumption of it back (ejabberd refuses it). Nor for an anonymous account: a
    // resumption is bound to the account that signed in, and each anonymous sign-in makes a new one.
    save: (session) => (this.#account && this.#leading && this.#resumableByNextPage ? this.#streamState.set(this.#account.jid.bare, session) : undefined),
  });
  /** The transport of the connection being set up (or last set up). */
  #signingInOver: Transport | undefined;

  /** Whether the next page (or tab) may resume this page's stream; see the `save` hook above. */
  get #resumableByNextPage(): boolean {
    return this.#signingInOver === "websocket" && !this.#account?.options.anonymous;
  }

  /**
   * A page going away with a stream nobody will resume acknowledges what it got: otherwise the server
   * stores it offline again (a copy the next page drops) or, for an anonymous account, bounces it to its
   * sender when the session ends. Not for a resumable stream: the next page resumes with the count it
   * saved, and a server that was told more than that closes the stream (XEP-0198 §4). Registered before
   * any BOSH socket's own pagehide listener, so the acknowledgement goes into its terminating request.
   */
  readonly #onPageHide = () => {
    if (this.#connection && this.#leading && !this.#resumableByNextPage) void this.#sm.acknowledgeNow();
  };
  /** The session being resumed was another page's: what it received may not all be stored. */
  #adopted = false;
  readonly #peers = new PeerWatch({
    news: (peer, news) => {
      this.listener.peer(peer, news);
      if (this.#tabs?.leader) this.#tabs.post({ type: "peer", peer, news });
    },
  });

  /** The rooms of the signed-in account; loaded with the first room joined (a chunk of its own). */
  #rooms: Promise<RoomRouting> | null = null;
  /** Every tab's picture of the rooms, the leader's word: what a room is, what we are called there. */
  readonly #roomViews = new Map<string, RoomView>();
  /** Rooms this tab shows messages of: a join's history there is news, not old history (see RoomsHooks.known). */
  readonly #shownRooms = new Set<string>();

  readonly #uploads = new UploadSlots({
    changed: (available) => this.listener.upload?.(available),
    post: (message) => this.#tabs?.post(message),
  });

  constructor(private readonly listener: SessionListener) {}

  /** Whether the server takes file uploads (XEP-0363). */
  get canUpload(): boolean {
    return this.#uploads.available;
  }

  /** Where to PUT `file` (XEP-0363): asked of the server, from whichever tab holds the connection. Throws `upload-failed`. */
  uploadSlot(file: UploadFile): Promise<UploadSlot> {
    return this.#uploads.slot(file, this.#leading ? this.#connection?.iqCaller : undefined);
  }

  get status(): SessionStatus {
    return this.#status;
  }

  #setStatus(status: SessionStatus, detail: StatusDetail = {}): void {
    if (this.#status === status && !detail.fallback && detail.retryAt === undefined) return;
    this.#status = status;
    this.listener.status(status, detail);
    if (this.#tabs?.leader) this.#postStatus();
  }

  #postStatus(): void {
    this.#tabs?.post({ type: "status", status: this.#status, ...(this.#transport && { transport: this.#transport }) });
  }

  /** Whether this tab holds the account's connection (see TabCoordinator), and so signs in itself. */
  get leading(): boolean {
    return this.#leading;
  }

  get #leading(): boolean {
    return this.#tabs?.leader ?? true;
  }

  /** Reports an error once, however often the same failure repeats while retrying. */
  #report(error: XmppminiError): void {
    const key = `${error.code}\u0000${error.message}`;
    if (key === this.#lastReported) return;
    this.#lastReported = key;
    this.listener.error(error);
    if (this.#tabs?.leader) this.#tabs.post({ type: "error", code: error.code, message: error.message });
  }

  /**
   * Signs in and stays signed in. A second call aborts the first (only the latest attempt counts).
   * Unreachable servers and lost connections are retried with backoff; a wrong password is reported once.
   */
  async connect(options: SessionOptions): Promise<void> {
    globalThis.addEventListener?.("pagehide", this.#onPageHide);
    this.#attempt?.abort();
    this.#reconnect.cancel();
    this.#attempt = new AbortController();
    const { signal } = this.#attempt;
    await this.#forgetStream();
    await this.#teardown();
    // The stream was closed cleanly (or never opened): there is no session left to resume.
    this.#sm.reset();
    if (signal.aborted) return;
    this.#lastReported = "";

    let account: Account;
    try {
      account = this.#prepare(options);
    } catch (error) {
      this.#setStatus("error");
      this.#report(toXmppminiError(error, "invalid-config", String(error)));
      return;
    }
    this.#reconnect = new ReconnectPolicy(options.reconnect);
    this.#setStatus("connecting");
    let stored = await this.#loadHistory(account);
    if (signal.aborted) return;
    // One connection per account per browser: only the tab holding the lock connects; the others mirror it
    // and take over when it goes away.
    this.#tabs?.close();
    const tabs = new TabCoordinator(`xmppmini-chat:${account.jid.bare}`, (message) => this.#fromTab(account, message));
    this.#tabs = tabs;
    tabs.post({ type: "hello" });
    let leading: Promise<void> | undefined;
    const leadsNow = await tabs.elect(() => {
      if (this.#tabs === tabs && !signal.aborted) leading = this.#lead(account, signal, stored);
    });
    // A lead that comes later (another tab went away) reads the store afresh: that tab wrote to it.
    stored = undefined;
    // A follower is done here: it mirrors the leader from now on.
    if (leadsNow) await leading;
  }

  /** This tab became the leader: take over the stored outbox and connect. `stored`: the store's messages, just read. */
  async #lead(account: Account, signal: AbortSignal, stored: ChatMessage[] | undefined): Promise<void> {
    if (this.#tabs?.leader && this.#status !== "connecting") this.#setStatus("connecting");
    account.outbox = this.#newOutbox(account.jid.bare);
    // What a page that went away without signing out (reload, closed leader tab) left resumable, read
    // with the outbox's messages.
    const left = this.#sm.resumable ? undefined : this.#streamState.get(account.jid.bare).catch(() => undefined);
    try {
      if (stored) account.outbox.track(stored);
      else {
        const [recent, pending] = await Promise.all([this.#store.recent(account.jid.bare, 500), this.#store.pending(account.jid.bare)]);
        account.outbox.track([...recent, ...pending].map((message) => this.#newestHeard(message)));
      }
      this.#heardStates.clear(); // the leader now: its own outbox tells the states
    } catch (error) {
      this.#storageFailed(error);
    }
    if (signal.aborted) return;
    // The rooms the tab that led before was in (their views came from it): this tab is in them now,
    // however they were joined there (attribute, link or API). A room password stayed with that tab.
    const inherited = [...this.#roomViews.values()].filter((view) => view.status === "joined" || view.status === "joining");
    if (inherited.length > 0) {
      const { rooms } = await this.#loadRooms();
      for (const view of inherited) rooms.join(view.jid, view.wantedNick ?? view.nick);
    }
    if (signal.aborted) return;
    const stream = await left;
    if (stream && !this.#sm.resumable) {
      this.#sm.restore(stream);
      this.#adopted = true;
    }
    if (signal.aborted) return;
    await this.#establish(account, signal);
  }

  /**
   * A stored message of ours as this tab last heard of it from the leader. The leader that just went away
   * may not have written its last news (the server took it, the room reflected it) before the page closed:
   * taken over as still pending, such a message would go out a second time.
   */
  #newestHeard(message: ChatMessage): ChatMessage {
    const heard = this.#heardStates.get(message.id);
    return heard && message.state === "pending" && heard.state !== undefined && heard.state !== "pending" ? { ...message, state: heard.state, ...(heard.reason && { reason: heard.reason }) } : message;
  }

  /** What the other tabs of this account say: the leader's news for followers, followers' sends for the leader. */
  #fromTab(account: Account, message: TabMessage): void {
    if (this.#account !== account) return;
    const leading = this.#tabs?.leader ?? false;
    switch (message.type) {
      case "hello":
        if (!leading) break;
        this.#postStatus();
        for (const [peer, presence] of this.#peers.known()) this.#tabs?.post({ type: "peer", peer, news: { presence } });
        this.#uploads.announce();
        for (const view of this.#roomViews.values()) this.#tabs?.post({ type: "room", view });
        break;
      case "room":
        if (leading) break;
        this.#roomViews.set(message.view.jid, message.view);
        this.listener.room?.(message.view);
        break;
      case "join":
        if (leading) void this.joinRoom(message.room, message.nick, message.password);
        break;
      case "leave":
        if (leading) void this.leaveRoom(message.room);
        break;
      case "upload-service":
      case "slot-request":
      case "slot":
        this.#uploads.fromTab(message, leading ? this.#connection?.iqCaller : undefined);
        break;
      case "peer":
        if (!leading) this.listener.peer(message.peer, message.news);
        break;
      case "chat-state":
        if (leading) this.chatState(message.peer, message.state);
        break;
      case "status":
        if (leading) break;
        this.#status = message.status;
        this.listener.status(message.status, {
          ...(message.transport && { transport: message.transport }),
          ...(message.retryAt !== undefined && { retryAt: message.retryAt }),
        });
        break;
      case "message":
        if (message.message.room) this.#shownRooms.add(message.message.peer);
        if (message.message.direction === "out") account.marks.markAcquainted(message.message.peer);
        if (account.intake.remember(message.message)) this.listener.message(message.message);
        break;
      case "update":
        if (leading) break;
        this.listener.update(message.message);
        this.#heardStates.set(message.message.id, message.message);
        break;
      case "send":
        if (!leading) break;
        account.outbox.track([message.message]);
        if (this.#status === "online") void account.outbox.flush((queued) => this.#transmit(queued));
        break;
      case "retry":
        if (leading) this.retry(message.id);
        break;
      case "displayed":
        if (leading) this.#sendDisplayed(message.peer);
        break;
      case "read":
        if (account.marks.read(message.peer, message.upTo)) this.listener.read(message.peer, message.upTo);
        break;
      case "error":
        if (!leading) this.listener.error(new XmppminiError(message.code, message.message));
        break;
    }
  }

  #newOutbox(account: string): Outbox {
    return new Outbox(this.#store, account, {
      changed: (message) => {
        this.listener.update(message);
        if (this.#tabs?.leader) this.#tabs.post({ type: "update", message });
      },
      storageFailed: (error) => this.#storageFailed(error),
    });
  }

  #prepare(options: SessionOptions): Account {
    const jid = parseJid(options.jid);
    if (options.anonymous) {
      if (jid.local) throw new XmppminiError("invalid-config", `An anonymous sign-in takes a domain, not an address ("${options.jid}").`);
    } else {
      if (!jid.local) throw new XmppminiError("invalid-jid", `"${options.jid}" has no user part; sign in as user@domain.`);
      if (!options.password) throw new XmppminiError("invalid-config", "No password is set for this account.");
    }
    if (options.service) endpointOf(options.service);
    const days = options.retentionDays;
    if (days !== undefined && !(Number.isFinite(days) && days > 0)) {
      throw new XmppminiError("invalid-config", `retention must be a number of days above 0 (got "${days}"); leave it out to keep all history.`);
    }
    requireSecureContextCrypto();
    const resolver = new XmppminiResolver({
      cache: sharedResolutionCache(),
      ...(options.resolverTemplate && { proxyTemplate: new URL(options.resolverTemplate, globalThis.location?.href).href }),
    });
    // Another account starts from scratch; the same account keeps its outbox and stream across sign-ins.
    if (this.#account?.jid.bare === jid.bare) {
      const account = { ...this.#account, options, resolver };
      this.#account = account;
      return account;
    }
    this.#rooms = null;
    this.#roomViews.clear();
    this.#shownRooms.clear();
    // The intake outlives sign-ins of the same account (the account record is replaced): it reaches the
    // account through the session, and only while that account is the one signed in.
    const current = () => (this.#account?.intake === intake ? this.#account : null);
    const intake: Intake = new Intake(jid.bare, () => this.#addressing, {
      accept: (message, details) => {
        const account = current();
        if (account) this.#accept(account, message, details);
      },
      ownMessageSeen: (id) => current()?.outbox.advance(id, "sent"),
    });
    this.#account = {
      jid,
      options,
      resolver,
      outbox: this.#newOutbox(jid.bare),
      intake,
      marks: new ConversationMarks(this.#conversationStore, jid.bare, (error) => this.#storageFailed(error)),
    };
    return this.#account;
  }

  /** One attempt: look up where to connect, try each endpoint, and on success catch up and send. */
  async #establish(account: Account, signal: AbortSignal): Promise<void> {
    const { jid, options, resolver } = account;
    let service = options.service ?? "";
    try {
      // An explicit service wins; otherwise xmppmini.txt, get_host and XEP-0156 say where to connect.
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
        if (index > 0) this.#setStatus("connecting", { transport: endpoint.transport, fallback: true });
        try {
          await this.#signIn(endpoint, real, options, signal);
          break;
        } catch (error) {
          const failure = connectError(error, { jid: jid.bare, service });
          // Only an endpoint that cannot be reached is worth a second transport; a wrong password is not.
          const next = candidates[index + 1];
          if (!next || signal.aborted || (failure.code !== "connection-failed" && failure.code !== "timeout")) throw error;
          await this.#teardown();
        }
      }
      if (signal.aborted || !this.#connection) return;
      await this.#online(account, this.#connection);
    } catch (error) {
      if (signal.aborted) return;
      await this.#teardown();
      const failure = connectError(error, { jid: jid.bare, service });
      // A looked-up endpoint that does not answer may be stale: the next attempt looks it up afresh.
      if (!options.service && (failure.code === "connection-failed" || failure.code === "timeout")) {
        await resolver.forget(jid.bare).catch(() => undefined); // the cache is an optimisation only
      }
      this.#failed(account, failure);
    }
  }

  async #signIn(endpoint: Endpoint, real: Jid, options: SessionOptions, signal: AbortSignal): Promise<void> {
    // From the first stanza on (offline messages follow our presence at once) until the archive catch-up is
    // done, live messages wait: what was missed is shown first, whichever way it came back.
    this.#account?.intake.hold();
    this.#signedInAt = Date.now();
    this.#signingInOver = endpoint.transport;
    const connection = await signIn({
      endpoint,
      real,
      accountDomain: parseJid(options.jid).domain,
      password: options.password,
      ...(options.anonymous && { anonymous: true }),
      streamManagement: this.#sm,
      timeoutMs: options.connectTimeoutMs ?? 30000,
      ...(options.registration && { registration: options.registration }),
      created: (created) => (this.#connection = created),
      listen: (created) => this.#listen(created),
    });
    if (signal.aborted) return;
    this.#transport = endpoint.transport;
    this.#connection = connection;
  }

  async #online(account: Account, connection: XmppConnection): Promise<void> {
    const { resumed } = connection.negotiated;
    this.#reconnect.succeeded();
    this.#lastReported = "";
    this.#stopKeepalive = startKeepalive(connection, this.#sm);
    this.#setStatus("online", { ...(this.#transport && { transport: this.#transport }), ...(resumed && { resumed }) });
    // A session resumed from another page still catches up: that page may have acknowledged messages it
    // did not live to store. (The archive is read from the last position; what is held is not shown twice.)
    const adopted = this.#adopted;
    this.#adopted = false;
    if (!resumed || adopted) {
      if (!resumed) {
        account.outbox.newSession();
        this.#peers.reset();
      }
      try {
        await this.#catchUp(account, connection);
      } finally {
        account.intake.release();
      }
    } else {
      account.intake.release();
    }
    if (this.#connection === connection) void account.outbox.flush((message) => this.#transmit(message));
    // A resumed stream is still in its rooms; one resumed from another page has rooms this page never saw.
    if (this.#connection === connection) void this.#rooms?.then(({ rooms }) => this.#connection === connection && rooms.online(resumed && !adopted));
    // Uploads go to our real server (a shard may differ from the public domain).
    if (this.#connection === connection && (!resumed || !this.#uploads.available)) void this.#uploads.discover(connection.iqCaller, this.#ownReal(account, connection).split("@").pop()!, () => this.#connection === connection);
  }

  /** A failed attempt: retried with backoff where that can help, reported either way. */
  #failed(account: Account, failure: XmppminiError): void {
    account.intake.release();
    const condition = (failure.cause as { condition?: string } | undefined)?.condition ?? "";
    const retry = RETRYABLE.has(failure.code) && !FINAL_STREAM_CONDITIONS.has(condition);
    this.#report(failure);
    if (!retry) {
      this.#sm.reset();
      this.#setStatus("error");
      return;
    }
    this.#reconnect.schedule(() => this.#retry(account));
    this.#setStatus("error", { retryAt: this.#reconnect.due });
  }

  #retry(account: Account): void {
    if (this.#account !== account) return;
    this.#attempt?.abort();
    this.#attempt = new AbortController();
    this.#setStatus("connecting");
    void this.#establish(account, this.#attempt.signal);
  }

  /** Tries again now instead of waiting for the scheduled attempt ("Retry now"). */
  retryNow(): void {
    if (this.#reconnect.due !== undefined) this.#reconnect.runNow();
  }

  #listen(connection: XmppConnection): void {
    const { entity } = connection;
    // One stanza that cannot be read is skipped with a warning: the next one is handled as usual.
    entity.on("stanza", (stanza: Element) => skipOnError("a stanza", () => this.#onStanza(stanza)));
    // An EventEmitter without an 'error' listener throws; while connecting, start() rejects with the
    // same error and connect() reports it. After sign-in, the lost connection below is what counts; a
    // stream error is remembered as its reason.
    let reason: XmppminiError | undefined;
    entity.on("error", (error: unknown) => {
      if (this.#connection === connection && this.#status === "online") reason = connectError(error, this.#context());
    });
    entity.on("disconnect", () => {
      if (this.#connection !== connection || this.#status !== "online") return;
      this.#connection = null;
      this.#stopKeepalive();
      void this.#rooms?.then(({ rooms }) => rooms.offline());
      const account = this.#account;
      if (!account) return;
      const lost =
        reason?.code === "stream-error"
          ? reason
          : new XmppminiError("connection-lost", "The connection to the chat server was lost; reconnecting.", { cause: reason });
      this.#failed(account, lost);
    });
  }

  #context(): { jid: string; service: string } {
    return { jid: this.#account?.jid.bare ?? "", service: this.#connection?.entity.options.service ?? "" };
  }

  #onStanza(stanza: Element): void {
    const account = this.#account;
    if (!account) return;
    const connection = this.#connection;
    if (this.#roomViews.size > 0 && this.#roomStanza(account, stanza)) return;
    const ownReal = this.#ownReal(account, connection);
    const presence = parsePresence(stanza);
    // Our own other devices are no contact to show.
    if (presence && presence.from !== ownReal.toLowerCase()) {
      void account.intake.inTurn(async (addressing) => this.#peers.presence(await addressing.toPublic(presence.from), presence));
    }
    const { bounced, receipt, acknowledgement: ack, chat, chatState } = readInbound(stanza, account.jid.bare, ownReal);
    if (bounced) {
      const outcome = account.outbox.bounce(bounced, { bare: ownReal, domain: ownReal.split("@").pop()! });
      if (outcome === "failed") this.#report(new XmppminiError("message-error", `A message to ${bounced.peer} was not delivered (${bounceReason(bounced)}).`));
      else console.warn(`xmppmini-chat: an error from ${bounced.peer} about ${bounced.id ?? "no message"} was ignored (${outcome === "untrusted" ? "not where that message went" : "no message of ours waits for news"}).`);
      return;
    }
    // A receipt says the person is online: only to someone they have written to (see ConversationMarks.acquainted).
    if (receipt) {
      void account.intake.inTurn(async (addressing) => {
        // Not awaited: a write waits for a free request over BOSH, and the messages after this one must not.
        if (account.marks.acquainted(await addressing.toPublic(bareOf(stanza.attrs.from)))) void connection?.entity.send(receipt).catch(() => undefined);
      });
    }
    if (ack) void account.intake.inTurn(async (addressing) => account.outbox.advance(ack.id, ack.state, await addressing.toPublic(ack.from)));
    if (chat) account.intake.live(chat.stanza, chat.parsed, chat.sent);
    // In turn with messages: a "typing" must not overtake the message it preceded.
    if (chatState) void account.intake.inTurn(async (addressing) => this.#peers.chatState(await addressing.toPublic(chatState.from), chatState.state));
  }

  /** Our real bare JID (where the server knows us by another address than people do). */
  #ownReal(account: Account, connection: XmppConnection | null): string {
    return connection?.entity.jid?.bare().toString() ?? account.jid.bare;
  }

  /** A message the intake took: shown, told to the other tabs, kept, and (history) counted as read. */
  #accept(account: Account, message: ChatMessage, { history, replyTo }: { history: boolean; replyTo: string }): void {
    // Our own message from another device (a carbon) or the archive: we wrote there.
    if (message.direction === "out") account.marks.markAcquainted(message.peer);
    // A stranger does not hear when the person read its message (see ConversationMarks.acquainted).
    if (message.markable && message.direction === "in" && !history && account.marks.acquainted(message.peer)) this.#unmarked.set(message.peer, { id: message.id, to: replyTo });
    if (message.room) this.#shownRooms.add(message.peer);
    if (history) this.listener.history([message]);
    else this.listener.message(message);
    this.#tabs?.post({ type: "message", message });
    this.#keep(account, message);
    if (history) this.#advanceRead(account, message.peer, message.order ?? message.timestamp);
  }

  async #catchUp(account: Account, connection: XmppConnection): Promise<void> {
    const ownReal = this.#ownReal(account, connection);
    // Pages come oldest first and live messages wait meanwhile: arrival order is archive order. A history
    // page (first sign-in) is shown without being announced as new.
    let storedKnown = false;
    const deliver = async (archived: ArchivedMessage[], history: boolean) => {
      if (archived.length > 0 && !storedKnown) {
        storedKnown = true;
        account.intake.rememberStored(await this.#store.storedKeys(account.jid.bare).catch(() => []));
      }
      await account.intake.archived(archived, ownReal, () => ({ history }));
    };
    try {
      await catchUp({
        fetchPage: (request) => fetchArchivePage(connection.entity, connection.iqCaller, ownReal, request),
        account: account.jid.bare,
        position: this.#position,
        signedInAt: this.#signedInAt,
        deliver,
      });
    } catch (error) {
      // A server without an archive (or one that failed) still chats; what it missed stays missed.
      if (this.#connection === connection) {
        this.#report(toXmppminiError(error, "message-error", "Messages sent while this page was away could not be fetched from the server."));
      }
    }
  }

  /** Puts one outbox message on the wire (resolving with where it went); throws `not-connected` when there is no connection for it. */
  async #transmit(message: ChatMessage): Promise<string> {
    const connection = this.#connection;
    const addressing = this.#addressing;
    if (!connection || !addressing || this.#status !== "online") throw new XmppminiError("not-connected", "Not connected.");
    const stanza = message.room ? await this.#roomStanzaFor(message) : buildChatMessage(this.#inRoom(message.peer) ? message.peer : await addressing.toReal(message.peer), message.body, message.id, message.replaces, message.attachment);
    try {
      await connection.entity.send(stanza);
      this.#peers.messageSent(message.peer);
    } catch (error) {
      // A connection dying under the write is no fault of the message: it stays pending for the next one.
      throw new XmppminiError("not-connected", "The connection went away while sending.", { cause: error });
    }
    // Without stream management the server never confirms; having written it is all we can know.
    if (!this.#sm.enabled) this.#account?.outbox.advance(message.id, "sent");
    return String(stanza.attrs.to);
  }

  #onAcked(stanza: Element): void {
    if (stanza.is("message") && stanza.attrs.id) this.#account?.outbox.advance(stanza.attrs.id, "sent");
  }

  /**
   * Sends a chat message to `to` (a bare JID). The message is kept first and shown as `pending`; it goes
   * out now if online, else as soon as the connection returns (also after a reload). Throws a typed error
   * (`invalid-jid`, `invalid-message`, `not-connected` before any sign-in) without keeping anything.
   * `replaces`: the id of our message it corrects (XEP-0308); `attachment`: the file the body shares (XEP-0066).
   */
  async send(to: string, body: string, { replaces, attachment }: { replaces?: string; attachment?: Attachment } = {}): Promise<ChatMessage> {
    const peer = this.conversationOf(to);
    const room = this.#roomViews.get(peer);
    validateBody(body);
    const account = this.#account;
    if (!account) throw new XmppminiError("not-connected", "Not signed in: the message was not sent. Sign in first.");
    const timestamp = Date.now();
    const { message, saved } = account.outbox.add({
      id: randomId(),
      from: account.jid.bare,
      to: peer,
      peer,
      body,
      direction: "out",
      timestamp,
      order: account.intake.arrivalOrder(timestamp),
      ...(replaces && { replaces }),
      ...(attachment && { attachment }),
      ...(room && { room: true as const, nick: room.nick }),
    });
    account.intake.remember(message);
    account.marks.markAcquainted(peer);
    if (room) this.#shownRooms.add(peer);
    this.listener.message(message);
    this.#tabs?.post({ type: "message", message });
    if (!this.#leading) this.#tabs?.post({ type: "send", message });
    else if (this.#status === "online") void account.outbox.flush((queued) => this.#transmit(queued));
    await saved;
    return message;
  }

  /**
   * Shows up to 200 messages of the conversation with `peer` from before `oldest` (the oldest shown) from
   * this browser's store, else 50 from the server's archive (XEP-0313, filtered by peer and time).
   * Resolves with how many were new; 0 means the start of the conversation (or no archive to ask).
   */
  async loadOlder(peer: string, oldest?: { order: number; timestamp: number; archiveId?: string }): Promise<number> {
    const account = this.#account;
    if (!account) return 0;
    // This browser's own store answers fast: bigger pages from it than from the server.
    const limit = 50;
    const storedLimit = 200;
    try {
      const stored = await this.#store.before(account.jid.bare, peer, oldest?.order ?? Infinity, storedLimit);
      const fresh = stored.filter((message) => account.intake.remember(message));
      if (fresh.length > 0) {
        account.outbox.track(fresh);
        this.listener.history(fresh);
        return fresh.length;
      }
    } catch (error) {
      this.#storageFailed(error);
    }
    const connection = this.#connection;
    const addressing = this.#addressing;
    if (!connection || !addressing || this.#status !== "online") return 0;
    // A room's archive is the room's (XEP-0313 §5.1.2); a private conversation in a room has none here.
    if (this.#inRoom(peer)) return 0;
    if (this.#roomViews.has(peer)) return (await this.#rooms)?.loadOlder(account, connection, peer, oldest) ?? 0;
    const ownReal = this.#ownReal(account, connection);
    // Page back from the oldest message the archive knows by id; without one, by time.
    const page = await fetchArchivePage(connection.entity, connection.iqCaller, ownReal, {
      before: oldest?.archiveId ?? "",
      max: limit,
      with: await addressing.toReal(peer),
      ...(oldest && !oldest.archiveId && { end: oldest.timestamp }),
    });
    // Above everything shown, in the archive's own order (its clock may disagree with ours).
    return account.intake.archived(page.messages, ownReal, (index, count, timestamp) => ({
      history: true,
      order: oldest ? oldest.order - (count - index) * 0.001 : timestamp,
    }));
  }

  /**
   * Whether the other side of the conversation with `peer` is no stranger: the person wrote there, or the
   * host page named it (see ConversationMarks.acquainted).
   */
  acquainted(peer: string): boolean {
    return this.#account?.marks.acquainted(peer) ?? false;
  }

  /** The host page named `peer` (its `peer` attribute, its roster, its API): the site vouches for it. */
  acquaint(peer: string): void {
    this.#account?.marks.markAcquainted(this.conversationOf(peer));
  }

  /**
   * The person has seen the conversation with `peer` up to the message with order key `upTo`: it is read
   * (in every tab, and after a reload), and the peer hears that its newest message there was displayed
   * (XEP-0333), once, where it asked for that. Another tab's marker is sent by the leader.
   */
  markSeen(peer: string, upTo: number): void {
    const account = this.#account;
    if (account) this.#advanceRead(account, peer, upTo);
    if (this.#leading) this.#sendDisplayed(peer);
    else this.#tabs?.post({ type: "displayed", peer });
  }

  #advanceRead(account: Account, peer: string, upTo: number): void {
    if (!account.marks.read(peer, upTo)) return;
    this.listener.read(peer, upTo);
    this.#tabs?.post({ type: "read", peer, upTo });
  }

  #sendDisplayed(peer: string): void {
    const unmarked = this.#unmarked.get(peer);
    const connection = this.#connection;
    if (!unmarked || !connection || this.#status !== "online") return;
    this.#unmarked.delete(peer);
    void connection.entity.send(displayedMarker(unmarked.to, unmarked.id, randomId())).catch(() => undefined);
  }

  /**
   * Our chat state in the conversation with `peer` (XEP-0085): sent as a standalone notification when it
   * is news and the peer's client speaks chat states; followers hand it to the leader.
   */
  chatState(peer: string, state: ChatState): void {
    if (!this.#leading) {
      this.#tabs?.post({ type: "chat-state", peer, state });
      return;
    }
    const connection = this.#connection;
    const addressing = this.#addressing;
    if (!connection || !addressing || this.#status !== "online" || this.#roomViews.has(peer) || !this.#peers.shouldSend(peer, state)) return;
    void addressing
      .toReal(peer)
      .then((real) => connection.entity.send(buildChatState(real, state, randomId())))
      .catch(() => undefined); // a lost "typing" is no loss
  }

  /** The text left unsent in the composer for `peer` (kept across reloads). */
  draft(peer: string): string {
    return this.#account?.marks.draft(peer) ?? "";
  }

  saveDraft(peer: string, text: string): void {
    this.#account?.marks.setDraft(peer, text);
  }

  /** Sends a failed message again, with its original id. */
  retry(id: string): void {
    if (!this.#leading) {
      this.#tabs?.post({ type: "retry", id });
      return;
    }
    const account = this.#account;
    if (!account?.outbox.retry(id)) return;
    if (this.#status === "online") void account.outbox.flush((queued) => this.#transmit(queued));
  }

  /**
   * Shows the account's stored history and how far each conversation was read, and remembers the ids, so a
   * redelivered message is not shown twice. Resolves with the messages read (for the outbox), if any.
   */
  async #loadHistory(account: Account): Promise<ChatMessage[] | undefined> {
    try {
      if (!(await this.#store.persistent())) {
        this.#storageFailed(new XmppminiError("storage-unavailable", "This browser does not let the chat keep its history (private mode, or storage blocked): messages are shown, but are gone after a reload."));
      }
      const days = account.options.retentionDays;
      if (days !== undefined) await this.#store.prune(account.jid.bare, Date.now() - days * 86_400_000);
      // Asked together: one after the other, the waits added up to a good part of a cold start.
      const [history, pending] = await Promise.all([this.#store.recent(account.jid.bare, 500), this.#store.pending(account.jid.bare), account.marks.load()]);
      const stored = [...history, ...pending];
      // Conversations kept from before the person's writing was marked: their own messages say it.
      for (const message of stored) if (message.direction === "out") account.marks.markAcquainted(message.peer);
      account.outbox.track(stored);
      for (const message of history) if (message.room) this.#shownRooms.add(message.peer);
      const shown = history.filter((message) => account.intake.remember(message));
      if (shown.length > 0) this.listener.history(shown);
      for (const [peer, upTo] of account.marks.readMarks) this.listener.read(peer, upTo);
      return stored;
    } catch (error) {
      this.#storageFailed(error);
      return undefined;
    }
  }

  /** Stores a shown message; a storage failure is reported once and does not stop the chat. */
  #keep(account: Account, message: ChatMessage): void {
    this.#store.save(account.jid.bare, message).catch((error: unknown) => this.#storageFailed(error));
  }

  #storageFailed(error: unknown): void {
    if (this.#storageWarned) return;
    this.#storageWarned = true;
    this.listener.error(
      toXmppminiError(error, "storage-unavailable", "This browser could not save the chat history; messages are shown but will not be kept after a reload."),
    );
  }

  /**
   * The conversation an address belongs to: a person's bare address, a room's, or a room occupant's full
   * address (a private message in a room, XEP-0045 §7.5). Throws `invalid-jid`.
   */
  conversationOf(jid: string): string {
    const parsed = parseJid(jid);
    return parsed.resource && this.#roomViews.has(parsed.bare) ? `${parsed.bare}/${parsed.resource}` : parsed.bare;
  }

  /** Whether `peer` is an occupant of one of our rooms (a private conversation, sent as it is). */
  #inRoom(peer: string): boolean {
    const slash = peer.indexOf("/");
    return slash > 0 && this.#roomViews.has(peer.slice(0, slash));
  }

  /** The rooms as the leader knows them. */
  get rooms(): RoomView[] {
    return [...this.#roomViews.values()];
  }

  /**
   * Joins the room `room` as `nick` (XEP-0045 §7.2): now when online, else as soon as the connection is
   * there, and again after every new session. Throws `invalid-jid` for an address that is no room's or an
   * empty nickname; a room that refuses says why through the `error` report.
   */
  async joinRoom(room: string, nick: string, password?: string): Promise<void> {
    const parsed = parseJid(room);
    if (!parsed.local || parsed.resource) throw new XmppminiError("invalid-jid", `"${room}" is no room address (room@service).`);
    const name = nick.trim();
    if (!name) throw new XmppminiError("invalid-config", `No nickname to join ${parsed.bare} with.`);
    if (!this.#leading) {
      // The leader joins; its views come back here.
      this.#roomViews.set(parsed.bare, this.#roomViews.get(parsed.bare) ?? { jid: parsed.bare, nick: name, status: "joining", subject: "", occupants: [] });
      this.#tabs?.post({ type: "join", room: parsed.bare, nick: name, ...(password && { password }) });
      return;
    }
    (await this.#loadRooms()).rooms.join(parsed.bare, name, password);
  }

  /** Leaves `room`; its conversation and history stay. */
  async leaveRoom(room: string): Promise<void> {
    const bare = parseJid(room).bare;
    if (!this.#leading) {
      this.#tabs?.post({ type: "leave", room: bare });
      return;
    }
    (await this.#rooms)?.rooms.leave(bare);
  }

  #loadRooms(): Promise<RoomRouting> {
    // The rooms are this account's: a sign-in as another drops them (see #prepare). The account record is
    // replaced at each sign-in of the same account, so it is looked up by address, not kept.
    const jid = this.#account?.jid.bare;
    const current = () => (this.#account && this.#account.jid.bare === jid ? this.#account : null);
    this.#rooms ??= import("./room-routing.js").then(({ RoomRouting }) => {
      const routing = new RoomRouting({
        account: current,
        connection: () => (this.#status === "online" ? this.#connection : null),
        store: this.#store,
        changed: (view) => {
          this.#roomViews.set(view.jid, view);
          this.listener.room?.(view);
          if (this.#tabs?.leader) this.#tabs.post({ type: "room", view });
        },
        flush: (account) => void account.outbox.flush((queued) => this.#transmit(queued)),
        report: (error) => this.#report(error),
        known: (room) => this.#shownRooms.has(room),
      });
      if (this.#connection && this.#status === "online") routing.rooms.online(false);
      return routing;
    });
    return this.#rooms;
  }

  /** Routes what a room sends (presence, groupchat, private messages of occupants); true when it was a room's. */
  #roomStanza(account: Account, stanza: Element): boolean {
    if (!this.#roomViews.has(bareOf(stanza.attrs.from ?? ""))) return false;
    // Rooms are loaded before the first join goes out, so what a room sends finds them here.
    void this.#rooms?.then((routing) => {
      if (this.#account?.jid.bare === account.jid.bare) skipOnError("a stanza from a room", () => routing.route(account, stanza));
    });
    // A bounce of one of ours is the outbox's business, as in a one-to-one chat.
    return !(stanza.is("message") && stanza.attrs.type === "error");
  }

  /** A room message of ours as it goes out. */
  async #roomStanzaFor(message: ChatMessage): Promise<Element> {
    const routing = await this.#rooms;
    if (!routing) throw new XmppminiError("not-connected", `Not in ${message.peer} yet.`);
    return routing.rooms.outgoing(message);
  }

  /**
   * Looks up a peer's real address ahead of the first message, so a failing directory is reported when
   * the conversation opens rather than when the person presses Enter.
   */
  async prepareAddress(publicJid: string): Promise<void> {
    if (!this.#addressing || this.#status !== "online" || this.#roomViews.has(parseJid(publicJid).bare)) return;
    try {
      await this.#addressing.toReal(parseJid(publicJid).bare);
    } catch (error) {
      this.listener.error(toXmppminiError(error, "not-found", `Could not look up ${publicJid}.`));
    }
  }

  /** Closes the stream cleanly (RFC 6120 §4.4), stops reconnecting, and goes offline. */
  async disconnect(): Promise<void> {
    this.#attempt?.abort();
    this.#attempt = null;
    this.#reconnect.cancel();
    globalThis.removeEventListener?.("pagehide", this.#onPageHide);
    await this.#forgetStream();
    this.#tabs?.close();
    this.#tabs = null;
    this.#uploads.forget();
    await this.#teardown();
    // A clean close ends the server's session: the next sign-in starts a new one. The outbox stays.
    this.#sm.reset();
    this.#setStatus("offline");
  }

  /** Closing this page's connection cleanly ends the server's session: no other page is to resume it. */
  async #forgetStream(): Promise<void> {
    const account = this.#account;
    if (account && this.#connection && this.#leading) await this.#streamState.set(account.jid.bare, undefined).catch(() => undefined);
  }

  async #teardown(): Promise<void> {
    const connection = this.#connection;
    this.#connection = null;
    this.#stopKeepalive();
    void this.#rooms?.then(({ rooms }) => rooms.offline());
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
}
