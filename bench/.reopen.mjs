import { chromium } from "@playwright/test";
import { startProsody } from "../scripts/lib/prosody.mjs";
import { startBot } from "../scripts/lib/bot.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium.mjs";
import { CLIENTS } from "./clients.mjs";
const client = CLIENTS[0];
const server = await startProsody({ domain: "localhost" });
const site = await startStaticServer({ mounts: { "/dist/": "dist", "/": "bench/pages" } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
server.register("ro", "pw"); server.register("ropeer", "pw");
const bot = await startBot({ server, user: "ropeer", password: "pw", receipts: true });
const page = await (await browser.newContext()).newPage();
const q = new URLSearchParams({ jid: `ro@${server.domain}`, password: "pw", service: server.websocketUrl, peer: bot.bareJid, mode: "embedded" });
await page.goto(`${site.url}${client.page}?${q}`);
await page.waitForFunction(`(${client.usable.toString()})()`, null, { polling: "raf" });
const texts = Array.from({ length: 1000 }, (_, i) => `in-${String(i).padStart(4, "0")}`);
for (const t of texts) void bot.send(`ro@${server.domain}`, t).catch(() => {});
const newest = (x) => page.waitForFunction(([s, e]) => new Function(`return (${s})`)()() === e, [client.newest.toString(), x], { polling: "raf", timeout: 15000 });
await newest(texts.at(-1));
await page.waitForTimeout(1500);
for (let i = 0; i < 5; i++) {
  await page.reload();
  try { await newest(texts.at(-1)); } catch (e) {
    console.log("TIMEOUT", await page.evaluate(() => { const el = document.querySelector("xmppmini-chat"); const r = el.shadowRoot; return JSON.stringify({ status: el.getAttribute("status"), peer: el.getAttribute("peer"), name: r.querySelector("header .name")?.textContent, rows: r.querySelectorAll('[part="message"]').length, last: [...r.querySelectorAll('[part="message"]')].at(-1)?.textContent, err: r.querySelector('[part="error"]')?.textContent }); }));
    console.log(await page.evaluate(async () => {
      const dbs = await indexedDB.databases();
      const name = dbs.map((d) => d.name).find((n) => n.includes("xmppmini"));
      const db = await new Promise((ok) => { const r = indexedDB.open(name); r.onsuccess = () => ok(r.result); });
      const all = await new Promise((ok) => { const r = db.transaction("messages").objectStore("messages").getAll(); r.onsuccess = () => ok(r.result); });
      all.sort((a, b) => a.order - b.order);
      const idx = (b) => all.findIndex((m) => m.body === b);
      return JSON.stringify({ name, n: all.length, i0: idx("in-0000"), i699: idx("in-0699"), i700: idx("in-0700"), i999: idx("in-0999"), last: all.slice(-3).map((m) => [m.body, m.order, m.timestamp, m.direction]), around: all.slice(idx("in-0699") - 1, idx("in-0699") + 3).map((m) => [m.body, m.order, m.timestamp]), o700: all.find((m) => m.body === "in-0700")?.order, o999: all.find((m) => m.body === "in-0999")?.order });
    }));
    break;
  }
  const at = await page.evaluate(() => performance.now());
  const marks = await page.evaluate(() => performance.getEntriesByType("mark").map((m) => `${m.name.replace("tl:", "")}@${Math.round(m.startTime)}`).filter((x, i, a) => !x.startsWith("render") || !a[i - 1]?.startsWith("render")).join(" "));
  const res = await page.evaluate(() => performance.getEntriesByType("resource").filter((r) => r.name.includes("xmppmini-chat")).map((r) => `module@${Math.round(r.responseEnd)}`).join(""));
  console.log(`shown@${Math.round(at)} ${res} ${marks}`);
  await page.waitForTimeout(500);
}
await bot.stop(); await browser.close(); await site.close(); await server.stop();
