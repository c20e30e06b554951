// Minimal types for the parts of xmpp.js 0.14 that the widget composes; the packages ship none.

declare module "@xmpp/xml" {
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    append(...children: Array<Element | string>): Element;
    toString(): string;
  }
  type Child = Element | string | null | undefined | false;
  function xml(
    name: string,
    attrs?: Record<string, string | undefined> | null,
    ...children: Array<Child | Child[]>
  ): Element;
  namespace xml {
    function escapeXML(value: string): string;
  }
  export class Parser {
    on(event: string, listener: (...args: any[]) => void): this;
    write(data: string): void;
    end(data?: string): void;
  }
  export default xml;
}

declare module "@xmpp/events" {
  export class EventEmitter {
    on(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    off(event: string, listener: (...args: any[]) => void): this;
    removeListener(event: string, listener: (...args: any[]) => void): this;
    emit(event: string, ...args: unknown[]): boolean;
    removeAllListeners(event?: string): this;
    listenerCount(event: string): number;
  }
  /** Resolves on `target`'s next `event`; rejects on `rejectEvent`, or with a TimeoutError after `timeout` ms. */
  export function promise<T = unknown>(
    target: object,
    event: string,
    rejectEvent?: string | null,
    timeout?: number,
  ): Promise<T>;
  /** Sends `stanza`, then feeds each nonza to `handler` until it calls `done` (resolves) or throws (rejects). */
  export function procedure<T = void>(
    entity: object,
    stanza: unknown,
    handler: (element: import("@xmpp/xml").Element, done: (value?: T) => void) => unknown,
  ): Promise<T>;
}

declare module "@xmpp/websocket/lib/Connection.js" {
  export default class ConnectionWebSocket {
    socketParameters(service: string): string | undefined;
  }
}

declare module "@xmpp/client-core" {
  import type { Element } from "@xmpp/xml";
  export interface JID {
    toString(): string;
    bare(): JID;
    local: string;
    domain: string;
    resource: string;
  }
  export class Client {
    constructor(options: { service?: string; domain?: string; lang?: string; timeout?: number });
    jid: JID | null;
    status: string;
    timeout: number;
    options: { service?: string; domain?: string };
    transports: unknown[];
    start(): Promise<JID>;
    stop(): Promise<unknown>;
    disconnect(): Promise<unknown>;
    send(element: Element): Promise<void>;
    /** Internal: writes serialized XML to the socket; `send` goes through it. */
    write(data: string): Promise<void>;
    /** Internal: the transport's socket while connected. */
    socket: unknown;
    isSecure(): boolean;
    /** RFC 6120 §6.4.6: opens a new stream over the same transport (after SASL success). */
    restart(): Promise<void>;
    /** Internal: the stream's XML parser; null once the stream is closed. */
    parser: unknown;
    /** Internal: takes a transport socket's events (data, close, connect, error) as the connection's. */
    _attachSocket(socket: unknown): void;
    /** Internal: closes the transport socket and waits for it to close (after the stream's </close>). */
    _closeSocket(timeout?: number): Promise<void>;
    /** Internal: feeds socket data to the parser. */
    _onData(data: unknown): void;
    /** Runs `fn` at a step of the connection's life (`close`: before the stream is closed). */
    hook(event: string, fn: () => Promise<void> | void): void;
    /** Internal: sets the bound JID (used when a stream is resumed instead of bound). */
    _jid(jid: string): void;
    /** Internal: marks the stream ready; `false` emits "online". */
    _ready(resumed?: boolean): void;
    on(event: string, listener: (...args: any[]) => void): this;
    off(event: string, listener: (...args: any[]) => void): this;
    removeListener(event: string, listener: (...args: any[]) => void): this;
    once(event: string, listener: (...args: any[]) => void): this;
    removeAllListeners(event?: string): this;
    emit(event: string, ...args: unknown[]): boolean;
  }
}

declare module "@xmpp/websocket" {
  export default function websocket(deps: { entity: unknown }): void;
}

declare module "@xmpp/middleware" {
  import type { Element } from "@xmpp/xml";
  import type { Client } from "@xmpp/client-core";
  export interface IncomingContext {
    stanza: Element;
    entity: Client;
    from: unknown;
    element?: Element;
  }
  export type Next = () => Promise<unknown>;
  export interface Middleware {
    use(fn: (ctx: IncomingContext, next: Next) => unknown): void;
    filter(fn: (ctx: IncomingContext, next: Next) => unknown): void;
  }
  export default function middleware(deps: { entity: Client }): Middleware;
}

declare module "@xmpp/stream-features" {
  import type { Middleware } from "@xmpp/middleware";
  export interface StreamFeatures {
    use(name: string, xmlns: string, handler: (...args: any[]) => unknown): void;
  }
  export default function streamFeatures(deps: { middleware: Middleware }): StreamFeatures;
}

declare module "@xmpp/iq/caller.js" {
  import type { Element } from "@xmpp/xml";
  export interface IqCaller {
    request(stanza: Element, timeout?: number): Promise<Element>;
    get(child: Element, to?: string, timeout?: number): Promise<Element>;
    set(child: Element, to?: string, timeout?: number): Promise<Element>;
  }
  export default function iqCaller(deps: { middleware: unknown; entity: unknown }): IqCaller;
}

declare module "@xmpp/iq/callee.js" {
  import type { Element } from "@xmpp/xml";
  import type { IncomingContext } from "@xmpp/middleware";
  type Handler = (
    ctx: IncomingContext & { element: Element },
  ) => Element | Record<string, never> | undefined | Promise<Element | undefined>;
  export interface IqCallee {
    get(xmlns: string, name: string, handler: Handler): void;
    set(xmlns: string, name: string, handler: Handler): void;
  }
  export default function iqCallee(deps: { middleware: unknown; entity: unknown }): IqCallee;
}

declare module "@xmpp/sasl/lib/SASLError.js" {
  import type { Element } from "@xmpp/xml";
  /** RFC 6120 §6.5: a <failure/>'s condition and text; `name` is "SASLError". */
  export default class SASLError extends Error {
    constructor(condition: string, text?: string);
    condition: string;
    text?: string;
    static fromElement(element: Element): SASLError;
  }
}

declare module "@xmpp/connection/lib/StreamError.js" {
  /** RFC 6120 §4.9: the server closed the stream with this condition. */
  export default class StreamError extends Error {
    constructor(condition: string, text?: string);
    condition: string;
    text?: string;
  }
}

declare module "@xmpp/events/lib/TimeoutError.js" {
  /** A step (or a whole sign-in) took longer than allowed. */
  export default class TimeoutError extends Error {}
}

declare module "@xmpp/sasl-scram-sha-1" {
  export default function scramSha1(factory: unknown): void;
}

declare module "@xmpp/resource-binding" {
  export default function resourceBinding(
    deps: { streamFeatures: unknown; iqCaller: unknown },
    resource?: string,
  ): void;
}
