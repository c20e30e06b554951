import { expect } from "@open-wc/testing";
import { EventEmitter } from "../../src/xmpp/event-emitter.js";

describe("EventEmitter (in place of Node's events port)", () => {
  it("calls listeners in the order added, with the event's arguments; emit says whether anyone listened", () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    emitter.on("data", (a: string, b: string) => calls.push(`first ${a}${b}`));
    emitter.addListener("data", (a: string) => calls.push(`second ${a}`));
    expect(emitter.emit("data", "x", "y")).to.equal(true);
    expect(emitter.emit("other")).to.equal(false);
    expect(calls).to.deep.equal(["first xy", "second x"]);
  });

  it("a once listener runs once, and removing the original before it ran removes it", () => {
    const emitter = new EventEmitter();
    let ran = 0;
    const listener = () => (ran += 1);
    emitter.once("ready", listener);
    emitter.emit("ready");
    emitter.emit("ready");
    expect(ran).to.equal(1);
    emitter.once("ready", listener);
    emitter.removeListener("ready", listener);
    emitter.emit("ready");
    expect(ran).to.equal(1);
    expect(emitter.listenerCount("ready")).to.equal(0);
  });

  it("a listener removed or added while emitting does not change that emit", () => {
    const emitter = new EventEmitter();
    const calls: string[] = [];
    const second = () => calls.push("second");
    emitter.on("tick", () => {
      calls.push("first");
      emitter.off("tick", second);
      emitter.on("tick", () => calls.push("late"));
    });
    emitter.on("tick", second);
    emitter.emit("tick");
    expect(calls).to.deep.equal(["first", "second"]);
  });

  it('throws an "error" nobody listens to, and hands it to a listener otherwise', () => {
    const emitter = new EventEmitter();
    const failure = new Error("boom");
    expect(() => emitter.emit("error", failure)).to.throw(failure);
    expect(() => emitter.emit("error", "text")).to.throw("Unhandled error event: text");
    const seen: unknown[] = [];
    emitter.on("error", (error: unknown) => seen.push(error));
    emitter.emit("error", failure);
    expect(seen).to.deep.equal([failure]);
    emitter.removeAllListeners();
    expect(() => emitter.emit("error", failure)).to.throw(failure);
  });
});
