// A BOSH session (XEP-0124, XEP-0206) behind the socket interface xmpp.js's connection drives: the
// connection writes framed stream headers and stanzas (as over WebSocket, RFC 7395) and reads the same
// back; this class turns them into HTTP request bodies and responses into frames.
import { EventEmitter } from "@xmpp/events";
import {
  closeFrame,
  creationBody,
  openFrame,
  parseBody,
  payloadBody,
  readFrame,
  restartBody,
  type ParsedBody,
} from "./body.js";
import { BoshError, conditionOfStatus } from "./bosh-error.js";

export interface BoshOptions {
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Seconds the server may hold a request (XEP-0124 §7.1 `wait`). */
  wait?: number;
  /** Attempts per request before the session is given up (XEP-0124 §14: resend the same body, same rid). */
  maxAttempts?: number;
  retryBaseMs?: number;
}

type Outgoing =
  { kind: "payload"; data: string } | { kind: "restart"; to: string; lang?: string } | { kind: "terminate" };
type RequestKind = "create" | "restart" | "payload" | "terminate";

interface InFlight {
  body: string;
  kind: RequestKind;
  attempts: number;
  controller: AbortController | null;
}

/**
 * How long one task hands read frames to the connection before it lets the page breathe. A response can
 * carry hundreds of stanzas (a burst, an offline queue); handled in one go, one froze the page for a
 * quarter of a second on a slow machine.
 */
const SLICE_MS = 12;

function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

const MAX_RID_START = 2 ** 40; // XEP-0124 §14: random, and far enough below 2^53 never to overflow
/**
 * Requests sent within a few milliseconds of each other travel on separate HTTP connections and may
 * reach the server out of rid order. XEP-0124 §11 says it must reorder them; ejabberd 23.01 sometimes
 * stalled instead. Spacing new requests, and waiting briefly before an empty poll (what answered the
 * last response, a SASL step or a restart, usually follows within a tick), keeps them in order.
 */
const MIN_SPACING_MS = 25;

export class BoshSocket extends EventEmitter {
  url: string | null = null;
  secure = false;

  #fetch: NonNullable<BoshOptions["fetch"]>;
  #wait: number;
  #maxAttempts: number;
  #retryBaseMs: number;

  #sid: string | null = null;
  #rid = 0;
  #nextToProcess = 0;
  #maxRequests = 1;
  #pollingMs = 0;
  #lastEmptyPoll = 0;
  #from: string | undefined;
  #outgoing: Outgoing[] = [];
  readonly #inFlight = new Map<number, InFlight>();
  readonly #responses = new Map<number, ParsedBody>();
  #pumpQueued = false;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #spacingTimer: ReturnType<typeof setTimeout> | undefined;
  #lastSend = 0;
  #terminateSent = false;
  #closed = false;
  /** Frames read but not yet handed to the connection: every frame goes through it, so order is kept. */
  #inbox: string[] = [];
  #inboxChannel: MessageChannel | undefined;
  readonly #onPageHide = () => this.#terminateOnUnload();

  constructor(options: BoshOptions = {}) {
    super();
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#wait = options.wait ?? 30;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#retryBaseMs = options.retryBaseMs ?? 500;
  }

