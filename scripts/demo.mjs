// `npm run demo`: a local Prosody with two shards and sample accounts, a bot that answers, and a Vite
// server with a sample host page. The page names no server: the widget finds it through the demo site's
// xmppmini.txt (read via a same-origin resolver proxy) and its get_host directory. The page carries only
// the loader tag (cdn/, built by `predemo`); the site's own sign-in gives the widget its account through
// credentials-url, and the site's contact page is the widget's roster. Ctrl+C stops everything.
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { createServer } from "vite";
import { startProsody } from "./lib/prosody.mjs";
import { startBot } from "./lib/bot.mjs";
import { demoBotBehaviour, joinDemoRoom, publishDemoProfile } from "./lib/demo-bot.mjs";
import { cookieValue } from "./lib/cookies.mjs";
import { answerGetHost, formatRecord, parseDirectoryMapping } from "./lib/xmppmini-records.mjs";

const PUBLIC_DOMAIN = "acme.localhost";
const SHARDS = ["a.acme.localhost", "b.acme.localhost"];
const mapping = parseDirectoryMapping(readFileSync("demo/directory.txt", "utf8"));
const ACCOUNTS = [
  { user: "alice", password: "alice-demo", label: "Alice (customer)" },
  { user: "bob", password: "bob-demo", label: "Bob (staff)" },
  { user: "support", password: "support-demo", label: "Support bot" },
].map((account) => ({
  ...account,
  jid: `${account.user}@${PUBLIC_DOMAIN}`,
  shard: mapping.get(`${account.user}@${PUBLIC_DOMAIN}`),
}));

const port = Number(process.env.DEMO_PORT ?? 5173);
const server = await startProsody({
  domain: SHARDS[0],
  extraHosts: SHARDS.slice(1),
  accounts: ACCOUNTS.map(({ user, password, shard }) => ({ user, password, host: shard })),
});
const support = ACCOUNTS.find(({ user }) => user === "support");
let callPageBase;
const bot = await startBot({
  server,
  user: support.user,
  password: support.password,
  domain: support.shard,
  // The shop's call page, known once the site listens (below).
  onMessage: demoBotBehaviour({ callPage: (room) => callPageBase && `${callPageBase}?room=${room}` }),
  // The library's stream management miscounts on a room's traffic (see startBot).
  streamManagement: false,
});
/** The shop's room (XEP-0045), with the bot in it; the contact page links to it. */
const ROOM = { jid: `tea-lovers@${server.mucDomain}`, label: "Tea lovers (group chat)" };
await joinDemoRoom(bot, ROOM.jid);
// Its name and face in the widget's header come from its own vCard and avatar, as any contact's would.
await publishDemoProfile(bot, {
  name: "Acme Tea support",
  png: readFileSync(new URL("../demo/support-avatar.png", import.meta.url)),
});

/** People who may sign in to the demo site (the bot is no visitor). */
const VISITORS = ACCOUNTS.filter(({ user }) => user !== "support");
const SESSION_COOKIE = "acme-session";
/** The site's own sessions: cookie value → user. (A real site has its own sign-in; this one trusts a form.) */
const sessions = new Map();
/** What each person blocked on the site's contact page: the site's list, not the chat server's. */
const blocked = new Map();

function signedIn(request) {
  const token = cookieValue(request, SESSION_COOKIE);
  return token ? sessions.get(token) : undefined;
}

async function readJson(request) {
  let text = "";
  for await (const chunk of request) text += chunk;
  try {
    return JSON.parse(text || "{}");
  } catch {
    return {};
  }
}

