// XEP-0198 Stream Management, kept by us rather than by @xmpp/stream-management: that plugin resets its
// inbound count only after an `await`, so stanzas that arrive in the same read as <enabled/> are counted
// and then forgotten (Prosody then closes the stream: "acknowledged less stanzas than already
// acknowledged"), and it keeps no state across connections. Here every counter moves synchronously with
// the element that moves it, and one instance outlives the connections it resumes.
import TimeoutError from "@xmpp/events/lib/TimeoutError.js";
import xml, { type Element } from "@xmpp/xml";
import type { Client } from "@xmpp/client-core";

export const NS_SM = "urn:xmpp:sm:3";

const STANZAS = new Set(["message", "presence", "iq"]);
// h counts modulo 2^32 (XEP-0198 §4).
const H_MODULO = 2 ** 32;

export interface StreamManagementHooks {
  /** A stanza the server acknowledged (XEP-0198 §4): it is the server's now. */
  acked?(stanza: Element): void;
  /**
   * What another page needs to resume this session: called when resumption is enabled and before each
   * `<a/>` we send, with the h that `<a/>` carries (a resumption must never claim less than we acked).
   */
  save?(state: ResumableSession): Promise<void> | void;
}

/** A resumable session as another page can take it over (§5). */
export interface ResumableSession {
  id: string;
  /** The full JID bound in the session. */
  jid: string;
  /** Stanzas handled from the server. */
  h: number;
}

// A save that hangs (storage stuck) must not hold back our acknowledgements for long.
const SAVE_WAIT_MS = 1000;

/** What a resumption attempt turned into. */
export type ResumeOutcome = "resumed" | "failed";

/**
 * The counters and unacknowledged queue of one XMPP session, which may span several connections.
 * `attach()` wires it to each new connection; `negotiate()` runs at the post-authentication features.
 */
