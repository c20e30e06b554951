import { expect } from "@open-wc/testing";
import {
  chooseMechanism,
  isLoopback,
  plainRefusal,
  SaslAnonymous,
  SaslPlain,
  type SignInTarget,
} from "../../src/xmpp/sasl-policy.js";

const own: SignInTarget = { service: "wss://xmpp.example.com/ws", accountDomain: "example.com", explicit: false };
const target = (service: string, explicit = false, accountDomain = "example.com"): SignInTarget => ({
  service,
  accountDomain,
  explicit,
});

describe("chooseMechanism", () => {
  it("takes the strongest offered: SCRAM-SHA-512 > SCRAM-SHA-256 > SCRAM-SHA-1 > PLAIN, whatever the order offered", () => {
    const all = ["PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-512"];
    expect(chooseMechanism(all, own)).to.equal("SCRAM-SHA-512");
    expect(chooseMechanism(all.slice(0, 3), own)).to.equal("SCRAM-SHA-256");
    expect(chooseMechanism(["SCRAM-SHA-1", "SCRAM-SHA-256"], own)).to.equal("SCRAM-SHA-256");
    expect(chooseMechanism(["PLAIN", "SCRAM-SHA-1"], own)).to.equal("SCRAM-SHA-1");
    expect(chooseMechanism(["PLAIN"], own)).to.equal("PLAIN");
  });

  it("never takes a -PLUS variant (browsers have no channel binding) or a mechanism it does not implement", () => {
    expect(chooseMechanism(["SCRAM-SHA-256-PLUS", "SCRAM-SHA-1-PLUS", "X-OAUTH2", "DIGEST-MD5"], own)).to.equal(
      undefined,
    );
    expect(chooseMechanism(["SCRAM-SHA-256-PLUS", "SCRAM-SHA-1"], own)).to.equal("SCRAM-SHA-1");
  });

  it("still signs in with SCRAM to a foreign endpoint: SCRAM does not show the password", () => {
    expect(chooseMechanism(["SCRAM-SHA-1", "PLAIN"], target("wss://chat.elsewhere.net/ws"))).to.equal("SCRAM-SHA-1");
    expect(chooseMechanism(["PLAIN"], target("wss://chat.elsewhere.net/ws"))).to.equal(undefined);
  });

  it("an anonymous sign-in takes ANONYMOUS or nothing, never a password mechanism", () => {
    expect(chooseMechanism(["SCRAM-SHA-1", "PLAIN", "ANONYMOUS"], own, true)).to.equal("ANONYMOUS");
    expect(chooseMechanism(["SCRAM-SHA-1", "PLAIN"], own, true)).to.equal(undefined);
    // And a signed-in account never falls back to ANONYMOUS.
    expect(chooseMechanism(["ANONYMOUS"], own)).to.equal(undefined);
  });
});

describe("plainRefusal", () => {
  it("allows PLAIN to the account's own domain or a subdomain, over wss:// or https://", () => {
    expect(plainRefusal(target("wss://example.com/ws"))).to.equal(undefined);
    expect(plainRefusal(target("wss://xmpp.example.com:5281/ws"))).to.equal(undefined);
    expect(plainRefusal(target("https://a.b.EXAMPLE.com./http-bind"))).to.equal(undefined);
  });

  it("allows PLAIN to loopback, even unencrypted: it never leaves the machine", () => {
    for (const service of [
      "ws://127.0.0.1:5280/ws",
      "ws://127.8.0.3/ws",
      "http://localhost:5280/http-bind",
      "ws://[::1]:5280/ws",
      "ws://chat.localhost/ws",
    ]) {
      expect(plainRefusal(target(service)), service).to.equal(undefined);
    }
  });

  it("allows PLAIN to any secure endpoint the page named itself (the service option)", () => {
    expect(plainRefusal(target("wss://chat.elsewhere.net/ws", true))).to.equal(undefined);
  });

  it("refuses PLAIN to a looked-up endpoint outside the account's domain, and says why", () => {
    for (const service of [
      "wss://chat.elsewhere.net/ws",
      "wss://notexample.com/ws",
      "wss://example.com.evil.net/ws",
      "https://128.0.0.1/http-bind",
    ]) {
      const reason = plainRefusal(target(service));
      expect(reason, service).to.contain("outside example.com");
      expect(reason).to.contain(new URL(service).host);
    }
  });

  it("refuses PLAIN over an unencrypted transport off loopback, even to the own domain or a named endpoint", () => {
    for (const [service, explicit] of [
      ["ws://xmpp.example.com/ws", false],
      ["http://example.com/http-bind", true],
    ] as const) {
      expect(plainRefusal(target(service, explicit)), service).to.contain("unencrypted");
    }
  });

  it("knows loopback addresses", () => {
    expect(["localhost", "127.0.0.1", "127.255.0.9", "[::1]", "app.localhost"].every(isLoopback)).to.equal(true);
    expect(
      ["localhost.example.com", "128.0.0.1", "127.0.0.1.evil.net", "[::2]", "example.com"].some(isLoopback),
    ).to.equal(false);
  });
});

describe("SaslPlain and SaslAnonymous", () => {
  it("PLAIN sends an empty authzid, the user name and the password (RFC 4616 §2)", () => {
    expect(new SaslPlain().response({ username: "alice", password: "secret" })).to.equal("\0alice\0secret");
  });

  it("ANONYMOUS sends an empty initial response: no trace token that would say something about the visitor", () => {
    const mechanism = new SaslAnonymous();
    expect(mechanism.name).to.equal("ANONYMOUS");
    expect(mechanism.clientFirst).to.equal(true);
    expect(mechanism.response()).to.equal("");
  });
});
