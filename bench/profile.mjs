// `node bench/profile.mjs`: where the widget's main thread goes, for the bench rows that are about time.
// One xmppmini-chat page against a local Prosody and a real bot, a V8 CPU profile around each phase:
// cold start (navigation to a usable pane), the 1,000-message burst, the reopen, and 100 messages sent. For each phase it
// prints the longest stretch of the main thread without idle (what froze the page longest) with the
// functions that took its time, and the functions that took the most time in the whole phase.
//
//   npm run build && node bench/profile.mjs [--transport=bosh] [--top=15] [--long] [--hostile]
//   [--trace]
//   (--long: scrolling 10,000 stored too; --hostile: the hostile bodies of the bench's scenario 7 as they come
//   and on a reload; --trace: for each task over 40 ms, what the browser spent it on: script, style, layout, paint)
import { chromium } from "@playwright/test";
import { startProsody } from "../scripts/lib/prosody.mjs";
import { startBot } from "../scripts/lib/bot.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium.mjs";
import { CLIENTS } from "./clients.mjs";
import { HOSTILE_BODIES } from "./scenarios.mjs";
import { existsSync, readFileSync } from "node:fs";

// Names in the built chunks are minified: the source maps say where a frame is in the TypeScript.
let mapped = (frame) => `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop()}:${frame.lineNumber + 1}`;
try {
  const { SourceMapConsumer } = await import("source-map-js"); // Vite's own dependency
  const consumers = new Map();
  const raw = mapped;
  mapped = (frame) => {
    const file = frame.url.match(/\/cdn\/([^/?#]+\.js)/)?.[1];
    if (!file || frame.lineNumber < 0 || !existsSync(`cdn/${file}.map`)) return raw(frame);
    if (!consumers.has(file))
      consumers.set(file, new SourceMapConsumer(JSON.parse(readFileSync(`cdn/${file}.map`, "utf8"))));
    const at = consumers.get(file).originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
    return at.source
      ? `${at.name ?? frame.functionName ?? "?"} ${at.source.replace(/^.*node_modules\//, "").replace(/^(\.\.\/)+/, "")}:${at.line}`
      : raw(frame);
  };
} catch {
  // no source maps at hand: minified names
}

const options = Object.fromEntries(process.argv.slice(2).map((argument) => argument.replace(/^--/, "").split("=")));
const transport = options.transport ?? "websocket";
const top = Number(options.top ?? 15);
const client = CLIENTS.find((candidate) => candidate.name === "xmppmini-chat");

/** Self time per function, over the samples from index `from` to `to` (exclusive). */
function selfTimes(profile, from, to) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map();
  for (let index = from; index < to; index += 1) {
    const node = byId.get(profile.samples[index]);
    const key = mapped(node.callFrame);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[index + 1] ?? 0) / 1000);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

/** The longest run of samples in which the main thread was never idle: about the longest task. */
function longestBusyStretch(profile) {
  // "(program)" is the browser's own work (style, layout, parsing): busy too.
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === "(idle)").map((node) => node.id));
  let best = { from: 0, to: 0, ms: 0 };
  let from = 0;
  let ms = 0;
  for (let index = 0; index < profile.samples.length; index += 1) {
    if (idle.has(profile.samples[index])) {
      if (ms > best.ms) best = { from, to: index, ms };
      from = index + 1;
      ms = 0;
    } else {
      ms += (profile.timeDeltas[index + 1] ?? 0) / 1000;
    }
  }
  return ms > best.ms ? { from, to: profile.samples.length, ms } : best;
}

function report(name, profile) {
  const stretch = longestBusyStretch(profile);
  console.log(`\n## ${name}: longest busy stretch ${stretch.ms.toFixed(0)} ms`);
  for (const [key, ms] of selfTimes(profile, stretch.from, stretch.to).slice(0, top))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
  console.log(`-- whole phase, self time:`);
  for (const [key, ms] of selfTimes(profile, 0, profile.samples.length).slice(0, top))
    console.log(`${ms.toFixed(1).padStart(8)} ms  ${key}`);
}

/**
 * Each main-thread task over 40 ms (`--taskMs`) in a Chromium trace: when it began (from the trace's start)
 * and the time of what ran inside it by kind.
 */
