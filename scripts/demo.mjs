// `npm run demo`: a local Prosody with two shards and sample accounts, a bot that answers, and a Vite
// server with a sample host page. The page names no server: the widget finds it through the demo site's
// xmppmini.txt (read via a same-origin resolver proxy) and its get_host directory. Ctrl+C stops everything.
import { readFileSync } from "node:fs";
import { createServer } from "vite";
import { startProsody } from "./lib/prosody.mjs";
import { startBot } from "./lib/bot.mjs";
import { demoBotBehaviour } from "./lib/demo-bot.mjs";
import { answerGetHost, formatRecord, parseDirectoryMapping } from "./lib/xmppmini-records.mjs";

const PUBLIC_DOMAIN = "acme.localhost";
const SHARDS = ["a.acme.localhost", "b.acme.localhost"];
const mapping = parseDirectoryMapping(readFileSync("demo/directory.txt", "utf8"));
const ACCOUNTS = [
  { user: "alice", password: "alice-demo", label: "Alice (customer)" },
  { user: "bob", password: "bob-demo", label: "Bob (staff)" },
  { user: "support", password: "support-demo", label: "Support bot" },
].map((account) => ({ ...account, jid: `${account.user}@${PUBLIC_DOMAIN}`, shard: mapping.get(`${account.user}@${PUBLIC_DOMAIN}`) }));

const port = Number(process.env.DEMO_PORT ?? 5173);
const server = await startProsody({
  domain: SHARDS[0],
  extraHosts: SHARDS.slice(1),
  accounts: ACCOUNTS.map(({ user, password, shard }) => ({ user, password, host: shard })),
});
const support = ACCOUNTS.find(({ user }) => user === "support");
const bot = await startBot({
  server,
  user: support.user,
  password: support.password,
  domain: support.shard,
  onMessage: demoBotBehaviour(),
});

const pageConfig = {
  resolver: "/xmppmini-proxy?domain={domain}",
  accounts: ACCOUNTS.filter(({ user }) => user !== "support").map(({ jid, password, label }) => ({ jid, password, label })),
  // The bot first: it is who a newcomer talks to.
  peers: [...ACCOUNTS].reverse().map(({ jid, label }) => ({ jid, label })),
};

/** The demo site is the operator of acme.localhost: its xmppmini.txt points at its get_host directory. */
function xmppminiTxt(request) {
  return formatRecord({ host: `http://${request.headers.host}/xmppmini/get_host.php?action=get_host`, server_dyn: 1 });
}

function send(response, { status = 200, body, type = "text/plain; charset=utf-8" }) {
  response.statusCode = status;
  response.setHeader("content-type", type);
  response.end(body);
}

const vite = await createServer({
  configFile: false,
  root: process.cwd(),
  logLevel: "warn",
  server: {
    host: "127.0.0.1",
    port,
    strictPort: port !== 0,
    open: false,
    proxy: { "/xmpp-websocket": { target: `http://127.0.0.1:${server.httpPort}`, ws: true } },
  },
  plugins: [
    {
      name: "xmppmini-demo-operator",
      configureServer(dev) {
        dev.middlewares.use("/demo-config.json", (_request, response) => send(response, { body: JSON.stringify(pageConfig), type: "application/json" }));
        dev.middlewares.use("/xmppmini.txt", (request, response) => send(response, { body: xmppminiTxt(request) }));
        // The page's same-origin resolver proxy: it serves the demo site's own file for acme.localhost.
        dev.middlewares.use("/xmppmini-proxy", (request, response) => {
          const domain = new URL(request.url ?? "/", "http://x").searchParams.get("domain");
          send(response, domain === PUBLIC_DOMAIN ? { body: xmppminiTxt(request) } : { status: 404, body: "unknown domain\r\n" });
        });
        dev.middlewares.use("/xmppmini/get_host.php", async (request, response) => {
          const url = new URL(request.originalUrl ?? request.url ?? "/", `http://${request.headers.host}`);
          send(response, await answerGetHost(request, url, mapping, () => ({ websocket: `ws://${request.headers.host}/xmpp-websocket` })));
        });
      },
    },
  ],
});
await vite.listen();
const { port: actualPort } = vite.httpServer.address();
const url = `http://127.0.0.1:${actualPort}/demo/`;

console.log(`
xmppmini-chat demo is running.

  Open:     ${url}
  Accounts: alice@${PUBLIC_DOMAIN} / alice-demo    bob@${PUBLIC_DOMAIN} / bob-demo
  Bot:      support@${PUBLIC_DOMAIN} answers every message (say "news" for a headline, "typo" for a correction)
  Servers:  found with xmppmini.txt and get_host (demo/directory.txt); shards ${SHARDS.join(", ")} on one Prosody
            (WebSocket ${server.websocketUrl}, proxied at /xmpp-websocket; BOSH ${server.boshUrl})

Press Ctrl+C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await bot.stop();
  await vite.close();
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
