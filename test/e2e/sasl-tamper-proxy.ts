import { createServer, request as httpRequest, type RequestListener } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { connect, type Socket } from "node:net";

/**
 * A go-between for the suite, in front of the real server's HTTP port (BOSH and WebSocket): it passes
 * everything on, except that it rewrites the additional data of the server's SASL <success/> (RFC 6120
 * §6.4.6), where SCRAM's server-final message `v=ServerSignature` travels (RFC 5802 §5.1). The real
 * server does the rest, so this plays a man in the middle who does not know the password.
 *
 * `only-plain` instead rewrites the server's <mechanisms/> in the stream features (RFC 6120 §6.4.1) to
 * offer PLAIN alone: a server that would receive the password itself if the client agreed. With `tls`
 * (a key and certificate) the proxy speaks wss:// and https://, so it can play a secure endpoint.
 */
export type Tampering = "none" | "wrong-signature" | "no-signature" | "only-plain";

export interface SaslTamperProxy {
  /** `service` with the host and port of the proxy (and wss:// or https:// with `tls`). */
  service: string;
  /** How many <success/> elements went by, and how many elements (<success/> or <mechanisms/>) were rewritten. */
  stats: { successes: number; rewritten: number };
  /** What the client sent, as text: each BOSH request body and each WebSocket text frame (unmasked). */
  fromClient: string[];
  /** The `mechanism` of each <auth/> the client sent (RFC 6120 §6.4.2), in order. */
  readonly authMechanisms: string[];
  close(): Promise<void>;
}

const SUCCESS = /(<success\b[^>]*?)(?:\/>|>([^<]*)<\/success>)/;
const MECHANISMS = /(<mechanisms\b[^>]*>)[\s\S]*?(<\/mechanisms>)/;
const AUTH = /<auth\b[^>]*?\bmechanism=(["'])([^"']*)\1/g;

export async function startSaslTamperProxy(
  service: string,
  tampering: Tampering,
  options: { tls?: { key: string; cert: string } } = {},
): Promise<SaslTamperProxy> {
  const upstream = new URL(service);
  const upstreamPort = Number(upstream.port);
  const stats = { successes: 0, rewritten: 0 };
  const fromClient: string[] = [];

  function rewrite(text: string): string {
    if (tampering === "only-plain" && MECHANISMS.test(text)) {
      stats.rewritten += 1;
      return text.replace(MECHANISMS, "$1<mechanism>PLAIN</mechanism>$2");
    }
    const match = SUCCESS.exec(text);
    if (!match) return text;
    stats.successes += 1;
    if (tampering === "none" || tampering === "only-plain") return text;
    const serverFinal = Buffer.from(match[2]?.trim() ?? "", "base64").toString("latin1");
    let replaced = "";
    if (tampering === "wrong-signature") {
      // Flip every bit of the signature: the right length and encoding, the wrong value.
      replaced = serverFinal.replace(
        /v=([^,]*)/,
        (_, signature: string) =>
          `v=${Buffer.from(Buffer.from(signature, "base64").map((byte) => byte ^ 0xff)).toString("base64")}`,
      );
      if (replaced === serverFinal) return text; // nothing to rewrite: the test's stats say so
    }
    stats.rewritten += 1;
    const body = replaced ? `>${Buffer.from(replaced, "latin1").toString("base64")}</success>` : "/>";
    return text.replace(SUCCESS, `${match[1]}${body}`);
  }

  // BOSH: each request body is recorded; each response body is read whole, rewritten, and sent on with its new length.
  const onRequest: RequestListener = (request, response) => {
    const sent: Buffer[] = [];
    request.on("data", (chunk: Buffer) => sent.push(chunk));
    request.on("end", () => fromClient.push(Buffer.concat(sent).toString("utf8")));
    const forwarded = httpRequest(
      { host: "127.0.0.1", port: upstreamPort, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const body = Buffer.from(rewrite(Buffer.concat(chunks).toString("utf8")), "utf8");
          response.writeHead(answer.statusCode ?? 502, { ...answer.headers, "content-length": String(body.length) });
          response.end(body);
        });
      },
    );
    forwarded.on("error", () => response.socket?.destroy());
    request.pipe(forwarded);
  };
  const server = options.tls ? createTlsServer(options.tls, onRequest) : createServer(onRequest);

  // WebSocket (RFC 6455): the upgrade goes through unchanged but without extensions (no compression, so
  // frames are plain text), the client's frames pass as they are (their text recorded), and the server's
  // are re-framed.
  const sockets = new Set<Socket>();
  server.on("upgrade", (request, client: Socket, head: Buffer) => {
    const target = connect(upstreamPort, "127.0.0.1", () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let index = 0; index < request.rawHeaders.length; index += 2) {
        if (request.rawHeaders[index]!.toLowerCase() !== "sec-websocket-extensions")
          lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
      }
      target.write(`${lines.join("\r\n")}\r\n\r\n`);
      target.write(head);
      let sent = head;
      client.on("data", (chunk: Buffer) => {
        sent = Buffer.concat([sent, chunk]);
        for (let frame = nextFrame(sent); frame; frame = nextFrame(sent)) {
          sent = sent.subarray(frame.length);
          if (frame.text !== undefined) fromClient.push(frame.text);
        }
      });
      client.pipe(target);
    });
    let pending = Buffer.alloc(0);
    let handshakeDone = false;
    target.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      if (!handshakeDone) {
        const end = pending.indexOf("\r\n\r\n");
        if (end < 0) return;
        client.write(pending.subarray(0, end + 4));
        pending = pending.subarray(end + 4);
        handshakeDone = true;
      }
      for (let frame = nextFrame(pending); frame; frame = nextFrame(pending)) {
        pending = pending.subarray(frame.length);
        client.write(frame.text === undefined ? frame.raw : textFrame(rewrite(frame.text)));
      }
    });
    for (const socket of [client, target]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => (socket === client ? target : client).destroy());
    }
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const proxied = new URL(service);
  if (options.tls) proxied.protocol = proxied.protocol.replace(/^(ws|http):$/, "$1s:");
  proxied.port = String(port);
  return {
    service: proxied.href,
    stats,
    fromClient,
    get authMechanisms() {
      return fromClient.flatMap((text) => [...text.matchAll(AUTH)].map((match) => match[2]!));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** RFC 6455 §5.2: the first whole frame in `data`, with its text (unmasked) when it is an unfragmented text frame. */
function nextFrame(data: Buffer): { length: number; raw: Buffer; text?: string } | undefined {
  if (data.length < 2) return undefined;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  if (masked) offset += 4;
  if (data.length < offset + length) return undefined;
  const raw = data.subarray(0, offset + length);
  if (data[0] !== 0x81) return { length: raw.length, raw }; // not FIN and opcode 1
  const key = masked ? raw.subarray(offset - 4, offset) : undefined;
  const payload = Buffer.from(raw.subarray(offset).map((byte, index) => (key ? byte ^ key[index % 4]! : byte)));
  return { length: raw.length, raw, text: payload.toString("utf8") };
}

function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : payload.length < 65536
        ? Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([
            Buffer.from([0x81, 127]),
            (() => {
              const size = Buffer.alloc(8);
              size.writeBigUInt64BE(BigInt(payload.length));
              return size;
            })(),
          ]);
  return Buffer.concat([header, payload]);
}
