// SASL SCRAM-SHA-1 (RFC 5802) on WebCrypto, for xmpp.js's SASL factory. The mechanism we bundled before
// ran the PBKDF2 loop (4096+ HMACs) in JavaScript: a 190-ms task on the main thread at every sign-in.
// `crypto.subtle.deriveBits` does the same work natively, off the main thread.

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

async function hmac(key: Bytes, data: Bytes): Promise<Bytes> {
  const imported = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  return new Uint8Array(await crypto.subtle.sign("HMAC", imported, data));
}

/** Far above what servers use (Prosody 4096/10000, ejabberd 4096): a hostile count must not hang the page. */
const MAX_ITERATIONS = 1_000_000;

/**
 * The client side of SCRAM-SHA-1 without channel binding ("n,,"), in the shape xmpp.js's SASL factory
 * expects: `response()` gives the next message, `challenge()` takes the server's.
 */
export class ScramSha1 {
  readonly name = "SCRAM-SHA-1";
  readonly clientFirst = true;
  #stage: "initial" | "challenge" | "final" = "initial";
  #clientFirstBare = "";
  #serverFirst = "";

  constructor(private readonly clientNonce: string = randomNonce()) {}

  async response(credentials: { username?: string | null; password?: string | null }): Promise<string> {
    if (this.#stage === "initial") {
      this.#clientFirstBare = `n=${saslName(credentials.username ?? "")},r=${this.clientNonce}`;
      this.#stage = "challenge";
      return `n,,${this.#clientFirstBare}`;
    }
    if (this.#stage === "challenge") {
      this.#stage = "final";
      return this.#clientFinal(credentials.password ?? "");
    }
    return "";
  }

  challenge(serverFirst: string): this {
    this.#serverFirst = serverFirst;
    return this;
  }

  async #clientFinal(password: string): Promise<string> {
    const values = new Map(this.#serverFirst.split(",").map((part) => [part.slice(0, 1), part.slice(2)] as const));
    const nonce = values.get("r") ?? "";
    const salt = values.get("s");
    const iterations = Number(values.get("i"));
    // RFC 5802 §5.1: the server's nonce starts with ours; anything else is not our exchange.
    if (values.has("e")) throw new Error(`SCRAM: the server refused: ${values.get("e")}`);
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length || !salt) throw new Error("SCRAM: malformed server-first-message");
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) throw new Error(`SCRAM: iteration count ${values.get("i")} refused`);

    const passwordKey = await crypto.subtle.importKey("raw", encoder.encode(password), "PBKDF2", false, ["deriveBits"]);
    const saltedPassword = new Uint8Array(
      await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-1", salt: fromBase64(salt), iterations }, passwordKey, 160),
    );
    const clientKey = await hmac(saltedPassword, encoder.encode("Client Key"));
    const storedKey = new Uint8Array(await crypto.subtle.digest("SHA-1", clientKey));
    const withoutProof = `c=biws,r=${nonce}`;
    const authMessage = encoder.encode(`${this.#clientFirstBare},${this.#serverFirst},${withoutProof}`);
    const clientSignature = await hmac(storedKey, authMessage);
    const proof = clientKey.map((byte, index) => byte ^ clientSignature[index]!);
    return `${withoutProof},p=${base64(proof)}`;
  }
}
