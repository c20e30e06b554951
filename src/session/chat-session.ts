import xml from "@xmpp/xml";
import type { Element } from "@xmpp/xml";
import { XmppminiError, toXmppminiError } from "../errors.js";
import { parseJid, type Jid } from "../jid/jid.js";
import { createXmppConnection, type XmppConnection } from "../xmpp/connection.js";
import { connectError } from "../xmpp/error-mapping.js";
import { answerEntityQueries, capsElement, capsVer } from "../xmpp/capabilities.js";
import {
  bareOf,
  buildChatMessage,
  parseIncomingMessage,
  parseMessageError,
  validateBody,
  type ChatMessage,
} from "../xmpp/chat-message.js";
import { SeenIds } from "./seen-ids.js";
import { enableCarbons, unwrapCarbon } from "../xmpp/carbons.js";
import { randomId } from "../random-id.js";
import { Addressing } from "./addressing.js";
import { endpointCandidates, endpointOf, requireSecureContextCrypto, type Endpoint, type Transport } from "./endpoints.js";
import { XmppminiResolver, type Resolution } from "../xmppmini/resolver.js";
import { sharedResolutionCache } from "../store/indexeddb-resolution-cache.js";
import { MessageStore } from "../store/message-store.js";

export type SessionStatus = "offline" | "connecting" | "online" | "error";

export interface SessionOptions {
  /** The account as people know it. */
  jid: string;
  password: string;
  /** wss:// (RFC 7395) or https:// BOSH (XEP-0206) endpoint; when empty, found with the xmppmini rules. */
  service?: string;
  /** Same-origin URL template for xmppmini.txt lookups, with `{domain}`. */
  resolverTemplate?: string;
  /** Upper bound for the whole sign-in, in ms. */
  connectTimeoutMs?: number;
}

/** Which transport a status change concerns, and whether it is the fallback after WebSocket failed. */
export interface StatusDetail {
  transport?: Transport;
  fallback?: boolean;
}

/** How a session reports back; the UI layer turns these into DOM events. */
export interface SessionListener {
  status(status: SessionStatus, detail: StatusDetail): void;
  /** Stored history of the account, oldest first, once per sign-in; not new messages. */
  history(messages: ChatMessage[]): void;
  message(message: ChatMessage): void;
  error(error: XmppminiError): void;
}

/**
 * One signed-in account: connects, keeps the status, sends and receives 1:1 chat messages.
 * Knows nothing of the DOM; the element drives it and renders what it reports.
 */
export class ChatSession {
  #status: SessionStatus = "offline";
  #connection: XmppConnection | null = null;
  #account: Jid | null = null;
  #addressing: Addressing | null = null;
  #attempt: AbortController | null = null;
  #inbound: Promise<void> = Promise.resolve();
  readonly #seen = new SeenIds();
  readonly #store = new MessageStore();
  #storageWarned = false;

  constructor(private readonly listener: SessionListener) {}

  get status(): SessionStatus {
    return this.#status;
  }

  #setStatus(status: SessionStatus, detail: StatusDetail = {}): void {
    if (this.#status === status && !detail.fallback) return;
    this.#status = status;
    this.listener.status(status, detail);
  }

