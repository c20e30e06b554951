import xml from "@xmpp/xml";
import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { parseJid, type Jid } from "../jid/jid.js";
import { createXmppConnection, type XmppConnection } from "../xmpp/connection.js";
import { connectError } from "../xmpp/error-mapping.js";
import { answerEntityQueries, capsElement, capsVer } from "../xmpp/capabilities.js";
import {
  buildChatMessage,
  parseIncomingMessage,
  parseMessageError,
  validateBody,
  type ChatMessage,
} from "../xmpp/chat-message.js";
import { SeenIds } from "./seen-ids.js";

export type SessionStatus = "offline" | "connecting" | "online" | "error";

export interface SessionOptions {
  jid: string;
  password: string;
  /** ws:// or wss:// endpoint (RFC 7395). */
  service: string;
  /** Upper bound for the whole sign-in, in ms. */
  connectTimeoutMs?: number;
}

/** How a session reports back; the UI layer turns these into DOM events. */
export interface SessionListener {
  status(status: SessionStatus): void;
  message(message: ChatMessage): void;
  error(error: XmppminiError): void;
}

function validateService(service: string): string {
  let url: URL;
  try {
    url = new URL(service);
  } catch {
    throw new XmppminiError("invalid-config", `The service "${service}" is not a URL. Use a ws:// or wss:// address.`);
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    throw new XmppminiError("invalid-config", `The service "${service}" must start with ws:// or wss://.`);
  }
  return url.href;
}

/**
 * One signed-in account: connects, keeps the status, sends and receives 1:1 chat messages.
 * Knows nothing of the DOM; the element drives it and renders what it reports.
 */
export class ChatSession {
  #status: SessionStatus = "offline";
  #connection: XmppConnection | null = null;
  #account: Jid | null = null;
  #attempt: AbortController | null = null;
  readonly #seen = new SeenIds();

  constructor(private readonly listener: SessionListener) {}

  get status(): SessionStatus {
    return this.#status;
  }

  /** The full JID the server bound for us, once online. */
  get boundJid(): string | undefined {
    return this.#connection?.entity.jid?.toString();
  }

  /** The account's bare JID, once connect() has validated it. */
  get account(): string | undefined {
    return this.#account?.bare;
  }

  #setStatus(status: SessionStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    this.listener.status(status);
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
    let service: string;
    try {
      account = parseJid(options.jid);
      if (!account.local) throw new XmppminiError("invalid-jid", `"${options.jid}" has no user part; sign in as user@domain.`);
      if (!options.password) throw new XmppminiError("invalid-config", "No password is set for this account.");
      service = validateService(options.service);
    } catch (error) {
      this.#fail(error as XmppminiError);
      return;
    }
    this.#account = account;
    this.#setStatus("connecting");

    const connection = createXmppConnection({
      service,
      domain: account.domain,
      username: account.local,
      password: options.password,
      resource: `xmppmini-${crypto.randomUUID().slice(0, 8)}`,
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
      if (attempt.signal.aborted) return;
      // RFC 6121 §4.2: initial presence, carrying our capabilities (XEP-0115 §4).
      await connection.entity.send(xml("presence", {}, capsElement(await capsVer())));
      this.#setStatus("online");
    } catch (error) {
      if (attempt.signal.aborted) return;
      await this.#teardown();
      this.#fail(connectError(error, { jid: account.bare, service }));
    } finally {
      clearTimeout(timer);
    }
  }

  #listen(connection: XmppConnection): void {
    const { entity } = connection;
    answerEntityQueries(connection.iqCallee);
    entity.on("stanza", (stanza: Element) => this.#onStanza(stanza));
    // An EventEmitter without an 'error' listener throws; while connecting, start() rejects with the
    // same error and connect() reports it, so only errors after sign-in are reported here.
    entity.on("error", (error: unknown) => {
      if (this.#status === "online") this.listener.error(connectError(error, this.#context()));
    });
    entity.on("disconnect", () => {
      if (this.#connection !== connection || this.#status !== "online") return;
      this.#connection = null;
      this.#fail(
        new XmppminiError("connection-lost", "The connection to the chat server was lost. Reconnect to continue."),
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
    const message = parseIncomingMessage(stanza, own);
    if (!message || !this.#seen.add(`${message.peer}\u0000${message.id}`)) return;
    this.listener.message(message);
  }

  /**
   * Sends a chat message to `to` (a bare JID). Resolves with the message as stored and shown; throws a
   * typed error (`invalid-jid`, `invalid-message`, `not-connected`) without sending anything.
   */
  async send(to: string, body: string): Promise<ChatMessage> {
    const peer = parseJid(to).bare;
    validateBody(body);
    const connection = this.#connection;
    if (!connection || this.#status !== "online") {
      throw new XmppminiError("not-connected", "Not connected: the message was not sent. Reconnect and try again.");
    }
    const id = crypto.randomUUID();
    await connection.entity.send(buildChatMessage(peer, body, id));
    const message: ChatMessage = {
      id,
      from: this.#account!.bare,
      to: peer,
      peer,
      body,
      direction: "out",
      timestamp: Date.now(),
    };
    this.#seen.add(`${peer}\u0000${id}`);
    this.listener.message(message);
    return message;
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
