// `node bench/big-room.mjs` (after `vite build`): the widget joins a room of 3,000 occupants, and then
// 3,000 more come while the occupant list is shown. The server is a real Prosody; the occupants' presences
// are put on the page's WebSocket by a Playwright route (3,000 XMPP connections would measure the machine,
// not the widget), each in a frame of its own as a server sends them (RFC 7395 §3.3.3). Prints the
// main thread's long tasks (PerformanceObserver "longtask", Chromium) for each phase. No budget: a look.
//   node bench/big-room.mjs [--occupants=3000]    BENCH_DIST=another/cdn to measure another build
import { chromium } from "@playwright/test";
import { startProsody } from "../scripts/lib/prosody.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium.mjs";

const COUNT = Number(process.argv.find((argument) => argument.startsWith("--occupants="))?.split("=")[1] ?? 3000);
const server = await startProsody({ domain: "localhost" });
const site = await startStaticServer({ mounts: { "/cdn/": process.env.BENCH_DIST ?? "cdn", "/": "bench/pages" } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const room = `big@${server.mucDomain}`;
const presence = (to, nick, type) =>
  `<presence xmlns='jabber:client' from='${room}/${nick}' to='${to}'${type ? ` type='${type}'` : ""}><x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x></presence>`;

try {
  server.register("person", "pw-person");
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.addInitScript(() => {
    window.benchLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  let toPage;
  let ownJid = "";
  let injected = 0;
  const inject = (frames) => {
    injected += frames.length;
    for (const frame of frames) toPage.send(frame);
  };
  const joined = new Promise((resolve) => {
    void page.routeWebSocket(server.websocketUrl, (ws) => {
      const upstream = ws.connectToServer();
      toPage = ws;
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((received) => {
        // No stream management (XEP-0198): the widget's count of stanzas would include what the server never sent.
        const text = String(received).replace(/<sm\b[^>]*?(\/>|>.*?<\/sm>)/g, "");
        ownJid ||= /<jid>([^<]+)<\/jid>/.exec(text)?.[1] ?? "";
        // The room's first presence of the join: the others come before ours (XEP-0045 §7.2.3).
        if (text.startsWith("<presence") && text.includes(`from='${room}/`) && injected === 0 && ownJid) {
          const start = Date.now();
          inject(
            Array.from({ length: COUNT }, (_, index) => presence(ownJid, `occupant-${String(index).padStart(5, "0")}`)),
          );
          resolve(start);
        }
        ws.send(text);
      });
    });
  });
  await page.goto(
    `${site.url}/xmppmini.html?${new URLSearchParams({ jid: "person@localhost", password: "pw-person", service: server.websocketUrl, rooms: room, nick: "person", peer: room })}`,
  );
  const button = page.locator("xmppmini-chat").locator('[part="occupants-button"]');
  const phase = async (name, run, expected) => {
    const before = await page.evaluate(() => [performance.now(), window.benchLongTasks.length]);
    const started = Date.now();
    await run();
    await button
      .filter({ hasText: `${expected} in the room` })
      .waitFor({ timeout: Number(process.env.BENCH_TIMEOUT ?? 300_000) });
    const ms = Date.now() - started;
    const tasks = await page.evaluate((from) => window.benchLongTasks.slice(from), before[1]);
    const durations = tasks.map((task) => Math.round(task.duration));
    console.log(
      `${name}: ${ms} ms until "${expected} in the room"; long tasks: ${durations.length}, longest ${Math.max(0, ...durations)} ms, total ${durations.reduce((a, b) => a + b, 0)} ms`,
    );
  };
  await phase(`join with ${COUNT} occupants (list closed)`, () => joined, COUNT + 1);
  await button.click();
  await phase(
    `${COUNT} more come (list shown)`,
    () =>
      inject(Array.from({ length: COUNT }, (_, index) => presence(ownJid, `late-${String(index).padStart(5, "0")}`))),
    2 * COUNT + 1,
  );
  await phase(
    `${COUNT} leave (list shown)`,
    () =>
      inject(
        Array.from({ length: COUNT }, (_, index) =>
          presence(ownJid, `occupant-${String(index).padStart(5, "0")}`, "unavailable"),
        ),
      ),
    COUNT + 1,
  );
} finally {
  await browser.close();
  await site.close?.();
  await server.stop();
}
