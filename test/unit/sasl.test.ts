import { expect } from "@open-wc/testing";
import { EventEmitter } from "@xmpp/events";
import xml, { type Element } from "@xmpp/xml";
import type { Client } from "@xmpp/client-core";
import { authenticate, decode64, encode64, NS_SASL } from "../../src/xmpp/sasl.js";
import { Scram } from "../../src/xmpp/scram.js";

// RFC 5802 §5's exchange, played by a fake server that answers each thing the client sends.
const NONCE = "fyko+d2lbbFgONRv9qkxdawL";
const SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
const SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";

/** An entity whose server answers the n-th element sent with `answers[n]` (as a nonza). */
function fakeEntity(answers: Element[]): Client & { sent: Element[] } {
  const entity = new EventEmitter() as unknown as Client & { sent: Element[] };
  entity.sent = [];
  entity.send = async (element: Element) => {
    const answer = answers[entity.sent.length];
    entity.sent.push(element);
    if (answer) queueMicrotask(() => (entity as unknown as EventEmitter).emit("nonza", answer));
  };
  return entity;
}

const sasl = (name: string, text?: string) => xml(name, { xmlns: NS_SASL }, text);

async function outcome(
  answers: Element[],
): Promise<{ code?: string; name?: string; condition?: string; message: string } | "ok"> {
  try {
    await authenticate(fakeEntity(answers), new Scram("SHA-1", NONCE), { username: "user", password: "pencil" });
    return "ok";
  } catch (error) {
    return error as { code?: string; message: string };
  }
}

describe("SASL negotiation (RFC 6120 §6.4)", () => {
  it("hands <success/>'s additional data to the mechanism: the right server signature signs in", async () => {
    const entity = fakeEntity([sasl("challenge", encode64(SERVER_FIRST)), sasl("success", encode64(SERVER_FINAL))]);
    await authenticate(entity, new Scram("SHA-1", NONCE), { username: "user", password: "pencil" });
    expect(entity.sent.map((element) => element.name)).to.deep.equal(["auth", "response"]);
    expect(entity.sent[0]!.attrs.mechanism).to.equal("SCRAM-SHA-1");
    expect(decode64(entity.sent[0]!.text())).to.equal(`n,,n=user,r=${NONCE}`);
  });

  it("a wrong or missing server signature in <success/> fails the sign-in", async () => {
    const wrong = await outcome([
      sasl("challenge", encode64(SERVER_FIRST)),
      sasl("success", encode64("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA=")),
    ]);
    expect(wrong).to.have.property("code", "server-not-verified");
    const missing = await outcome([sasl("challenge", encode64(SERVER_FIRST)), sasl("success")]);
    expect(missing).to.have.property("code", "server-not-verified");
  });

  it("<failure/> rejects with its condition (RFC 6120 §6.5)", async () => {
    const failed = await outcome([
      sasl("challenge", encode64(SERVER_FIRST)),
      xml("failure", { xmlns: NS_SASL }, xml("not-authorized")),
    ]);
    expect(failed).to.have.property("name", "SASLError");
    expect(failed).to.have.property("condition", "not-authorized");
  });

  it("base64 carries UTF-8 both ways, which btoa alone cannot", () => {
    expect(decode64(encode64("\0jürgen\0пароль"))).to.equal("\0jürgen\0пароль");
    expect(encode64("")).to.equal("");
  });
});
