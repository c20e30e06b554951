// SASL SCRAM (RFC 5802; SHA-256 per RFC 7677, SHA-512 by the same pattern) on WebCrypto, for sasl.ts.
// One class parameterised by hash. `crypto.subtle.deriveBits` runs the PBKDF2 loop (4096+ HMACs)
// natively, off the main thread: the JavaScript library we bundled before took 190 ms of main thread.
// No -PLUS variants: browsers expose no TLS channel binding.
import { XmppminiError } from "../errors.js";
import type { SaslCredentials, SaslMechanism } from "./sasl.js";

export type ScramHash = "SHA-1" | "SHA-256" | "SHA-512";

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

/** Bytes backed by a plain ArrayBuffer, as WebCrypto takes them. */
type Bytes = Uint8Array<ArrayBuffer>;

function fromBase64(text: string): Bytes {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** RFC 5802 §5.1: "," and "=" in a name are escaped. */
function saslName(name: string): string {
  return name.replace(/=/g, "=3D").replace(/,/g, "=2C");
}

function randomNonce(): string {
  // Printable, without ",": base64 of random bytes qualifies.
  return base64(crypto.getRandomValues(new Uint8Array(18)));
}

/** RFC 5802 §5.1: `a=value` attributes, split on ","; only the first "=" separates. */
function attributes(message: string): Map<string, string> {
  return new Map(message.split(",").map((part) => [part.slice(0, 1), part.slice(2)] as const));
}

/** Compares without stopping at the first difference, so timing does not tell how much of a guess was right. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ (b[index] ?? 0);
  return difference === 0;
}

/** Far above what servers use (Prosody 4096/10000, ejabberd 4096): a hostile count must not hang the page. */
const MAX_ITERATIONS = 1_000_000;

/**
 * The client side of SCRAM without channel binding ("n,,"): `response()` gives the next message,
 * `challenge()` takes the server's, `success()` checks the server-final message (RFC 5802 §3: the
 * server proves that it knows the password too; a server or go-between that does not is refused).
 */
export class Scram implements SaslMechanism {
  readonly name: string;
  readonly clientFirst = true;
  #stage: "initial" | "challenge" | "final" = "initial";
  #clientFirstBare = "";
  #serverFirst = "";
  /** The ServerSignature we expect (RFC 5802 §3), known once the client-final message is made. */
  #expected: Bytes | undefined;
  #verified = false;

  constructor(
    private readonly hash: ScramHash,
    private readonly clientNonce: string = randomNonce(),
  ) {
    this.name = `SCRAM-${hash}`;
  }

  async response(credentials: SaslCredentials): Promise<string> {
    if (this.#stage === "initial") {
      this.#clientFirstBare = `n=${saslName(credentials.username)},r=${this.clientNonce}`;
      this.#stage = "challenge";
      return `n,,${this.#clientFirstBare}`;
    }
    if (this.#stage === "challenge") {
      this.#stage = "final";
      return this.#clientFinal(credentials.password);
    }
    return "";
  }

  challenge(message: string): void {
    // Some servers send the server-final message as a last challenge and an empty <success/>.
    if (this.#stage === "final") this.#verify(message);
    else this.#serverFirst = message;
  }

  /** RFC 6120 §6.4.6: `<success/>`'s additional data is the server-final message (RFC 5802 §5.1). */
  success(message: string | undefined): void {
    if (message) this.#verify(message);
    if (!this.#verified) this.#notVerified("sent no server signature");
  }

  #verify(serverFinal: string): void {
    const values = attributes(serverFinal);
    const error = values.get("e");
    if (error !== undefined)
      throw new XmppminiError("auth-failed", `The server refused the sign-in (${this.name}: ${error}).`);
    const signature = values.get("v");
    if (!signature || !this.#expected) return this.#notVerified("sent no server signature");
    let received: Bytes;
    try {
      received = fromBase64(signature);
    } catch {
      return this.#notVerified("sent a server signature that is not base64");
    }
    if (!sameBytes(received, this.#expected)) this.#notVerified("sent a wrong server signature");
    this.#verified = true;
  }

  #notVerified(what: string): never {
    throw new XmppminiError(
      "server-not-verified",
      `The chat server did not prove that it knows this account's password: it ${what} (${this.name}, RFC 5802). ` +
        "It may not be the real server, so the sign-in was stopped.",
    );
  }

  async #clientFinal(password: string): Promise<string> {
    const values = attributes(this.#serverFirst);
    const nonce = values.get("r") ?? "";
    const salt = values.get("s");
    const iterations = Number(values.get("i"));
    if (values.has("e"))
      throw new XmppminiError("auth-failed", `The server refused the sign-in (${this.name}: ${values.get("e")}).`);
    // RFC 5802 §5.1: the server's nonce starts with ours; anything else is not our exchange.
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length || !salt)
      throw new Error("SCRAM: malformed server-first-message");
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
      throw new Error(`SCRAM: iteration count ${values.get("i")} refused`);

    const hash = this.hash;
    const hmac = async (key: Bytes, data: string | Bytes): Promise<Bytes> => {
      const imported = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
      return new Uint8Array(
        await crypto.subtle.sign("HMAC", imported, typeof data === "string" ? encoder.encode(data) : data),
      );
    };
    const bits = hash === "SHA-1" ? 160 : Number(hash.slice(4));
    const passwordKey = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
    const saltedPassword = new Uint8Array(
      await crypto.subtle.deriveBits({ name: "PBKDF2", hash, salt: fromBase64(salt), iterations }, passwordKey, bits),
    );
    const clientKey = await hmac(saltedPassword, "Client Key");
    const storedKey = new Uint8Array(await crypto.subtle.digest(hash, clientKey));
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = `${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`;
    const clientSignature = await hmac(storedKey, authMessage);
    // RFC 5802 §3: ServerSignature = HMAC(HMAC(SaltedPassword, "Server Key"), AuthMessage).
    this.#expected = await hmac(await hmac(saltedPassword, "Server Key"), authMessage);
    const proof = clientKey.map((byte, index) => byte ^ clientSignature[index]!);
    return `${withoutProof},p=${base64(proof)}`;
  }
}