function reportTasks(events) {
  const start = Math.min(...events.filter((event) => event.ts > 0).map((event) => event.ts));
  const main = new Set(
    events
      .filter((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain")
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const onMain = (event) => main.has(`${event.pid}:${event.tid}`);
  const longTask = (event) => event.name === "RunTask" && event.dur > Number(options.taskMs ?? 40) * 1000;
  for (const task of events.filter((event) => longTask(event) && onMain(event))) {
    const kinds = new Map();
    for (const event of events) {
      if (event.ph !== "X" || event.pid !== task.pid || event.tid !== task.tid || event.name === "RunTask") continue;
      if (event.ts < task.ts || event.ts + event.dur > task.ts + task.dur) continue;
      kinds.set(event.name, (kinds.get(event.name) ?? 0) + event.dur / 1000);
    }
    const parts = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `-- task at ${((task.ts - start) / 1000).toFixed(0)} ms, ${(task.dur / 1000).toFixed(0)} ms: ${parts.map(([kind, ms]) => `${kind} ${ms.toFixed(1)}`).join(", ")}`,
    );
  }
}

const server = await startProsody({ domain: "localhost" });
const site = await startStaticServer({ mounts: { "/cdn/": "cdn", "/": "bench/pages" } });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  const person = { user: `profile-${process.pid}`, password: "pw-profile" };
  server.register(person.user, person.password);
  server.register(`peer-${process.pid}`, "pw-peer");
  const bot = await startBot({ server, user: `peer-${process.pid}`, password: "pw-peer", receipts: true });
  const jid = `${person.user}@${server.domain}`;
  const service = transport === "bosh" ? server.boshUrl : server.websocketUrl;
  const query = new URLSearchParams({ jid, password: person.password, service, peer: bot.bareJid, mode: "embedded" });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.addInitScript(() => {
    window.profileLongTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.profileLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  const profiled = async (name, run) => {
    const events = [];
    const collect = ({ value }) => events.push(...value);
    if ("trace" in options) {
      cdp.on("Tracing.dataCollected", collect);
      await cdp.send("Tracing.start", {
        categories: "devtools.timeline,disabled-by-default-devtools.timeline",
        transferMode: "ReportEvents",
      });
    }
    await cdp.send("Profiler.start");
    const since = await page.evaluate(() => performance.now()).catch(() => 0);
    await run();
    const { profile } = await cdp.send("Profiler.stop");
    report(name, profile);
    if ("trace" in options) {
      const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
      await cdp.send("Tracing.end");
      await complete;
      cdp.off("Tracing.dataCollected", collect);
      reportTasks(events);
    }
    const tasks = await page.evaluate(
      (from) =>
        (window.profileLongTasks ?? []).filter((task) => task.start >= from).map((task) => Math.round(task.duration)),
      name === "1,000 inbound" ? since : 0,
    );
    console.log(
      `-- long tasks the page saw (ms): ${
        tasks
          .sort((a, b) => b - a)
          .slice(0, 10)
          .join(", ") || "none"
      }`,
    );
  };
  const usable = () =>
    page.waitForFunction(`(${client.usable.toString()})()`, null, { polling: "raf", timeout: 60000 });
  const newest = (text) =>
    page.waitForFunction(
      // eslint-disable-next-line no-new-func
      ([source, expected]) => new Function(`return (${source})`)()() === expected,
      [client.newest.toString(), text],
      { polling: "raf", timeout: 120000 },
    );

  await profiled("cold start", async () => {
    await page.goto(`${site.url}${client.page}?${query}`);
    await usable();
  });
  const texts = Array.from({ length: 1000 }, (_, index) => `in-${String(index).padStart(4, "0")}`);
  await profiled("1,000 inbound", async () => {
    for (const text of texts) void bot.send(jid, text).catch(() => undefined);
    await newest(texts.at(-1));
  });
  await page.waitForTimeout(1000);
  await profiled("reopen", async () => {
    await page.reload();
    await newest(texts.at(-1));
  });
  await page.waitForTimeout(1000);
  // As the bench types them: input, Enter, a task between; each Enter's work up to its row on screen.
  const outbound = Array.from({ length: 100 }, (_, index) => `out-${String(index).padStart(3, "0")}`);
  await profiled("100 sent", async () => {
    await page.evaluate(
      async ([source, texts]) => {
        // eslint-disable-next-line no-new-func
        const composer = new Function(`return (${source})`)();
        for (const text of texts) {
          const input = composer();
          input.value = text;
          input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
          input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true }));
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
      },
      [client.composer.toString(), outbound],
    );
    await bot.waitFor((received) => received.length >= outbound.length, 60_000);
  });
  /** Registers `profile-<name>-<pid>`, opens the page signed in as it with `peer`, and resolves with its JID once usable. */
  const openAccountOfItsOwn = async (name, peer) => {
    const user = `profile-${name}-${process.pid}`;
    server.register(user, "pw-profile");
    const jid = `${user}@${server.domain}`;
    const query = new URLSearchParams({ jid, password: "pw-profile", service, peer, mode: "embedded" });
    await page.goto(`${site.url}${client.page}?${query}`);
    await usable();
    return jid;
  };
  // 10,000 stored messages on an account of its own, scrolled to the first as the bench does.
  if ("long" in options) {
    const longJid = await openAccountOfItsOwn("long", bot.bareJid);
    await page.evaluate(
      `(${client.seedHistory.toString()})(${JSON.stringify({ account: longJid, peer: bot.bareJid, count: 10_000 })})`,
    );
    await page.reload();
    await newest("message 10000");
    await profiled("scrolled to the first of 10,000", async () => {
      const scrolled = await page.evaluate(`(${client.scrollToFirst.toString()})("message 00001")`);
      console.log(`scrolled: ${JSON.stringify(scrolled)}`);
    });
  }
  // The bench's hostile bodies from a stranger, on an account of its own, then the reload that shows them again.
  if ("hostile" in options) {
    server.register(`stranger-${process.pid}`, "pw-peer");
    const stranger = await startBot({ server, user: `stranger-${process.pid}`, password: "pw-peer" });
    const hostileJid = await openAccountOfItsOwn("hostile", stranger.bareJid);
    const rows = `(count) => ((${client.rowCount.toString()})() >= count)`;
    const direct = HOSTILE_BODIES.filter((item) => !item.room);
    for (const [index, { body, label }] of direct.entries()) {
      await profiled(`hostile ${label}`, async () => {
        await stranger.send(hostileJid, body);
        await page.waitForFunction(`(${rows})(${index + 1})`, null, { polling: "raf", timeout: 60000 });
      });
    }
    await page.waitForTimeout(1000);
    await profiled("hostile bodies reloaded", async () => {
      await page.reload();
      await page.waitForFunction(`(${rows})(${direct.length})`, null, { polling: "raf", timeout: 60000 });
    });
    await stranger.stop();
  }
  await bot.stop();
} finally {
  await browser.close();
  await site.close();
  await server.stop();
}
