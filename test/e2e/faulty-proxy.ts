import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { connect } from "node:net";

/**
 * A proxy of the suite's own between the browser and Prosody's HTTP port, for BOSH and WebSocket alike.
 * It can delay responses, drop a request's connection after the server answered (the answer is lost),
 * and answer 503 instead of forwarding: the faults a BOSH client must survive (XEP-0124 §14).
 */
export interface FaultPlan {
  /** Upper bound of a random delay before each response is passed on, in ms. */
  maxDelayMs?: number;
  /** 1-based numbers of POST requests whose answer is thrown away by cutting the connection. */
  dropResponseOf?: number[];
  /** 1-based numbers of POST requests answered 503 without being forwarded. */
  fail503On?: number[];
}

export interface FaultyProxy {
  url: string;
  port: number;
  stats: { posts: number; dropped: number; failed503: number };
  /** Cuts every open connection (WebSocket tunnels and pending HTTP requests) at once; new ones still pass. */
  cut(): void;
  close(): Promise<void>;
}

export async function startFaultyProxy(upstreamPort: number, plan: FaultPlan = {}): Promise<FaultyProxy> {
  const stats = { posts: 0, dropped: 0, failed503: 0 };
  const delay = () => new Promise((resolve) => setTimeout(resolve, Math.random() * (plan.maxDelayMs ?? 0)));

  function forward(request: IncomingMessage, response: ServerResponse, drop: boolean): void {
    const upstream = httpRequest(
      { host: "127.0.0.1", port: upstreamPort, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", async () => {
          await delay();
          if (drop) {
            stats.dropped += 1;
            response.socket?.destroy();
            return;
          }
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          response.end(Buffer.concat(chunks));
        });
      },
    );
    upstream.on("error", () => response.socket?.destroy());
    request.pipe(upstream);
  }

  const server = createServer((request, response) => {
    if (request.method !== "POST") return forward(request, response, false);
    stats.posts += 1;
    const number = stats.posts;
    if (plan.fail503On?.includes(number)) {
      stats.failed503 += 1;
      request.resume();
      request.on("end", () => {
        response.writeHead(503, { "access-control-allow-origin": "*" });
        response.end("try again");
      });
      return;
    }
    forward(request, response, plan.dropResponseOf?.includes(number) ?? false);
  });

  // WebSocket: a plain TCP pipe once the upgrade request is seen. Upgraded sockets leave the HTTP
  // server's books, so they are tracked here to be closed with the proxy.
  const tunnels = new Set<{ destroy(): void }>();
  server.on("upgrade", (request, socket, head) => {
    const upstream = connect(upstreamPort, "127.0.0.1", () => {
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let index = 0; index < request.rawHeaders.length; index += 2)
        lines.push(`${request.rawHeaders[index]}: ${request.rawHeaders[index + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    tunnels.add(socket).add(upstream);
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    cut() {
      for (const tunnel of tunnels) tunnel.destroy();
      tunnels.clear();
      server.closeAllConnections();
    },
    async close() {
      for (const tunnel of tunnels) tunnel.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