  connect(url: string): void {
    const parsed = new URL(url);
    this.url = url;
    this.secure = parsed.protocol === "https:" || isLoopback(parsed);
    this.#rid = 1 + Math.floor(Math.random() * MAX_RID_START);
    this.#nextToProcess = this.#rid;
    globalThis.addEventListener?.("pagehide", this.#onPageHide);
    // BOSH has no connection to open: the session starts with the first request, when the stream opens.
    queueMicrotask(() => this.emit("connect"));
  }

  write(data: string, done?: (error?: Error) => void): void {
    try {
      this.#write(data);
      done?.();
    } catch (error) {
      done?.(error as Error);
    }
  }

  end(): void {
    this.#finish(false);
  }

  #write(data: string): void {
    if (this.#closed) throw new Error("BOSH session is closed");
    const frame = readFrame(data);
    if (frame?.kind === "open") {
      if (this.#sid === null)
        this.#send(
          creationBody({
            rid: this.#rid,
            to: frame.to,
            wait: this.#wait,
            hold: 1,
            ...(frame.lang && { lang: frame.lang }),
          }),
          "create",
        );
      else this.#outgoing.push({ kind: "restart", to: frame.to, ...(frame.lang && { lang: frame.lang }) });
    } else if (frame?.kind === "close") {
      this.#outgoing.push({ kind: "terminate" });
    } else {
      this.#outgoing.push({ kind: "payload", data });
    }
    this.#queuePump();
  }

  /** Batches what was written in one task into one request. */
  #queuePump(): void {
    if (this.#pumpQueued) return;
    this.#pumpQueued = true;
    queueMicrotask(() => {
      this.#pumpQueued = false;
      this.#pump();
    });
  }

  /** XEP-0124 §11: never more than `requests` in flight; keep one held so the server can push. */
  #pump(): void {
    if (this.#closed || this.#sid === null || this.#terminateSent) return;
    const tooSoon = this.#lastSend + MIN_SPACING_MS - Date.now();
    if (tooSoon > 0 && this.#inFlight.size > 0) {
      this.#spacingTimer ??= setTimeout(() => {
        this.#spacingTimer = undefined;
        this.#pump();
      }, tooSoon);
      return;
    }
    while (this.#outgoing.length > 0 && this.#inFlight.size < this.#maxRequests) {
      const next = this.#outgoing[0]!;
      if (next.kind === "restart") {
        this.#outgoing.shift();
        this.#send(
          restartBody({ rid: this.#rid, sid: this.#sid, to: next.to, ...(next.lang && { lang: next.lang }) }),
          "restart",
        );
        continue;
      }
      const payloads: string[] = [];
      while (this.#outgoing[0]?.kind === "payload") payloads.push((this.#outgoing.shift() as { data: string }).data);
      const terminate = this.#outgoing[0]?.kind === "terminate";
      if (terminate) {
        this.#outgoing.shift();
        this.#terminateSent = true;
      }
      this.#send(
        payloadBody({ rid: this.#rid, sid: this.#sid, payloads, terminate }),
        terminate ? "terminate" : "payload",
      );
      // One request per pump: the next waits its spacing (and usually carries more).
      return;
    }
    if (this.#inFlight.size === 0 && this.#outgoing.length === 0) this.#schedulePoll();
  }

  /**
   * An empty request for the server to hold (§11), sent a moment later so that whatever the last response
   * prompts goes in it instead, and spaced by `polling` where the server cannot hold.
   */
  #schedulePoll(): void {
    const wait = Math.max(MIN_SPACING_MS, this.#lastEmptyPoll + this.#pollingMs - Date.now());
    clearTimeout(this.#pollTimer);
    this.#pollTimer = setTimeout(() => {
      if (this.#closed || this.#terminateSent || this.#inFlight.size > 0 || this.#outgoing.length > 0)
        return this.#pump();
      this.#lastEmptyPoll = Date.now();
      this.#send(payloadBody({ rid: this.#rid, sid: this.#sid!, payloads: [] }), "payload");
    }, wait);
  }

  #send(body: string, kind: RequestKind): void {
    this.#lastSend = Date.now();
    const rid = this.#rid;
    this.#rid += 1; // §14: strictly one more for every new request
    this.#inFlight.set(rid, { body, kind, attempts: 0, controller: null });
    void this.#request(rid);
  }

  async #request(rid: number): Promise<void> {
    const request = this.#inFlight.get(rid);
    if (!request || this.#closed) return;
    request.attempts += 1;
    // A resend replaces an attempt still waiting (§17.3 resends requests the server holds): the old
    // fetch is dropped, so a rid is never in the air twice and its outcome is counted once.
    const previous = request.controller;
    const controller = new AbortController();
    request.controller = controller;
    previous?.abort();
    const current = () => request.controller === controller && this.#inFlight.get(rid) === request;
    // §7.1: the server answers within `wait`; a little more covers the network.
    const timer = setTimeout(() => controller.abort(), Math.round(this.#wait * 1100) + 2000);
    let failure: { condition: string | null } | null = null;
    try {
      const response = await this.#fetch(this.url!, {
        method: "POST",
        body: request.body,
        headers: { "content-type": "text/xml; charset=utf-8" },
        signal: controller.signal,
        credentials: "omit",
        cache: "no-store",
      });
      if (response.ok) {
        const parsed = parseBody(await response.text());
        if (this.#closed || !current()) return;
        this.#responses.set(rid, parsed);
        this.#drain();
        return;
      }
      failure = { condition: conditionOfStatus(response.status) };
    } catch {
      if (this.#closed || !current()) return;
      failure = { condition: null }; // a broken or timed-out request: §14 says send it again
    } finally {
      clearTimeout(timer);
    }
    if (!current()) return;
    if (failure.condition) return this.#fail(failure.condition);
    // A session that never started is a wrong or dead endpoint: fail fast so a fallback can be tried.
    const maxAttempts = request.kind === "create" ? Math.min(2, this.#maxAttempts) : this.#maxAttempts;
    if (request.attempts >= maxAttempts) return this.#fail("network");
    const backoff = this.#retryBaseMs * 2 ** (request.attempts - 1) * (0.75 + Math.random() / 2);
    setTimeout(() => void this.#request(rid), backoff);
  }

  /** Responses are handled strictly in rid order (§11), whatever order they arrive in. */
  #drain(): void {
    while (this.#responses.has(this.#nextToProcess)) {
      const rid = this.#nextToProcess;
      const body = this.#responses.get(rid)!;
      const { kind } = this.#inFlight.get(rid)!;
      this.#responses.delete(rid);
      this.#inFlight.delete(rid);
      this.#nextToProcess += 1;
      this.#handle(body, kind);
      if (this.#closed) return;
    }
    this.#pump();
  }

  #handle(body: ParsedBody, kind: RequestKind): void {
    const { attrs } = body;
    if (attrs.type === "terminate") {
      if (this.#terminateSent) {
        this.#receive([...body.children, closeFrame()]);
        return;
      }
      return this.#fail(attrs.condition ?? "undefined-condition");
    }
    if (attrs.type === "error") {
      // §17.3 recoverable binding error: resend every request still outstanding, same rids. A server
      // that keeps answering so is given up on, as for a request that keeps failing.
      for (const [rid, request] of this.#inFlight) {
        if (request.attempts >= this.#maxAttempts) return this.#fail("network");
        void this.#request(rid);
      }
      return;
    }
    if (kind === "create") {
      if (!attrs.sid) return this.#fail("bad-request");
      this.#sid = attrs.sid;
      this.#from = attrs.from;
      this.#maxRequests = Math.max(1, Number(attrs.requests ?? 2) || 1);
      this.#pollingMs = Math.max(0, Number(attrs.polling ?? 0) * 1000);
      if (attrs.wait) this.#wait = Math.min(this.#wait, Number(attrs.wait) || this.#wait);
    }
    // The stream (re)starts with this response: give the parser its header first (XEP-0206 §5).
    this.#receive(kind === "create" || kind === "restart" ? [openFrame(this.#from), ...body.children] : body.children);
  }

  #receive(frames: string[]): void {
    if (frames.length === 0) return;
    const idle = this.#inbox.length === 0;
    this.#inbox.push(...frames);
    if (idle) this.#deliver();
  }

  /** Hands the frames read to the connection, for SLICE_MS at most per task; the rest in the next task. */
  #deliver(): void {
    const deadline = performance.now() + SLICE_MS;
    while (this.#inbox.length > 0 && !this.#closed) {
      this.emit("data", this.#inbox.shift()!);
      if (this.#inbox.length > 0 && performance.now() >= deadline) {
        // A message channel's task comes as soon as the page is free (a timer's waits at least 4 ms).
        if (!this.#inboxChannel) {
          this.#inboxChannel = new MessageChannel();
          this.#inboxChannel.port1.onmessage = () => this.#deliver();
        }
        this.#inboxChannel.port2.postMessage(null);
        return;
      }
    }
  }

  #fail(condition: string): void {
    if (this.#closed) return;
    // What was read before the failure reaches the connection first, as it did when it was read.
    while (this.#inbox.length > 0 && !this.#closed) this.emit("data", this.#inbox.shift()!);
    if (this.#closed) return;
    // An emitter throws an 'error' nobody listens to; a socket its connection already let go of has
    // nobody left to tell, and closing it is all that is left to do.
    if (this.listenerCount("error") > 0) this.emit("error", new BoshError(condition, this.url ?? ""));
    this.#finish(true);
  }

  #finish(dirty: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#spacingTimer);
    globalThis.removeEventListener?.("pagehide", this.#onPageHide);
    for (const request of this.#inFlight.values()) request.controller?.abort();
    this.#inFlight.clear();
    this.#responses.clear();
    this.#inbox = [];
    this.#inboxChannel?.port1.close();
    this.emit("close", dirty, { reason: dirty ? "BOSH session failed" : "BOSH session ended" });
  }

  /**
   * §13 on page unload: a keepalive request outlives the page, so the server ends the session at once.
   * What is still queued goes with it (a stream management acknowledgement written while the page hides).
   */
  #terminateOnUnload(): void {
    if (this.#closed || this.#sid === null || this.#terminateSent) return;
    this.#terminateSent = true;
    const payloads = this.#outgoing.flatMap((item) => (item.kind === "payload" ? [item.data] : []));
    this.#outgoing = [];
    const body = payloadBody({ rid: this.#rid, sid: this.#sid, payloads, terminate: true });
    this.#rid += 1;
    void this.#fetch(this.url!, {
      method: "POST",
      body,
      keepalive: true,
      headers: { "content-type": "text/xml; charset=utf-8" },
    }).catch(
      () => undefined, // the page is going away; nobody is left to tell
    );
  }
}
