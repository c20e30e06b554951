import { expect } from "@open-wc/testing";
import { XmppminiError } from "../../src/errors.js";
import { Addressing } from "../../src/session/addressing.js";
import { deferred, FakeDirectory } from "./fake-xmpp.js";

describe("Addressing", () => {
  it("asks the directory once for sends to the same peer, however many are under way", async () => {
    const answer = deferred<string>();
    const directory = new FakeDirectory(() => answer.promise);
    const addressing = new Addressing(directory, "x");
    const sends = [addressing.toReal("bob@x"), addressing.toReal("bob@x")];
    answer.resolve("bob@s2.x");
    expect(await Promise.all(sends)).to.deep.equal(["bob@s2.x", "bob@s2.x"]);
    expect(await addressing.toReal("bob@x")).to.equal("bob@s2.x");
    expect(directory.asked).to.deep.equal(["bob@x"]);
  });

  it("fails a send when the directory fails, and asks it again for the next one", async () => {
    let down = true;
    const directory = new FakeDirectory(() => {
      if (down) throw new XmppminiError("network-or-cors", "directory down");
      return "bob@s2.x";
    });
    const addressing = new Addressing(directory, "x");
    let failure: unknown;
    await addressing.toReal("bob@x").catch((error: unknown) => (failure = error));
    expect((failure as XmppminiError).code).to.equal("network-or-cors");
    down = false;
    expect(await addressing.toReal("bob@x")).to.equal("bob@s2.x");
    expect(directory.asked).to.deep.equal(["bob@x", "bob@x"]);
  });

  it("shows a reply from the real address by the public one it was sent to", async () => {
    const addressing = new Addressing(new FakeDirectory(() => "bob@s2.x"), "x");
    await addressing.toReal("bob@x");
    expect(await addressing.toPublic("bob@s2.x")).to.equal("bob@x");
  });

  it("shows a sender on another shard of our domain by its public address when the directory places it there", async () => {
    const directory = new FakeDirectory((address) => (address === "ann@x" ? "ann@s1.x" : address));
    const addressing = new Addressing(directory, "x");
    expect(await addressing.toPublic("ann@s1.x")).to.equal("ann@x");
    expect(await addressing.toReal("ann@x")).to.equal("ann@s1.x");
    expect(directory.asked).to.deep.equal(["ann@x"]);
  });

  it("keeps a sender's real address when the directory places that name elsewhere, or cannot be asked", async () => {
    const directory = new FakeDirectory((address) => {
      if (address === "eve@x") throw new Error("directory down");
      return "mallory@s3.x";
    });
    const addressing = new Addressing(directory, "x");
    expect(await addressing.toPublic("ann@s1.x")).to.equal("ann@s1.x");
    expect(await addressing.toPublic("eve@s1.x")).to.equal("eve@s1.x");
  });

  it("asks no directory about senders where none places people", async () => {
    const directory = new FakeDirectory(() => "nobody@nowhere");
    expect(await new Addressing(directory, undefined).toPublic("ann@s1.x")).to.equal("ann@s1.x");
    expect(await new Addressing(directory, "x").toPublic("ann@x")).to.equal("ann@x");
    expect(await new Addressing(directory, "x").toPublic("s1.x")).to.equal("s1.x");
    expect(directory.asked).to.deep.equal([]);
  });
});
