// Fakes for session tests: a connection that records what goes out and answers iqs from a table the way a
// server would, and a directory of real addresses.
import xml, { type Element } from "@xmpp/xml";
import type { XmppConnection } from "../../src/xmpp/connection.js";
import type { Resolution } from "../../src/xmppmini/resolver.js";

type Answer = (iq: Element) => Element | Promise<Element>;

/** An iq error as xmpp.js rejects with it (StanzaError's condition and text). */
export function iqError(condition: string, text?: string): Error {
  return Object.assign(new Error(condition), { condition, ...(text && { text }) });
}

/** The result iq for `iq`, with `children`. */
export function result(iq: Element, ...children: Element[]): Element {
  return xml("iq", { type: "result", id: iq.attrs.id, ...(iq.attrs.to && { from: iq.attrs.to }) }, ...children);
}

export class FakeConnection {
  /** Every stanza put on the stream, in order. */
  readonly sent: Element[] = [];
  /** Every iq asked, in order. */
  readonly requests: Element[] = [];
  readonly #answers: Array<{ matches: (iq: Element) => boolean; answer: Answer }> = [];
  readonly #listeners = new Set<(stanza: Element) => void>();

  readonly entity = {
    send: async (stanza: Element): Promise<void> => void this.sent.push(stanza),
    on: (_event: "stanza", listener: (stanza: Element) => void) => void this.#listeners.add(listener),
    off: (_event: "stanza", listener: (stanza: Element) => void) => void this.#listeners.delete(listener),
  };

  readonly iqCaller = {
    request: async (iq: Element): Promise<Element> => {
      this.requests.push(iq);
      const rule = this.#answers.find(({ matches }) => matches(iq));
      if (!rule) throw iqError("service-unavailable");
      return rule.answer(iq);
    },
    // As xmpp.js's: the iq around `child`, and the child of the same name in the answer.
    get: async (child: Element, to?: string): Promise<Element | undefined> => {
      const answer = await this.iqCaller.request(xml("iq", { type: "get", ...(to && { to }) }, child));
      return answer.getChild(child.name, child.attrs.xmlns);
    },
  };

  /** Answers iqs to `to` whose payload is in `xmlns` (the first rule that matches answers). Throw in `answer` to refuse. */
  answer(xmlns: string, to: string | undefined, answer: Answer): this {
    this.#answers.push({
      matches: (iq) => iq.attrs.to === to && iq.getChildElements()[0]?.attrs.xmlns === xmlns,
      answer,
    });
    return this;
  }

  /** A stanza from the server, as the stream would give it to every listener. */
  receive(stanza: Element): void {
    for (const listener of [...this.#listeners]) listener(stanza);
  }

  get connection(): XmppConnection {
    return this as unknown as XmppConnection;
  }
}

/** A directory of real addresses (xmppmini get_host), counting what it is asked. */
export class FakeDirectory {
  readonly asked: string[] = [];
  constructor(private readonly lookup: (address: string) => string | Promise<string>) {}

  async resolveAddress(address: string): Promise<Resolution> {
    this.asked.push(address);
    return { publicJid: address, realJid: await this.lookup(address), source: "get_host" };
  }
}

/** A promise with its resolve at hand: a server that answers when the test says so. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

export const nextTask = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `body` with console.warn silenced (tests print nothing unless they fail), returning what was warned. */
export async function withoutWarnings(body: () => unknown): Promise<unknown[][]> {
  const warn = console.warn;
  const warned: unknown[][] = [];
  console.warn = (...args: unknown[]) => void warned.push(args);
  try {
    await body();
  } finally {
    console.warn = warn;
  }
  return warned;
}
