import { expect } from "@open-wc/testing";
import fc from "fast-check";
import { parseXmppminiRecord, MAX_RECORD_LENGTH } from "../../src/xmppmini/record.js";
import { XmppminiError } from "../../src/errors.js";

const SOURCE = "https://example.org/xmppmini.txt";

function malformedReason(text: string): string {
  try {
    parseXmppminiRecord(text, SOURCE);
  } catch (error) {
    expect(error).to.be.instanceOf(XmppminiError);
    expect((error as XmppminiError).code).to.equal("malformed");
    return (error as XmppminiError).message;
  }
  throw new Error(`accepted: ${JSON.stringify(text.slice(0, 80))}`);
}

describe("xmppmini.txt parsing", () => {
  const accepted: Array<[string, string, object]> = [
    ["CRLF, as the format says", "host=clqsoft.com\r\n", { host: "clqsoft.com", dynamic: false }],
    ["bare LF", "host=clqsoft.com\n", { host: "clqsoft.com", dynamic: false }],
    ["a byte-order mark", "\ufeffhost=clqsoft.com\r\n", { host: "clqsoft.com", dynamic: false }],
    ["spaces around =", "  host =  newbt.net  \r\n", { host: "newbt.net", dynamic: false }],
    ["upper-case keys and host", "HOST=NewBT.net\r\nServer_Dyn=0\r\n", { host: "newbt.net", dynamic: false }],
    [
      "a dynamic directory",
      "host=http://newbt.net/xmppmini.php?action=get_host\r\nserver_dyn=1\r\n",
      { host: "http://newbt.net/xmppmini.php?action=get_host", dynamic: true },
    ],
    [
      "browser endpoints and a ttl",
      "host=example.org\r\nwebsocket=wss://example.org/xmpp-websocket\r\nbosh=https://example.org/http-bind\r\nttl=300\r\n",
      {
        host: "example.org",
        dynamic: false,
        websocket: "wss://example.org/xmpp-websocket",
        bosh: "https://example.org/http-bind",
        ttlSeconds: 300,
      },
    ],
    [
      "unknown keys and lines without =",
      "# comment\r\nhost=example.org\r\nflavour=mint\r\n",
      { host: "example.org", dynamic: false },
    ],
    ["a host with a port", "host=example.org:5222", { host: "example.org:5222", dynamic: false }],
  ];
  for (const [name, text, expected] of accepted) {
    it(`accepts ${name}`, () => {
      expect(parseXmppminiRecord(text, SOURCE)).to.deep.equal(expected);
    });
  }

  const refused: Array<[string, string, string]> = [
    ["an empty file", "", "no host= line"],
    ["a missing host", "server_dyn=0\r\nwebsocket=wss://x/ws\r\n", "no host= line"],
    ["an empty host", "host=\r\n", "no host= line"],
    ["a URL host without server_dyn", "host=http://newbt.net/xmppmini.php\r\n", "server_dyn=1 is missing"],
    ["server_dyn=1 with a hostname", "host=newbt.net\r\nserver_dyn=1\r\n", "must be an http(s) URL"],
    ["server_dyn=1 with a non-http URL", "host=ftp://newbt.net/x\r\nserver_dyn=1\r\n", "must be an http(s) URL"],
    ["a strange server_dyn", "host=a.org\r\nserver_dyn=yes\r\n", "server_dyn must be 0 or 1"],
    ["a host with spaces", "host=not a host\r\n", "is not a hostname"],
    ["an HTML page served as the file", "<!doctype html><html><body>Not found</body></html>", "no host= line"],
    ["a websocket that is not ws(s)", "host=a.org\r\nwebsocket=https://a.org/ws\r\n", "websocket must be"],
    ["a bosh that is not http(s)", "host=a.org\r\nbosh=wss://a.org/b\r\n", "bosh must be"],
    ["a bad ttl", "host=a.org\r\nttl=-5\r\n", "ttl must be"],
    ["huge input", `host=a.org\r\n${"x=y\r\n".repeat(MAX_RECORD_LENGTH)}`, "larger than"],
    ["binary junk", "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR", "binary data"],
  ];
  for (const [name, text, reason] of refused) {
    it(`refuses ${name} with malformed`, () => {
      expect(malformedReason(text)).to.contain(reason);
    });
  }

  it("names the source in its message", () => {
    expect(malformedReason("nothing here")).to.contain(SOURCE);
  });

  it("never throws anything but its typed error, whatever the input (property)", () => {
    const line = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.constantFrom("host", "HOST", "server_dyn", "websocket", "bosh", "ttl", " host "), fc.string())
        .map(([k, v]) => `${k}=${v}`),
    );
    const file = fc
      .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom("\r\n", "\n", "\r"))
      .map(([lines, eol]) => lines.join(eol));
    fc.assert(
      fc.property(fc.oneof(file, fc.string({ unit: "binary", maxLength: 300 })), (text) => {
        try {
          const record = parseXmppminiRecord(text, SOURCE);
          // Whatever it accepts, it believes: a dynamic host is an http(s) URL, a static one has no scheme.
          return record.dynamic ? /^https?:\/\//i.test(record.host) : !record.host.includes("://");
        } catch (error) {
          return error instanceof XmppminiError && error.code === "malformed";
        }
      }),
      { numRuns: 2000 },
    );
  });
});
