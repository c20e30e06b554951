import { expect } from "@open-wc/testing";
import xml from "@xmpp/xml";
import { catchUp } from "../../src/session/catch-up.js";
import { ArchivePosition } from "../../src/store/archive-position.js";
import type { ArchivedMessage, ArchivePage, PageRequest } from "../../src/xmpp/archive.js";

/**
 * An archive in memory that answers XEP-0313/XEP-0059 page requests the way a server does, and lets a test
 * add messages while a catch-up runs (a burst racing the sign-in).
 */
class MemoryArchive {
  readonly entries: ArchivedMessage[] = [];
  /** Runs before each answer: a burst that keeps arriving while pages are read. */
  beforeAnswer: () => void = () => undefined;
  requests: PageRequest[] = [];

  add(body: string, timestamp: number): void {
    this.entries.push({
      archiveId: `a${this.entries.length + 1}`,
      message: xml("message", { type: "chat" }, xml("body", {}, body)),
      timestamp,
    });
  }

  async page(request: PageRequest): Promise<ArchivePage> {
    this.requests.push(request);
    this.beforeAnswer();
    const matching = this.entries.filter((entry) => request.end === undefined || entry.timestamp <= request.end);
    let messages: ArchivedMessage[];
    if ("after" in request) {
      const index = matching.findIndex((entry) => entry.archiveId === request.after);
      if (index < 0) throw Object.assign(new Error("item-not-found"), { condition: "item-not-found" });
      messages = matching.slice(index + 1, index + 1 + request.max);
      return this.#answer(messages, index + 1 + request.max >= matching.length);
    }
    if ("before" in request && request.before === "") {
      messages = matching.slice(Math.max(0, matching.length - request.max));
      return this.#answer(messages, matching.length <= request.max);
    }
    messages = matching.slice(0, request.max);
    return this.#answer(messages, request.max >= matching.length);
  }

  #answer(messages: ArchivedMessage[], complete: boolean): ArchivePage {
    return { messages, complete, first: messages[0]?.archiveId, last: messages.at(-1)?.archiveId };
  }
}

function run(archive: MemoryArchive, position: ArchivePosition, signedInAt: number) {
  const shown: Array<{ body: string; history: boolean }> = [];
  const done = catchUp({
    fetchPage: (request) => archive.page(request),
    account: "me@x",
    position,
    signedInAt,
    pageSize: 10,
    firstPageSize: 5,
    deliver: async (messages, history) => {
      for (const { message } of messages) shown.push({ body: message.getChildText("body") ?? "", history });
    },
  });
  return { shown, done };
}

describe("catchUp", () => {
  it("on a first sign-in, shows the newest page before sign-in as history, then a burst that raced it whole and in order", async () => {
    const archive = new MemoryArchive();
    for (let index = 0; index < 8; index += 1) archive.add(`old-${index}`, 1000 + index);
    // Stamped in the sign-in's own second (stamps may have whole seconds): missed, not history.
    archive.add("same-second", 2600);
    // The burst starts as we sign in: by the time the first page is asked for, 15 are in the archive, and
    // more keep coming while the pages are read.
    let next = 0;
    archive.beforeAnswer = () => {
      for (const stop = next + 15; next < stop && next < 40; next += 1) archive.add(`burst-${next}`, 5000 + next);
    };
    const { shown, done } = run(archive, new ArchivePosition(Promise.resolve(null)), 3000);
    const count = await done;
    const history = shown.filter((item) => item.history).map((item) => item.body);
    const missed = shown.filter((item) => !item.history).map((item) => item.body);
    expect(history).to.deep.equal(["old-3", "old-4", "old-5", "old-6", "old-7"]);
    expect(missed).to.deep.equal(["same-second", ...Array.from({ length: 40 }, (_, index) => `burst-${index}`)]);
    expect(count).to.equal(46);
  });

  it("reads everything after the stored position, and from an expired one falls back to the newest page", async () => {
    const archive = new MemoryArchive();
    for (let index = 0; index < 25; index += 1) archive.add(`m-${index}`, 1000 + index);
    const position = new ArchivePosition(Promise.resolve(null));
    await position.set("me@x", "a20");
    const first = run(archive, position, 9999);
    await first.done;
    expect(first.shown.map((item) => item.body)).to.deep.equal(["m-20", "m-21", "m-22", "m-23", "m-24"]);
    expect(await position.get("me@x")).to.equal("a25");

    await position.set("me@x", "gone");
    const second = run(archive, position, 9999);
    await second.done;
    expect(second.shown.map((item) => [item.body, item.history])).to.deep.equal(
      ["m-20", "m-21", "m-22", "m-23", "m-24"].map((body) => [body, true]),
    );
  });

  it("remembers an empty archive and reads it from its start next time", async () => {
    const archive = new MemoryArchive();
    const position = new ArchivePosition(Promise.resolve(null));
    await run(archive, position, 500).done;
    expect(await position.get("me@x")).to.equal("");
    archive.add("hello", 1000);
    const again = run(archive, position, 2000);
    await again.done;
    expect(again.shown).to.deep.equal([{ body: "hello", history: false }]);
  });

  it("remembers that the archive was read from its start only where its first page said it is complete", async () => {
    const short = new MemoryArchive();
    for (let index = 0; index < 5; index += 1) short.add(`m-${index}`, 1000 + index);
    const whole = new ArchivePosition(Promise.resolve(null));
    await run(short, whole, 9999).done;
    expect(await whole.readFromStart("me@x")).to.equal(true);
    // Later pages, read from the position, keep what the first said, and the position still moves.
    short.add("later", 20_000);
    await run(short, whole, 30_000).done;
    expect([await whole.readFromStart("me@x"), await whole.get("me@x")]).to.deep.equal([true, "a6"]);

    const long = new MemoryArchive();
    for (let index = 0; index < 6; index += 1) long.add(`m-${index}`, 1000 + index);
    const part = new ArchivePosition(Promise.resolve(null));
    await run(long, part, 9999).done;
    expect(await part.readFromStart("me@x")).to.equal(false);
  });
});