export class StreamManagement {
  /** Resumption id from <enabled/>; empty when the server did not offer resumption. */
  #id = "";
  /** The full JID bound in the session being resumed. */
  #jid = "";
  /** Stanzas handled from the server in this session (our h). */
  #inbound = 0;
  /** The server's last h for us: how many of our stanzas it has handled. */
  #acknowledged = 0;
  /** Sent since <enable/> and not yet acknowledged, oldest first. */
  #unacked: Element[] = [];
  #enabled = false;
  #counting = false;
  #resuming = false;
  #entity: Client | null = null;
  #ackRequest: ReturnType<typeof setTimeout> | undefined;
  #ackDeadline: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hooks: StreamManagementHooks = {},
    /** How long after a burst of sends to ask for an acknowledgement, in ms. */
    private readonly requestDelayMs = 200,
    /** A connection that leaves a request unanswered this long is treated as dead, in ms. */
    private readonly ackTimeoutMs = 30000,
  ) {}

  /** Whether the current connection has stream management on. */
  get enabled(): boolean {
    return this.#enabled;
  }

  /** Whether a session exists that a new connection could resume. */
  get resumable(): boolean {
    return this.#id !== "";
  }

  /** Stanzas sent but not acknowledged by the server. */
  get unacked(): readonly Element[] {
    return this.#unacked;
  }

  /**
   * Takes over a session another page left (it was closed or reloaded without ending the session): the
   * next connection resumes it. What that page had sent but not seen acknowledged is its outbox's concern.
   */
  restore(session: ResumableSession): void {
    this.reset();
    this.#id = session.id;
    this.#jid = session.jid;
    this.#inbound = session.h % H_MODULO;
  }

  /** Forgets the session: after a clean sign-out or a failed resumption. Returns what was never acked. */
  reset(): Element[] {
    const lost = this.#unacked;
    this.#id = "";
    this.#jid = "";
    this.#inbound = 0;
    this.#acknowledged = 0;
    this.#unacked = [];
    this.#enabled = false;
    this.#counting = false;
    return lost;
  }

  /** Wires the counters to a new connection's elements; call before it starts. */
  attach(entity: Client): void {
    this.#entity = entity;
    this.#enabled = false;
    this.#counting = false;
    const send = entity.send.bind(entity);
    // Counted when handed to the socket, in call order, which is wire order; xmpp.js's own "send" event
    // fires after the write completes, which over BOSH can be out of order.
    entity.send = (element: Element) => {
      this.#onSend(element);
      return send(element).catch((error: unknown) => {
        // Refused before it reached the wire (the socket had closed): the server never counts it, and the
        // sender hears it was not sent and sends it again (the outbox does). Replayed on resumption too,
        // it went out twice.
        this.#forget(element);
        throw error;
      });
    };
    entity.on("element", (element: Element) => this.#onElement(element));
    // §4: before a clean close, say how much we handled; otherwise the server may treat what it last sent
    // as undelivered (ejabberd then stores it offline, and the next sign-in gets it again).
    entity.hook("close", () => this.acknowledgeNow());
    entity.on("disconnect", () => {
      if (this.#entity !== entity) return;
      this.#enabled = false;
      this.#counting = false;
      this.#clearTimers();
    });
  }

  #onSend(element: Element): void {
    if (element.is("enable", NS_SM)) {
      // §4: our counter starts after sending <enable/>.
      this.#counting = true;
      this.#acknowledged = 0;
      this.#unacked = [];
      return;
    }
    if (!this.#counting || !STANZAS.has(element.name)) return;
    this.#unacked.push(element);
    this.#scheduleRequest(this.requestDelayMs);
  }

  #forget(element: Element): void {
    const index = this.#unacked.lastIndexOf(element);
    if (index >= 0) this.#unacked.splice(index, 1);
  }

  #onElement(element: Element): void {
    if (STANZAS.has(element.name)) {
      if (this.#enabled) this.#inbound = (this.#inbound + 1) % H_MODULO;
      return;
    }
    if (element.getNS() !== NS_SM) return;
    switch (element.name) {
      case "enabled":
        // §4: the server's count of what it sends us starts with <enabled/>.
        this.#enabled = true;
        this.#inbound = 0;
        this.#id = element.attrs.resume === "true" || element.attrs.resume === "1" ? (element.attrs.id ?? "") : "";
        this.#jid = this.#entity?.jid?.toString() ?? "";
        if (this.#id) void this.#save(0);
        break;
      case "resumed":
        if (this.#resuming) this.#onResumed(Number(element.attrs.h));
        break;
      case "r":
        void this.#answerRequest();
        break;
      case "a":
        this.#acknowledge(Number(element.attrs.h));
        break;
    }
  }

  async #answerRequest(): Promise<void> {
    const entity = this.#entity;
    const h = this.#inbound;
    if (this.#id) await this.#save(h);
    await entity?.send(xml("a", { xmlns: NS_SM, h: String(h) })).catch(() => undefined);
  }

  async #save(h: number): Promise<void> {
    const save = this.hooks.save;
    if (!save) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, SAVE_WAIT_MS)));
    try {
      await Promise.race([Promise.resolve(save({ id: this.#id, jid: this.#jid, h })).catch(() => undefined), waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Drops what the server says it handled; a count we cannot explain is clamped, never thrown on. */
  #acknowledge(h: number): void {
    if (!Number.isFinite(h)) return;
    clearTimeout(this.#ackDeadline);
    this.#ackDeadline = undefined;
    const newly = Math.min((h - this.#acknowledged + H_MODULO) % H_MODULO, this.#unacked.length);
    this.#acknowledged = h;
    const done = this.#unacked.splice(0, newly);
    for (const stanza of done) this.hooks.acked?.(stanza);
    if (this.#unacked.length > 0) this.#scheduleRequest(this.requestDelayMs);
  }

  #scheduleRequest(delayMs: number): void {
    if (this.#ackRequest !== undefined) return;
    this.#ackRequest = setTimeout(() => {
      this.#ackRequest = undefined;
      this.requestAck();
    }, delayMs);
  }

  /**
   * Tells the server now how much we handled (§4). Written to the socket before this returns, so a page
   * that is going away can still say it: what the server sent and we got is then not sent again, stored
   * offline, or bounced to its sender when the session ends.
   */
  async acknowledgeNow(): Promise<void> {
    const entity = this.#entity;
    if (entity && this.#enabled)
      await entity.send(xml("a", { xmlns: NS_SM, h: String(this.#inbound) })).catch(() => undefined);
  }

  /** Asks the server for its count (§5); a connection that stays silent is closed so it can be replaced. */
  requestAck(): void {
    const entity = this.#entity;
    if (!entity || !this.#enabled) return;
    void entity.send(xml("r", { xmlns: NS_SM })).catch(() => undefined);
    this.#ackDeadline ??= setTimeout(() => {
      this.#ackDeadline = undefined;
      if (this.#entity === entity) void entity.disconnect().catch(() => undefined);
    }, this.ackTimeoutMs);
  }

  #clearTimers(): void {
    clearTimeout(this.#ackRequest);
    clearTimeout(this.#ackDeadline);
    this.#ackRequest = undefined;
    this.#ackDeadline = undefined;
  }

  /**
   * Tries to resume the previous session on the current connection (§5). On success the connection is
   * bound to the old JID, what the server had not received is sent again, and "resumed" is returned.
   * On failure the old session is forgotten; its unacknowledged stanzas go to `lost` for the caller
   * (the outbox) to send again on the new session.
   */
  async resume(entity: Client, timeoutMs: number): Promise<{ outcome: ResumeOutcome; lost: Element[] }> {
    this.#resuming = true;
    try {
      const answer = await exchange(
        entity,
        xml("resume", { xmlns: NS_SM, previd: this.#id, h: String(this.#inbound) }),
        timeoutMs,
      );
      if (answer.is("resumed", NS_SM)) return { outcome: "resumed", lost: [] };
      // §5: <failed/> may say how much of ours the server handled before the session went away.
      if (answer.attrs.h !== undefined) this.#acknowledge(Number(answer.attrs.h));
      return { outcome: "failed", lost: this.reset() };
    } finally {
      this.#resuming = false;
    }
  }

  // Runs in the same turn as <resumed/> arrives, so stanzas read with it are counted.
  #onResumed(h: number): void {
    this.#acknowledge(h);
    const resend = this.#unacked;
    this.#unacked = [];
    this.#enabled = true;
    this.#counting = true;
    const entity = this.#entity;
    if (!entity) return;
    entity._jid(this.#jid);
    for (const stanza of resend) void entity.send(stanza).catch(() => undefined);
  }

  /** Turns stream management on after resource binding (§3). Failure leaves it off; chat still works. */
  async enable(entity: Client, timeoutMs: number): Promise<void> {
    try {
      const answer = await exchange(entity, xml("enable", { xmlns: NS_SM, resume: "true" }), timeoutMs);
      if (!answer.is("enabled", NS_SM)) this.#counting = false;
    } catch {
      this.#counting = false;
    }
  }
}

/** Sends a nonza and resolves with the first stream-management element that answers it. */
function exchange(entity: Client, request: Element, timeoutMs: number): Promise<Element> {
  return new Promise((resolve, reject) => {
    const onElement = (element: Element) => {
      if (element.getNS() !== NS_SM || !["enabled", "resumed", "failed"].includes(element.name)) return;
      cleanup();
      resolve(element);
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new TimeoutError(`No answer to <${request.name}/>`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      entity.removeListener("element", onElement);
    };
    entity.on("element", onElement);
    entity.send(request).catch((error: unknown) => {
      cleanup();
      reject(error);
    });
  });
}
