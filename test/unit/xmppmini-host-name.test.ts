import { expect } from "@open-wc/testing";
import { hostNameProblem, requireHostName } from "../../src/xmppmini/host-name.js";
import { XmppminiResolver } from "../../src/xmppmini/resolver.js";
import { parseXmppminiRecord } from "../../src/xmppmini/record.js";
import { XmppminiError } from "../../src/errors.js";
import { failure } from "./typed-failure.js";

describe("host names", () => {
  const good = [
    "example.org",
    "a.b-c.example",
    "localhost",
    "xn--fiqs8s.example",
    "例子.中国",
    "127.0.0.1",
    "[::1]",
    "example.org.",
    "a".repeat(63) + ".org",
  ];
  for (const name of good) {
    it(`takes ${name}`, () => expect(hostNameProblem(name)).to.equal(undefined));
  }

  const LABELS = "it is too long, or a label is empty, too long or starts or ends with -";
  const bad: Array<[string, string]> = [
    ["", LABELS],
    ["evil.example/path", `"/"`],
    ["user@evil.example", `"@"`],
    ["evil.example:443", `":"`],
    ["evil.example?", `"?"`],
    ["evil.example#", `"#"`],
    ["evil%2eexample", `"%"`],
    ["evil example", `" "`],
    ["evil\texample", "\t"],
    ["a..example", LABELS],
    [".example", LABELS],
    ["-a.example", LABELS],
    ["a-.example", LABELS],
    ["under_score.example", `"_"`],
    ["a".repeat(64) + ".org", LABELS],
    [Array.from({ length: 64 }, () => "abc").join("."), LABELS],
    ["evil\uff0fexample", "\uff0f"],
    ["1.2.3.999", "browser"],
    ["[::1", `"["`],
    ["[zz::1]", `"["`],
  ];
  for (const [name, reason] of bad) {
    it(`refuses ${JSON.stringify(name)}`, () => expect(hostNameProblem(name)).to.include(reason));
  }

  it("takes a port only where asked to", () => {
    expect(hostNameProblem("example.org:5222", true)).to.equal(undefined);
    expect(hostNameProblem("[::1]:5222", true)).to.equal(undefined);
    expect(hostNameProblem("example.org:70000", true)).to.include("browser");
    expect(hostNameProblem("example.org:5222")).to.include(`":"`);
  });

  it("requireHostName throws invalid-jid, naming the domain and why", () => {
    try {
      requireHostName("evil.example?", "The domain of alice@evil.example?");
      expect.fail("accepted");
    } catch (error) {
      expect(error).to.be.instanceOf(XmppminiError);
      expect((error as XmppminiError).code).to.equal("invalid-jid");
      expect((error as XmppminiError).message).to.equal(
        'The domain of alice@evil.example? ("evil.example?") is not a host name: it contains "?".',
      );
    }
  });
});

describe("the resolver checks a domain before building a URL on it", () => {
  // Each address is valid by RFC 7622's letter, and each would send the lookup somewhere else.
  const hostile = ["alice@evil.example?", "alice@evil.example#", "alice@evil%2fexample", "alice@under_score.example"];
  for (const address of hostile) {
    it(`refuses ${address} without a request`, async () => {
      const requests: string[] = [];
      const resolver = new XmppminiResolver({
        pageProtocol: "https:",
        fetch: async (input) => {
          requests.push(input);
          return new Response("host=example.org\r\nwebsocket=wss://example.org/ws\r\n");
        },
      });
      const account = await failure(resolver.resolveAccount(address));
      expect(account.code).to.equal("invalid-jid");
      expect(account.message).to.include("is not a host name");
      expect((await failure(resolver.resolveAddress(address))).code).to.equal("invalid-jid");
      expect(requests).to.deep.equal([]);
    });
  }

  it("a host= with a path, a query or a user in it is malformed", () => {
    for (const host of ["evil.example/x", "evil.example?x", "me@evil.example", "evil.example%2f"]) {
      expect(() => parseXmppminiRecord(`host=${host}\r\n`, "https://example.org/xmppmini.txt")).to.throw(
        XmppminiError,
        "is not a hostname",
      );
    }
  });
});
