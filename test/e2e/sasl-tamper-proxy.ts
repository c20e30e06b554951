import { createServer, request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";

/**
 * A go-between for the suite, in front of the real server's HTTP port (BOSH and WebSocket): it passes
 * everything on, except that it rewrites the additional data of the server's SASL <success/> (RFC 6120
 * §6.4.6), where SCRAM's server-final message `v=ServerSignature` travels (RFC 5802 §5.1). The real
 * server does the rest, so this plays a man in the middle who does not know the password. It also notes
 * which mechanism the client chose in its <auth/> (RFC 6120 §6.4.2), for the tests that check it.
 */
export type Tampering = "none" | "wrong-signature" | "no-signature";

export interface SaslTamperProxy {
  /** `service` with the host and port of the proxy. */
  service: string;
  /** How many <success/> elements went by, and how many were rewritten. */
  stats: { successes: number; rewritten: number };
  /** The `mechanism` of each <auth/> the client sent, in order. */
  authMechanisms: string[];
  close(): Promise<void>;
}

const SUCCESS = /(<success\b[^>]*?)(?:\/>|>([^<]*)<\/success>)/;
const AUTH = /<auth\b[^>]*?\bmechanism=(["'])([^"']*)\1/g;

export async function startSaslTamperProxy(service: string, tampering: Tampering): Promise<SaslTamperProxy> {
  const upstream = new URL(service);
  const upstreamPort = Number(upstream.port);
  const stats = { successes: 0, rewritten: 0 };
  const authMechanisms: string[] = [];
  const noteAuth = (text: string) => {
    for (const match of text.matchAll(AUTH)) authMechanisms.push(match[2]!);
  };

  function rewrite(text: string): string {
    const match = SUCCESS.exec(text);
    if (!match) return text;
    stats.successes += 1;
    if (tampering === "none") return text;
    const serverFinal = Buffer.from(match[2]?.trim() ?? "", "base64").toString("latin1");
    let replaced = "";
    if (tampering === "wrong-signature") {
      // Flip every bit of the signature: the right length and encoding, the wrong value.
      replaced = serverFinal.replace(/v=([^,]*)/, (_, signature: string) => `v=${Buffer.from(Buffer.from(signature, "base64").map((byte) => byte ^ 0xff)).toString("base64")}`);
      if (replaced === serverFinal) return text; // nothing to rewrite: the test's stats say so
    }
    stats.rewritten += 1;
    const body = replaced ? `>${Buffer.from(replaced, "latin1").toString("base64")}</success>` : "/>";
    return text.replace(SUCCESS, `${match[1]}${body}`);
  }

  // BOSH: each response body is read whole, rewritten, and sent on with its new length.
  const server = createServer((request, response) => {
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
    const sent: Buffer[] = [];
    request.on("data", (chunk: Buffer) => sent.push(chunk));
    request.on("end", () => noteAuth(Buffer.concat(sent).toString("utf8")));
    request.pipe(forwarded);
  });

  // WebSocket (RFC 6455): the upgrade goes through unchanged but without extensions (no compression, so
  // frames are plain text), the client's frames pass as they are, and the server's are re-framed.
  const sockets = new Set<Socket>();
  server.on("upgrade", (request, client: Socket, head: Buffer) => {
    const target = connect(upstreamPort, "127.0.0.1", () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let index = 0; index < request.rawHeaders.length; index += 2) {
        if (request.rawHeaders[index]!.toLowerCase() !== "sec-websocket-extensions") lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
      }
      target.write(`${lines.join("\r\n")}\r\n\r\n`);
      target.write(head);
      // The client's frames are read (unmasked) beside passing them on, for its <auth/>.
      let sent = head;
      client.on("data", (chunk: Buffer) => {
        sent = Buffer.concat([sent, chunk]);
        for (let frame = nextFrame(sent); frame; frame = nextFrame(sent)) {
          sent = sent.subarray(frame.length);
          if (frame.clientText !== undefined) noteAuth(frame.clientText);
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
  proxied.port = String(port);
  return {
    service: proxied.href,
    stats,
    authMechanisms,
    async close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * RFC 6455 §5.2: the first whole frame in `data`, with its text when it is an unfragmented, unmasked text
 * frame (the server's), or `clientText` when it is an unfragmented, masked one (the client's, §5.3).
 */
function nextFrame(data: Buffer): { length: number; raw: Buffer; text?: string; clientText?: string } | undefined {
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
  const plainText = data[0] === 0x81 && !masked; // FIN and opcode 1
  if (data[0] === 0x81 && masked) {
    const key = raw.subarray(offset - 4, offset);
    const payload = Buffer.from(raw.subarray(offset).map((byte, index) => byte ^ key[index % 4]!));
    return { length: raw.length, raw, clientText: payload.toString("utf8") };
  }
  return { length: raw.length, raw, ...(plainText && { text: raw.subarray(offset).toString("utf8") }) };
}

function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : payload.length < 65536
        ? Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x81, 127]), (() => { const size = Buffer.alloc(8); size.writeBigUInt64BE(BigInt(payload.length)); return size; })()]);
  return Buffer.concat([header, payload]);
}