  #fail(error: XmppminiError): void {
    this.#setStatus("error");
    this.listener.error(error);
  }

  /**
   * Signs in. A second call aborts the first (only the latest attempt counts). Failures set the status to
   * `error` and are reported; nothing retries on its own, so a wrong password never loops.
   */
  async connect(options: SessionOptions): Promise<void> {
    this.#attempt?.abort();
    const attempt = new AbortController();
    this.#attempt = attempt;
    await this.#teardown();
    if (attempt.signal.aborted) return;

    let account: Jid;
    let resolver: XmppminiResolver;
    try {
      account = parseJid(options.jid);
      if (!account.local) throw new XmppminiError("invalid-jid", `"${options.jid}" has no user part; sign in as user@domain.`);
      if (!options.password) throw new XmppminiError("invalid-config", "No password is set for this account.");
      if (options.service) endpointOf(options.service);
      requireSecureContextCrypto();
      resolver = new XmppminiResolver({
        cache: sharedResolutionCache(),
        ...(options.resolverTemplate && { proxyTemplate: new URL(options.resolverTemplate, globalThis.location?.href).href }),
      });
    } catch (error) {
      this.#fail(toXmppminiError(error, "invalid-config", String(error)));
      return;
    }
    this.#account = account;
    this.#setStatus("connecting");
    await this.#loadHistory(account.bare);
    if (attempt.signal.aborted) return;

    let service = options.service ?? "";
    try {
      // An explicit service wins; otherwise xmppmini.txt, get_host and XEP-0156 say where to connect.
      const resolution: Resolution = options.service
        ? { publicJid: account.bare, realJid: account.bare, source: "as-is" }
        : await resolver.resolveAccount(account.bare, attempt.signal);
      if (attempt.signal.aborted) return;
      const candidates = endpointCandidates(options.service, resolution);
      if (candidates.length === 0) throw new XmppminiError("not-found", `No endpoint was found for ${account.domain}.`);
      const real = parseJid(resolution.realJid);
      const addressing = new Addressing(resolver, resolution.source === "get_host" ? account.domain : undefined);
      addressing.remember(account.bare, real.bare);
      this.#addressing = addressing;

      let connected: Endpoint | undefined;
      for (const [index, endpoint] of candidates.entries()) {
        service = endpoint.url;
        if (index > 0) this.#setStatus("connecting", { transport: endpoint.transport, fallback: true });
        try {
          await this.#signIn(endpoint, real, options, attempt.signal);
          connected = endpoint;
          break;
        } catch (error) {
          const failure = connectError(error, { jid: account.bare, service });
          // Only an endpoint that cannot be reached is worth a second transport; a wrong password is not.
          const next = candidates[index + 1];
          if (!next || attempt.signal.aborted || (failure.code !== "connection-failed" && failure.code !== "timeout")) throw error;
          await this.#teardown();
        }
      }
      if (attempt.signal.aborted) return;
      this.#setStatus("online", { ...(connected && { transport: connected.transport }) });
    } catch (error) {
      if (attempt.signal.aborted) return;
      await this.#teardown();
      const failure = connectError(error, { jid: account.bare, service });
      // A looked-up endpoint that does not answer may be stale: the next attempt looks it up afresh.
      if (!options.service && (failure.code === "connection-failed" || failure.code === "timeout")) {
        await resolver.forget(account.bare).catch(() => undefined); // the cache is an optimisation only
      }
      this.#fail(failure);
    }
  }

  /** Opens the stream on one endpoint, authenticates, binds, and sends initial presence. */
  async #signIn(endpoint: Endpoint, real: Jid, options: SessionOptions, signal: AbortSignal): Promise<void> {
    const connection = createXmppConnection({
      service: endpoint.url,
      domain: real.domain,
      username: real.local,
      password: options.password,
      resource: `xmppmini-${randomId().slice(0, 8)}`,
    });
    this.#connection = connection;
    this.#listen(connection);
    const timeoutMs = options.connectTimeoutMs ?? 30000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error("connect timed out"), { name: "TimeoutError" })), timeoutMs);
    });
    try {
      await Promise.race([connection.entity.start(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
    if (signal.aborted) return;
    // RFC 6121 §4.2: initial presence, carrying our capabilities (XEP-0115 §4).
    await connection.entity.send(xml("presence", {}, capsElement(await capsVer())));
    try {
      await enableCarbons(connection.iqCaller);
    } catch {
      // A server without carbons: this device simply does not see what the others send and receive.
    }
  }

  #listen(connection: XmppConnection): void {
    const { entity } = connection;
    answerEntityQueries(connection.iqCallee);
    entity.on("stanza", (stanza: Element) => this.#onStanza(stanza));
    // An EventEmitter without an 'error' listener throws; while connecting, start() rejects with the
    // same error and connect() reports it. After sign-in, transport failures are reported once, as the
    // lost connection below (with their reason); other errors (a stream error) are reported as they come.
    let transportFailure = "";
    entity.on("error", (error: { name?: string; code?: string; message?: string }) => {
      if (this.#status !== "online") return;
      if (error?.name === "BoshError" || error?.code === "ECONNERROR") transportFailure = ` (${error.message})`;
      else this.listener.error(connectError(error, this.#context()));
    });
    entity.on("disconnect", () => {
      if (this.#connection !== connection || this.#status !== "online") return;
      this.#connection = null;
      this.#fail(
        new XmppminiError("connection-lost", `The connection to the chat server was lost${transportFailure}. Reconnect to continue.`),
      );
    });
  }

  #context(): { jid: string; service: string } {
    return { jid: this.#account?.bare ?? "", service: this.#connection?.entity.options.service ?? "" };
  }

  #onStanza(stanza: Element): void {
    const own = this.#account?.bare ?? "";
    const bounced = parseMessageError(stanza);
    if (bounced) {
      const reason = bounced.text ? `${bounced.condition}: ${bounced.text}` : bounced.condition;
      this.listener.error(new XmppminiError("message-error", `A message to ${bounced.peer} was not delivered (${reason}).`));
      return;
    }
    // XEP-0280: a copy of what another of our devices received or sent; the original is inside.
    const ownReal = this.#connection?.entity.jid?.bare().toString() ?? own;
    const carbon = unwrapCarbon(stanza, ownReal);
    const inner = carbon?.message ?? stanza;
    const parsed = parseIncomingMessage(inner, own);
    if (!parsed) return;
    const sent = carbon?.kind === "sent";
    const otherSide = sent ? bareOf(inner.attrs.to) : parsed.from;
    const addressing = this.#addressing;
    // Mapping a sender back to its public address may ask a directory; the chain keeps arrival order.
    this.#inbound = this.#inbound.then(async () => {
      const peer = addressing ? await addressing.toPublic(otherSide) : otherSide;
      const message: ChatMessage = sent
        ? { ...parsed, direction: "out", from: own, to: peer, peer }
        : { ...parsed, from: peer, peer, to: own };
      if (!this.#firstSight(message)) return;
      this.listener.message(message);
      this.#keep(message);
    });
  }

  /**
   * Sends a chat message to `to` (a bare JID). Resolves with the message as stored and shown; throws a
   * typed error (`invalid-jid`, `invalid-message`, `not-connected`) without sending anything.
   */
  async send(to: string, body: string): Promise<ChatMessage> {
    const peer = parseJid(to).bare;
    validateBody(body);
    const connection = this.#connection;
    if (!connection || !this.#addressing || this.#status !== "online") {
      throw new XmppminiError("not-connected", "Not connected: the message was not sent. Reconnect and try again.");
    }
    const realPeer = await this.#addressing.toReal(peer);
    const id = randomId();
    await connection.entity.send(buildChatMessage(realPeer, body, id));
    const message: ChatMessage = {
      id,
      from: this.#account!.bare,
      to: peer,
      peer,
      body,
      direction: "out",
      timestamp: Date.now(),
    };
    this.#firstSight(message);
    this.listener.message(message);
    this.#keep(message);
    return message;
  }

  /** Records a message's id in its conversation; false when it was seen already (a redelivery). */
  #firstSight(message: ChatMessage): boolean {
    return this.#seen.add(`${message.peer}\u0000${message.id}`);
  }

  /** Shows the account's stored history and remembers its ids, so a redelivered message is not shown twice. */
  async #loadHistory(account: string): Promise<void> {
    try {
      const history = await this.#store.recent(account, 500);
      for (const message of history) this.#firstSight(message);
      if (history.length > 0) this.listener.history(history);
    } catch (error) {
      this.#storageFailed(error);
    }
  }

  /** Stores a shown message; a storage failure is reported once and does not stop the chat. */
  #keep(message: ChatMessage): void {
    const account = this.#account?.bare;
    if (!account) return;
    this.#store.save(account, message).catch((error: unknown) => this.#storageFailed(error));
  }

  #storageFailed(error: unknown): void {
    if (this.#storageWarned) return;
    this.#storageWarned = true;
    this.listener.error(
      toXmppminiError(error, "storage-unavailable", "This browser could not save the chat history; messages are shown but will not be kept after a reload."),
    );
  }

  /**
   * Looks up a peer's real address ahead of the first message, so a failing directory is reported when
   * the conversation opens rather than when the person presses Enter.
   */
  async prepareAddress(publicJid: string): Promise<void> {
    if (!this.#addressing || this.#status !== "online") return;
    try {
      await this.#addressing.toReal(parseJid(publicJid).bare);
    } catch (error) {
      this.listener.error(toXmppminiError(error, "not-found", `Could not look up ${publicJid}.`));
    }
  }

  /** Closes the stream cleanly (RFC 6120 §4.4) and goes offline. */
  async disconnect(): Promise<void> {
    this.#attempt?.abort();
    this.#attempt = null;
    await this.#teardown();
    this.#setStatus("offline");
  }

  async #teardown(): Promise<void> {
    const connection = this.#connection;
    this.#connection = null;
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
