import { expect } from "@open-wc/testing";
import { ScramSha1 } from "../../src/xmpp/scram-sha-1.js";

// RFC 5802 §5: the example exchange, user "user", password "pencil".
const CLIENT_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
const SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";

describe("SCRAM-SHA-1 on WebCrypto (RFC 5802)", () => {
  it("produces the RFC's client-first and client-final messages", async () => {
    const mechanism = new ScramSha1(CLIENT_NONCE);
    const credentials = { username: "user", password: "pencil" };
    expect(await mechanism.response(credentials)).to.equal(`n,,n=user,r=${CLIENT_NONCE}`);
    mechanism.challenge(SERVER_FIRST);
    expect(await mechanism.response(credentials)).to.equal("c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=");
    expect(await mechanism.response(credentials)).to.equal("");
  });

  it("escapes , and = in the user name", async () => {
    const mechanism = new ScramSha1("abc");
    expect(await mechanism.response({ username: "a,b=c", password: "x" })).to.equal("n,,n=a=2Cb=3Dc,r=abc");
  });

  it("refuses a server nonce that is not ours, a missing salt, a hostile iteration count and a server error", async () => {
    const cases = [
      "r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096",
      `r=${CLIENT_NONCE},s=QSXCR+Q6sek8bf92,i=4096`,
      `r=${CLIENT_NONCE}xyz,i=4096`,
      `r=${CLIENT_NONCE}xyz,s=QSXCR+Q6sek8bf92,i=0`,
      `r=${CLIENT_NONCE}xyz,s=QSXCR+Q6sek8bf92,i=999999999`,
      `r=${CLIENT_NONCE}xyz,s=QSXCR+Q6sek8bf92,i=many`,
      "e=other-error",
    ];
    for (const serverFirst of cases) {
      const mechanism = new ScramSha1(CLIENT_NONCE);
      await mechanism.response({ username: "user", password: "pencil" });
      mechanism.challenge(serverFirst);
      let failed: unknown;
      try {
        await mechanism.response({ username: "user", password: "pencil" });
      } catch (error) {
        failed = error;
      }
      expect(failed, serverFirst).to.be.instanceOf(Error);
    }
  });
});