/** The demo site's backend: sign-in, who is signed in, the chat account, the contact list, blocking. */
const siteApi = {
  "/accounts": (_request, response) =>
    json(
      response,
      200,
      VISITORS.map(({ user, label }) => ({ user, label })),
    ),
  "/sign-in": async (request, response) => {
    const { user } = await readJson(request);
    const account = VISITORS.find((candidate) => candidate.user === user);
    if (!account || request.method !== "POST") return json(response, 400, { error: "no such visitor" });
    const token = randomBytes(16).toString("hex");
    sessions.set(token, account);
    response.setHeader("set-cookie", `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`);
    json(response, 200, { user: account.user, label: account.label });
  },
  "/sign-out": (request, response) => {
    if (request.method !== "POST") return json(response, 400, { error: "POST only" });
    response.setHeader("set-cookie", `${SESSION_COOKIE}=; Path=/; Max-Age=0`);
    json(response, 200, {});
  },
  // Asked on every page: nobody signed in is an answer, not an error.
  "/whoami": (request, response) => {
    const account = signedIn(request);
    json(response, 200, account ? { user: account.user, label: account.label } : { user: null });
  },
  // credentials-url: the widget asks with the page's cookies and signs in as the visitor.
  "/chat-account": (request, response) => {
    const account = signedIn(request);
    json(
      response,
      account ? 200 : 401,
      account ? { jid: account.jid, password: account.password } : { error: "not signed in" },
    );
  },
  "/contacts": (request, response) => {
    const account = signedIn(request);
    if (!account) return json(response, 200, { signedIn: false, contacts: [] });
    const mine = blocked.get(account.user) ?? new Set();
    // The bot first: it is who a newcomer talks to.
    const others = [...ACCOUNTS].reverse().filter(({ user }) => user !== account.user);
    json(response, 200, {
      signedIn: true,
      contacts: others.map(({ jid, label }) => ({ jid, label, blocked: mine.has(jid) })),
      rooms: [ROOM],
    });
  },
  "/block": async (request, response) => {
    const account = signedIn(request);
    const { jid, block } = await readJson(request);
    if (!account || request.method !== "POST" || typeof jid !== "string")
      return json(response, 400, { error: "bad request" });
    const mine = blocked.get(account.user) ?? new Set();
    blocked.set(account.user, mine);
    if (block) mine.add(jid);
    else mine.delete(jid);
    json(response, 200, { jid, blocked: mine.has(jid) });
  },
};

/**
 * The shop's upload store: files live in a temporary folder for UPLOAD_TTL_MS, then are deleted (the
 * seed's answer to large files: the chat carries a link, the site keeps the file for a while).
 */
const UPLOAD_TTL_MS = Number(process.env.DEMO_UPLOAD_TTL_MINUTES ?? 24 * 60) * 60_000;
const UPLOAD_LIMIT_BYTES = 10 * 1024 * 1024;
const uploadDir = await mkdtemp(join(tmpdir(), "xmppmini-demo-uploads-"));
/** id → { path, type, expires } */
const uploads = new Map();
const sweep = setInterval(async () => {
  for (const [id, file] of uploads) {
    if (file.expires > Date.now()) continue;
    uploads.delete(id);
    await rm(file.path, { force: true });
  }
}, 60_000);

siteApi["/upload"] = async (request, response) => {
  if (request.method !== "POST" || !signedIn(request))
    return json(response, 400, { error: "sign in to the shop first" });
  const query = new URL(request.url ?? "/", "http://x").searchParams;
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > UPLOAD_LIMIT_BYTES) return json(response, 413, { error: "the file is larger than 10 MB" });
    chunks.push(chunk);
  }
  const id = randomBytes(12).toString("hex");
  const name = (query.get("name") || "file").replace(/[\\/\u0000-\u001f]/gu, "_").slice(0, 200);
  const path = join(uploadDir, id);
  await writeFile(path, Buffer.concat(chunks));
  uploads.set(id, {
    path,
    name,
    type: query.get("type") || "application/octet-stream",
    expires: Date.now() + UPLOAD_TTL_MS,
  });
  json(response, 201, { url: `/demo/files/${id}/${encodeURIComponent(name)}` });
};

