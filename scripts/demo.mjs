// `npm run demo`: a local Prosody with sample accounts, a bot that answers, and a Vite server with a
// sample host page using the widget. Ctrl+C stops everything.
import { createServer } from "vite";
import { startProsody } from "./lib/prosody.mjs";
import { startBot } from "./lib/bot.mjs";

const DOMAIN = "localhost";
const ACCOUNTS = [
  { user: "alice", password: "alice-demo", label: "Alice (customer)" },
  { user: "bob", password: "bob-demo", label: "Bob (staff)" },
  { user: "support", password: "support-demo", label: "Support bot" },
];

function botReply(message) {
  const text = message.body.trim();
  if (/^(hi|hello|hey|你好)\b/i.test(text)) return "Hello! I am the Acme Tea support bot. Ask me anything; I answer every message.";
  return `Thanks for your message: “${text}”. (I am a bot and answer everything.)`;
}

const port = Number(process.env.DEMO_PORT ?? 5173);
const server = await startProsody({ domain: DOMAIN, accounts: ACCOUNTS });
const bot = await startBot({
  server,
  user: "support",
  password: "support-demo",
  onMessage: (message, self) => void self.send(message.from.split("/")[0], botReply(message)),
});

const config = {
  service: "/xmpp-websocket",
  accounts: ACCOUNTS.filter(({ user }) => user !== "support").map(({ user, password, label }) => ({ jid: `${user}@${DOMAIN}`, password, label })),
  peers: [
    { jid: `support@${DOMAIN}`, label: "Support bot" },
    ...ACCOUNTS.filter(({ user }) => user !== "support").map(({ user, label }) => ({ jid: `${user}@${DOMAIN}`, label })),
  ],
};

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
      name: "xmppmini-demo-config",
      configureServer(dev) {
        dev.middlewares.use("/demo-config.json", (_request, response) => {
          response.setHeader("content-type", "application/json");
          response.end(JSON.stringify(config));
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
  Accounts: alice@${DOMAIN} / alice-demo    bob@${DOMAIN} / bob-demo
  Bot:      support@${DOMAIN} answers every message
  Prosody:  WebSocket ${server.websocketUrl} (proxied at /xmpp-websocket), BOSH ${server.boshUrl}

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
