import { expect } from "@open-wc/testing";
import { XmppminiError } from "../../src/errors.js";
import { Scram, type ScramHash } from "../../src/xmpp/scram.js";

const credentials = { username: "user", password: "pencil" };

// RFC 5802 §5 (SHA-1) and RFC 7677 §3 (SHA-256): the example exchanges, user "user", password "pencil".
// SHA-512 has no RFC example; its values come from an independent implementation (Python's hashlib/hmac)
// run on RFC 7677's messages.
const RFC_7677_SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const VECTORS: Array<{
  hash: ScramHash;
  nonce: string;
  serverFirst: string;
  clientFinal: string;
  serverFinal: string;
}> = [
  {
    hash: "SHA-1",
    nonce: "fyko+d2lbbFgONRv9qkxdawL",
    serverFirst: "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
    clientFinal: "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=",
    serverFinal: "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=",
  },
  {
    hash: "SHA-256",
    nonce: "rOprNGfwEbeRWgbNEkqO",
    serverFirst: RFC_7677_SERVER_FIRST,
    clientFinal:
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=",
    serverFinal: "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=",
  },
  {
    hash: "SHA-512",
    nonce: "rOprNGfwEbeRWgbNEkqO",
    serverFirst: RFC_7677_SERVER_FIRST,
    clientFinal:
      "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=gMGXRcevScNtxZ6/8lQYpGtnsNAc3mGcmNomv+xnoOMw+3R2xNJdMNnzMlTN8PPC6wdp6dybEmDYXYTxwnYPJQ==",
    serverFinal: "v=ZQnYEgWQMFmmsM8aQMF0nDDCy/AgCzkwk8CmMZYcMg0vSVlKDanekLtifDSeVGT4+5ZxXnJq199RVG2rR7N7Zw==",
  },
];

/** Runs the client through the server-first message; returns the mechanism, ready for the server-final one. */
async function exchange(vector: (typeof VECTORS)[number]): Promise<Scram> {
  const mechanism = new Scram(vector.hash, vector.nonce);
  await mechanism.response(credentials);
  mechanism.challenge(vector.serverFirst);
  await mechanism.response(credentials);
  return mechanism;
}

function thrown(run: () => unknown): XmppminiError | undefined {
  try {
    run();
  } catch (error) {
    return error as XmppminiError;
  }
  return undefined;
}

describe("SCRAM on WebCrypto (RFC 5802, RFC 7677)", () => {
  for (const vector of VECTORS) {
    it(`${vector.hash}: produces the client messages and accepts the server signature of the example exchange`, async () => {
      const mechanism = new Scram(vector.hash, vector.nonce);
      expect(mechanism.name).to.equal(`SCRAM-${vector.hash}`);
      expect(await mechanism.response(credentials)).to.equal(`n,,n=user,r=${vector.nonce}`);
      mechanism.challenge(vector.serverFirst);
      expect(await mechanism.response(credentials)).to.equal(vector.clientFinal);
      expect(() => mechanism.success(vector.serverFinal)).not.to.throw();
    });
  }

  it("refuses a wrong server signature with server-not-verified", async () => {
    for (const vector of VECTORS) {
      const mechanism = await exchange(vector);
      // The SHA-1 signature under SHA-256 and the other way round: right shape, wrong value.
      const other = VECTORS.find((candidate) => candidate.hash !== vector.hash)!;
      for (const serverFinal of [
        other.serverFinal,
        vector.serverFinal.replace(/^v=./, (start) => (start === "v=A" ? "v=B" : "v=A")),
        "v=@@@",
      ]) {
        const error = thrown(() => mechanism.success(serverFinal));
        expect(error, `${vector.hash} ${serverFinal}`).to.be.instanceOf(XmppminiError);
        expect(error!.code).to.equal("server-not-verified");
        expect(error!.message).to.contain("did not prove");
      }
    }
  });

  it("refuses a success without a server signature", async () => {
    for (const serverFinal of [undefined, "", "x=unknown"]) {
      const mechanism = await exchange(VECTORS[1]!);
      const error = thrown(() => mechanism.success(serverFinal));
      expect(error, String(serverFinal)).to.be.instanceOf(XmppminiError);
      expect(error!.code).to.equal("server-not-verified");
    }
  });

  it("fails with the server's reason when the server-final message is an error (e=)", async () => {
    const mechanism = await exchange(VECTORS[0]!);
    const error = thrown(() => mechanism.success("e=invalid-proof"));
    expect(error).to.be.instanceOf(XmppminiError);
    expect(error!.code).to.equal("auth-failed");
    expect(error!.message).to.contain("invalid-proof");
  });

  it("accepts the server-final message sent as a last challenge, then an empty success", async () => {
    const vector = VECTORS[0]!;
    const mechanism = await exchange(vector);
    mechanism.challenge(vector.serverFinal);
    expect(await mechanism.response(credentials)).to.equal("");
    expect(() => mechanism.success(undefined)).not.to.throw();
    const wrong = await exchange(vector);
    expect(thrown(() => wrong.challenge(VECTORS[1]!.serverFinal))?.code).to.equal("server-not-verified");
  });

  it("a signature cannot be accepted before the client-final message was made", () => {
    const mechanism = new Scram("SHA-256", "abc");
    expect(thrown(() => mechanism.success(VECTORS[1]!.serverFinal))?.code).to.equal("server-not-verified");
  });

  it("escapes , and = in the user name", async () => {
    const mechanism = new Scram("SHA-1", "abc");
    expect(await mechanism.response({ username: "a,b=c", password: "x" })).to.equal("n,,n=a=2Cb=3Dc,r=abc");
  });

  it("refuses a server nonce that is not ours, a missing salt, a hostile iteration count and a server error", async () => {
    const nonce = VECTORS[0]!.nonce;
    const cases = [
      "r=someoneelse,s=QSXCR+Q6sek8bf92,i=4096",
      `r=${nonce},s=QSXCR+Q6sek8bf92,i=4096`,
      `r=${nonce}xyz,i=4096`,
      `r=${nonce}xyz,s=QSXCR+Q6sek8bf92,i=0`,
      `r=${nonce}xyz,s=QSXCR+Q6sek8bf92,i=999999999`,
      `r=${nonce}xyz,s=QSXCR+Q6sek8bf92,i=many`,
      "e=other-error",
    ];
    for (const serverFirst of cases) {
      const mechanism = new Scram("SHA-1", nonce);
      await mechanism.response(credentials);
      mechanism.challenge(serverFirst);
      let failed: unknown;
      try {
        await mechanism.response(credentials);
      } catch (error) {
        failed = error;
      }
      expect(failed, serverFirst).to.be.instanceOf(Error);
    }
  });
});