async function serveUpload(request, response) {
  const [id] = new URL(request.url ?? "/", "http://x").pathname.split("/").filter(Boolean);
  const file = uploads.get(id);
  if (!file || file.expires <= Date.now()) return send(response, { status: 410, body: "This file has expired.\r\n" });
  response.setHeader("content-type", file.type);
  // Served as a download unless it is a picture or a recording: a shared HTML file must not run as the shop's page.
  response.setHeader(
    "content-disposition",
    `${/^(image|audio)\//u.test(file.type) ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
  );
  response.setHeader("x-content-type-options", "nosniff");
  response.end(await readFile(file.path));
}

function json(response, status, body) {
  send(response, { status, body: JSON.stringify(body), type: "application/json" });
}

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
        // The built widget as it ships, byte for byte: Vite's dev transforms would rewrite the loader's
        // dynamic import and make it a module.
        dev.middlewares.use("/cdn", async (request, response, next) => {
          const name = new URL(request.url ?? "/", "http://x").pathname.slice(1);
          if (!/^[\w.-]+\.js$/u.test(name)) return next();
          try {
            send(response, { body: await readFile(`cdn/${name}`), type: "text/javascript; charset=utf-8" });
          } catch {
            send(response, { status: 404, body: `cdn/${name} is missing: run npm run build\r\n` });
          }
        });
        dev.middlewares.use("/demo/files", (request, response) => void serveUpload(request, response));
        dev.middlewares.use("/demo/api", (request, response, next) => {
          const handler = siteApi[new URL(request.url ?? "/", "http://x").pathname];
          if (!handler) return next();
          response.setHeader("cache-control", "no-store");
          return handler(request, response);
        });
        dev.middlewares.use("/xmppmini.txt", (request, response) => send(response, { body: xmppminiTxt(request) }));
        // The page's same-origin resolver proxy: it serves the demo site's own file for acme.localhost.
        dev.middlewares.use("/xmppmini-proxy", (request, response) => {
          const domain = new URL(request.url ?? "/", "http://x").searchParams.get("domain");
          send(
            response,
            domain === PUBLIC_DOMAIN ? { body: xmppminiTxt(request) } : { status: 404, body: "unknown domain\r\n" },
          );
        });
        dev.middlewares.use("/xmppmini/get_host.php", async (request, response) => {
          const url = new URL(request.originalUrl ?? request.url ?? "/", `http://${request.headers.host}`);
          send(
            response,
            await answerGetHost(request, url, mapping, () => ({
              websocket: `ws://${request.headers.host}/xmpp-websocket`,
            })),
          );
        });
      },
    },
  ],
});
await vite.listen();
const { port: actualPort } = vite.httpServer.address();
const url = `http://127.0.0.1:${actualPort}/demo/`;
callPageBase = new URL("call.html", url).href;

console.log(`
xmppmini-chat demo is running.

  Open:     ${url}
  Accounts: alice@${PUBLIC_DOMAIN} / alice-demo    bob@${PUBLIC_DOMAIN} / bob-demo
            (sign in to the demo site with the form; the widget gets the account from the site)
  Bot:      support@${PUBLIC_DOMAIN} answers every message (say "news" for a headline, "typo" for a correction)
  Room:     ${ROOM.jid} (on the contact page): the bot is "Support" there and answers @Support
  Servers:  found with xmppmini.txt and get_host (demo/directory.txt); shards ${SHARDS.join(", ")} on one Prosody
            (WebSocket ${server.websocketUrl}, proxied at /xmpp-websocket; BOSH ${server.boshUrl})

Press Ctrl+C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  clearInterval(sweep);
  await bot.stop();
  await vite.close();
  await rm(uploadDir, { recursive: true, force: true });
  await server.stop();
  process.exit(0);
}
// Vite's dev server ends the process itself on SIGTERM, as soon as it has closed, which left Prosody
// running after `npm run demo` was stopped (and after the demo test): the demo takes SIGTERM back and
// stops everything in order. (Whatever else ends the process, Prosody goes with it: see spawnService.)
for (const listener of process.listeners("SIGTERM")) process.off("SIGTERM", listener);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
