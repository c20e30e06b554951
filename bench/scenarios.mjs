// One measurement of one client: the scenarios in order, on a fresh account and a fresh browser
// profile, against a real bot. Times are taken inside the page (performance.now() is measured from the
// navigation) or on the one machine clock shared by the bot and the page (Date.now()).
import { gzipSync } from "node:zlib";
import { xml } from "@xmpp/client";

/** The rows of the table, in order; `lower` is better for all of them. */
export const SCENARIO_ROWS = [
  {
    key: "bytesLauncher",
    label: "JS+CSS gzip before the launcher is visible (KB)",
  },
  { key: "bytesUsable", label: "JS+CSS gzip before a usable chat (KB)" },
  { key: "coldOnline", label: "cold start: navigation → online (ms)" },
  {
    key: "coldUsable",
    label: "cold start: navigation → usable chat pane (ms)",
  },
  { key: "burstMs", label: "1,000 inbound: until the last is visible (ms)" },
  {
    key: "burstLongestTask",
    label: "1,000 inbound: longest main-thread task (ms)",
  },
  { key: "burstLost", label: "1,000 inbound: lost" },
  { key: "burstDoubled", label: "1,000 inbound: shown twice" },
  {
    key: "reopenMs",
    label: "reopen after the burst: until the last is visible (ms)",
  },
  { key: "heapReopenMB", label: "JS heap after GC, after reopening (MB)" },
  {
    key: "outboundMs",
    label: "200 typed and sent: until the peer has all (ms)",
  },
  { key: "outboundTypingMs", label: "200 outbound: of which typing them (ms)" },
  { key: "sendLatencyP50Ms", label: "200 outbound: Enter → row laid out, composer empty, median (ms)" },
  { key: "sendLatencyP95Ms", label: "200 outbound: Enter → row laid out, composer empty, p95 (ms)" },
  { key: "outboundLost", label: "200 outbound: lost" },
  { key: "heapOutboundMB", label: "JS heap after GC, after the outbound (MB)" },
  { key: "longOpenMs", label: "10,000 stored: navigation → the newest visible (ms)" },
  { key: "longTopMs", label: "10,000 stored: scrolled to the first (ms)" },
  { key: "longDroppedFrames", label: "10,000 stored: frames dropped while scrolling" },
  { key: "longMissing", label: "10,000 stored: not shown on the way up" },
  { key: "heapLongMB", label: "JS heap after GC, after scrolling 10,000 (MB)" },
];
for (const row of SCENARIO_ROWS)
  row.scenario = row.key.startsWith("long") || row.key === "heapLongMB" ? "long" : "main";

/**
 * Scenario 7's bodies, a stranger's: those of test/e2e/hostile-peer.spec.ts (each froze the page for seconds
 * before the formatter was linear), and a run of "@" in a room, where each inbound body is searched for the
 * person's @nick. `row` names the rows of the body; `room` says it is sent in a room.
 */
export const HOSTILE_BODIES = [
  { row: "Brackets", label: '40,000 × "["', body: "[".repeat(40_000) },
  { row: "Dots", label: "a link with 40,000 dots", body: `http://a.b${".".repeat(40_000)}x` },
  { row: "LinkOpens", label: '10,000 × "[a]("', body: "[a](".repeat(10_000) },
  {
    row: "LongLinks",
    label: '15 × (500 "[", "](", 1,999 "x", ")")',
    body: `${"[".repeat(500)}](${"x".repeat(1999)})`.repeat(15),
  },
  { row: "Marks", label: '10,000 × "*_~`"', body: "*_~`".repeat(10_000) },
  { row: "RoomAts", label: 'in a room: 40,000 × "@"', body: "@".repeat(40_000), room: true },
];

SCENARIO_ROWS.push(
  ...HOSTILE_BODIES.flatMap(({ row, label }) => [
    { key: `hostile${row}Ms`, label: `hostile ${label}: sent → shown (ms)`, scenario: "hostile" },
    { key: `hostile${row}Task`, label: `hostile ${label}: longest main-thread task (ms)`, scenario: "hostile" },
  ]),
  { key: "hostileReopenMs", label: "hostile: reload → the stored bodies shown (ms)", scenario: "hostile" },
  { key: "hostileReopenTask", label: "hostile: reload: longest main-thread task (ms)", scenario: "hostile" },
);

/** The scenarios `--scenarios=` can pick: main (1–4 and 6, one page), long (5), hostile (7). */
export const SCENARIOS = ["main", "long", "hostile"];

const LONG_HISTORY = 10_000;

const BURST = 1000;
const OUTBOUND = 200;
const TIMEOUT_MS = 150_000;

// Records when each JS or CSS response arrived and its gzip size (the bench's server sends it plain).
function watchBytes(page) {
  const responses = [];
  const reading = [];
  page.on("response", (response) => void reading.push(read(response)));
  const read = async (response) => {
    const type = response.request().resourceType();
    if (type !== "script" && type !== "stylesheet") return;
    const eventAt = Date.now();
    try {
      const body = await response.body();
      // When the last byte came, by the browser's own timing (epoch ms): the event itself can be late.
      const timing = response.request().timing();
      const arrived = timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : eventAt;
      responses.push({
        url: response.url(),
        arrived,
        gzip: gzipSync(body, { level: 9 }).length,
      });
    } catch {
      // a response the page dropped (navigation): not part of what it loaded
    }
  };
  // Bodies are read after the moment they are counted for: every response seen so far is read first.
  return async (until) => {
    await Promise.all(reading);
    return (
      Math.round(
        (responses.filter((item) => item.arrived <= until).reduce((sum, item) => sum + item.gzip, 0) / 1024) * 10,
      ) / 10
    );
  };
}

/** Waits until `condition` holds in the page (checked every frame); resolves with performance.now() then. */
async function pageTimeWhen(page, condition, argument) {
  const handle = await page.waitForFunction(
    ([source, arg]) => {
      // eslint-disable-next-line no-new-func
      const holds = new Function(`return (${source})`)()(arg);
      return holds ? { at: performance.now(), clock: Date.now() } : false;
    },
    [condition.toString(), argument],
    { polling: "raf", timeout: TIMEOUT_MS },
  );
  return handle.jsonValue();
}

/**
 * Like pageTimeWhen, but watching from the page's first byte (a MutationObserver installed before
 * navigation): for moments that can pass before a poll after `goto` would first look, such as the
 * launcher drawn while the rest of the client is still on its way. Call before `page.goto`.
 */
async function watchFirstTimeWhen(page, condition) {
  await page.addInitScript((source) => {
    // eslint-disable-next-line no-new-func
    const holds = new Function(`return (${source})`)();
    const observer = new MutationObserver(() => {
      if (window.benchFirst || !holds()) return;
      window.benchFirst = { at: performance.now(), clock: Date.now() };
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  }, condition.toString());
  return async () => (await page.waitForFunction(() => window.benchFirst, null, { timeout: TIMEOUT_MS })).jsonValue();
}

async function heapAfterGc(page) {
  const session = await page.context().newCDPSession(page);
  await session.send("HeapProfiler.collectGarbage");
  const { usedSize } = await session.send("Runtime.getHeapUsage");
  await session.detach();
  return Math.round((usedSize / 1024 / 1024) * 10) / 10;
}

const newestIs = (client) => `(expected) => ((${client.newest.toString()})() === expected)`;

function pageUrl(site, client, { person, bot, service, mode, rooms, nick }) {
  const query = new URLSearchParams({
    jid: person.jid,
    password: person.password,
    service,
    ...(rooms ? { rooms, nick } : { peer: bot.bareJid }),
    mode,
  });
  return `${site.url}${client.page}?${query}`;
}

async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  // The longest tasks on the main thread, for "was the page frozen".
  await page.addInitScript(() => {
    window.benchLongTasks = [];
    const keep = (entries) => {
      for (const entry of entries)
        window.benchLongTasks.push({
          start: entry.startTime,
          duration: entry.duration,
        });
    };
    const observer = new PerformanceObserver((list) => keep(list.getEntries()));
    observer.observe({ type: "longtask", buffered: true });
    // The entries not yet handed to the callback, for a reading right after the work.
    window.benchTakeLongTasks = () => keep(observer.takeRecords());
  });
  return page;
}

/**
 * Measures one client. Resolves with the rows measured and `failures`: a step that failed or timed out
 * (150 s) is named there and its rows stay empty, and the steps after it that need it are skipped.
 * `scenarios`: which of SCENARIOS to run.
 */
export async function runScenarios({ browser, site, service, client, newPair, scenarios = new Set(SCENARIOS) }) {
  const result = {};
  const failures = [];
  const step = async (name, run) => {
    try {
      await run();
      return true;
    } catch (error) {
      failures.push(`${name}: ${String(error?.message ?? error).split("\n")[0]}`);
      return false;
    }
  };
  if (scenarios.has("main") && !(await mainScenarios({ browser, site, service, client, newPair, result, step })))
    return { ...result, failures };
  // 5. A conversation of 10,000 stored messages, on an account of its own.
  if (scenarios.has("long") && client.seedHistory)
    await step("10,000 stored", () => longHistory({ browser, site, service, client, newPair, result }));
  // 7. A stranger's hostile bodies, on an account of its own.
  if (scenarios.has("hostile") && client.rowCount)
    await hostileBodies({ browser, site, service, client, newPair, result, step });
  return { ...result, failures };
}

/** Scenarios 1–4 and 6, on one account; false when a step the rest needs failed. */
async function mainScenarios({ browser, site, service, client, newPair, result, step }) {
  const { person, bot } = await newPair();
  let page;
  try {
    // 1. Bytes until the launcher shows (overlay mode), in a profile of its own.
    await step("launcher", async () => {
      const page = await newPage(browser);
      const bytesUntil = watchBytes(page);
      const launcherShown = await watchFirstTimeWhen(page, client.launcher);
      await page.goto(pageUrl(site, client, { person, bot, service, mode: "overlay" }));
      const launcher = await launcherShown();
      result.bytesLauncher = await bytesUntil(launcher.clock);
      await page.context().close();
    });

    // 2. Cold start to online and to a usable chat pane with the peer.
    page = await newPage(browser);
    const bytesUntil = watchBytes(page);
    const started = await step("cold start", async () => {
      await page.goto(pageUrl(site, client, { person, bot, service, mode: "embedded" }));
      // Watched together: a client whose pane is usable before it is online is timed as such.
      const [online, usable] = await Promise.all([
        pageTimeWhen(page, client.online.toString()),
        pageTimeWhen(page, client.usable.toString()),
      ]);
      result.coldOnline = Math.round(online.at);
      result.coldUsable = Math.round(usable.at);
      result.bytesUsable = await bytesUntil(usable.clock);
    });
    if (!started) return false;

    // 3. 1,000 inbound as fast as the bot can send them.
    const texts = Array.from({ length: BURST }, (_, index) => `in-${String(index).padStart(4, "0")}`);
    await step("1,000 inbound", async () => {
      const pageStart = await page.evaluate(() => performance.now());
      const sending = Date.now();
      for (const text of texts) void bot.send(person.jid, text).catch(() => undefined);
      const last = await pageTimeWhen(page, newestIs(client), texts.at(-1));
      result.burstMs = last.clock - sending;
      result.burstLongestTask = Math.round(
        await page.evaluate(
          (from) =>
            Math.max(0, ...window.benchLongTasks.filter((task) => task.start >= from).map((task) => task.duration)),
          pageStart,
        ),
      );
      await page.waitForTimeout(1000); // late copies would show now
      const shown = (await page.evaluate(`(${client.shown.toString()})()`)).filter((body) => /^in-\d{4}$/.test(body));
      const distinct = new Set(shown).size;
      result.burstLost = BURST - distinct;
      result.burstDoubled = shown.length - distinct;
    });

    // 4. Reopen: the page reloaded, until the last message is visible again.
    await step("reopen", async () => {
      await page.reload();
      const reopened = await pageTimeWhen(page, newestIs(client), texts.at(-1));
      result.reopenMs = Math.round(reopened.at);
      result.heapReopenMB = await heapAfterGc(page);
    });
    if (!(await step("usable again", () => pageTimeWhen(page, client.usable.toString())))) return false;

    // 6. 200 messages typed into the UI and sent with Enter.
    const outbound = Array.from({ length: OUTBOUND }, (_, index) => `out-${String(index).padStart(3, "0")}`);
    // Typed from inside the page (input, then Enter), one message per task: a Playwright fill and press
    // per message would cost more than either client and measure the harness. Where the client says how to
    // see its newest row, each Enter's latency too: from the keydown to its row in the list, laid out, and
    // the composer empty; the microtasks right after the Enter are watched (a client that renders there is
    // timed to the microtask), then every task, up to a second.
    await step("200 outbound", async () => {
      const outboundStarted = Date.now();
      const latencies = await page.evaluate(
        async ([source, rowSource, texts]) => {
          // eslint-disable-next-line no-new-func
          const composer = new Function(`return (${source})`)();
          // eslint-disable-next-line no-new-func
          const rowShown = rowSource && new Function(`return (${rowSource})`)();
          const latencies = [];
          const done = (text) => {
            const row = rowShown(text);
            if (!row || composer().value !== "") return false;
            row.getBoundingClientRect(); // its layout is part of the work
            return true;
          };
          for (const text of texts) {
            const input = composer();
            input.value = text;
            input.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true }));
            const pressed = performance.now();
            input.dispatchEvent(
              new KeyboardEvent("keydown", {
                key: "Enter",
                code: "Enter",
                keyCode: 13,
                bubbles: true,
                composed: true,
                cancelable: true,
              }),
            );
            if (rowShown) {
              let shown = false;
              for (let turn = 0; turn < 20 && !shown; turn += 1) {
                await Promise.resolve();
                shown = done(text);
              }
              while (!shown && performance.now() - pressed < 1000) {
                await new Promise((resolve) => setTimeout(resolve, 0));
                shown = done(text);
              }
              latencies.push(shown ? performance.now() - pressed : 1000);
            }
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          return latencies;
        },
        [client.composer.toString(), client.rowShown?.toString(), outbound],
      );
      result.outboundTypingMs = Date.now() - outboundStarted;
      if (latencies.length > 0) {
        const sorted = [...latencies].sort((a, b) => a - b);
        const at = (share) =>
          Math.round(sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] * 10) / 10;
        result.sendLatencyP50Ms = at(0.5);
        result.sendLatencyP95Ms = at(0.95);
      }
      const isOurs = (message) => /^out-\d{3}$/.test(message.body);
      await bot
        .waitFor(
          (received) => new Set(received.filter(isOurs).map((message) => message.body)).size >= OUTBOUND,
          TIMEOUT_MS,
        )
        .catch(() => undefined);
      result.outboundMs = Date.now() - outboundStarted;
      result.outboundLost = OUTBOUND - new Set(bot.received.filter(isOurs).map((message) => message.body)).size;
      result.heapOutboundMB = await heapAfterGc(page);
    });
  } finally {
    await page?.context().close();
    await bot.stop();
  }
  return true;
}

/**
 * Scenario 5: the conversation is written into the client's own store (as the client keeps it, see
 * `seedHistory`), the page opened, and the list scrolled up, a step per frame, until the first message
 * is in it. Frames dropped: frames the scrolling page missed at 60 Hz.
 */
async function longHistory({ browser, site, service, client, newPair, result }) {
  const { person, bot } = await newPair();
  const page = await newPage(browser);
  try {
    await page.goto(pageUrl(site, client, { person, bot, service, mode: "embedded" }));
    await pageTimeWhen(page, client.online.toString());
    await page.evaluate(
      `(${client.seedHistory.toString()})(${JSON.stringify({ account: person.jid, peer: bot.bareJid, count: LONG_HISTORY })})`,
    );
    await page.reload();
    const newest = `message ${String(LONG_HISTORY).padStart(5, "0")}`;
    result.longOpenMs = Math.round((await pageTimeWhen(page, newestIs(client), newest)).at);
    const scrolled = await page.evaluate(`(${client.scrollToFirst.toString()})("message 00001")`);
    result.longTopMs = Math.round(scrolled.ms);
    result.longDroppedFrames = scrolled.dropped;
    result.longMissing = LONG_HISTORY - scrolled.seen;
    result.heapLongMB = await heapAfterGc(page);
  } finally {
    await page.context().close();
    await bot.stop();
  }
}

/**
 * The longest main-thread task that started at `from` (page time) or later, in ms (0: none over 50 ms),
 * read after a frame and a task more, so that the work's own tasks are over and recorded.
 */
async function longestTaskSince(page, from) {
  return page.evaluate(async (from) => {
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    window.benchTakeLongTasks();
    return Math.round(
      Math.max(0, ...window.benchLongTasks.filter((task) => task.start >= from).map((task) => task.duration)),
    );
  }, from);
}

const NS_MUC = "http://jabber.org/protocol/muc";

/** The bot enters `room` as `nick` (XEP-0045 §7.2); resolves on its own presence back (status 110). */
function enterRoom(bot, room, nick) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${nick} did not enter ${room}`)), 20_000);
    bot.xmpp.on("stanza", (stanza) => {
      if (!stanza.is("presence") || stanza.attrs.from !== `${room}/${nick}`) return;
      const codes = (stanza.getChild("x", `${NS_MUC}#user`)?.getChildren("status") ?? []).map(
        (status) => status.attrs.code,
      );
      if (stanza.attrs.type === "error" || codes.includes("110")) {
        clearTimeout(timer);
        if (stanza.attrs.type === "error") reject(new Error(`${nick} could not enter ${room}`));
        else resolve();
      }
    });
    bot.xmpp.send(xml("presence", { to: `${room}/${nick}` }, xml("x", { xmlns: NS_MUC }))).catch(reject);
  });
}

/**
 * Scenario 7: a stranger (the bot, in no roster) sends the hostile bodies one at a time, each once the last
 * is shown: per body, the time from the send until its row is on screen (the shared clock) and the longest
 * main-thread task since the send. Then the page is reloaded: the time until the stored bodies are shown
 * again (from the navigation) and the longest task meanwhile. The room's body goes to a room the page is
 * in, on an account of its own (so that the page opens the room, not the conversation it left open).
 */
async function hostileBodies({ browser, site, service, client, newPair, result, step }) {
  const rowsAtLeast = `(count) => ((${client.rowCount.toString()})() >= count)`;
  /** Sends one body and measures it; `send` sends it, `shown` is the row count once it is on screen. */
  const measure = (page, row, shown, send) =>
    step(`hostile ${row}`, async () => {
      const from = await page.evaluate(() => performance.now());
      const sending = Date.now();
      await send();
      const seen = await pageTimeWhen(page, rowsAtLeast, shown);
      result[`hostile${row}Ms`] = seen.clock - sending;
      result[`hostile${row}Task`] = await longestTaskSince(page, from);
    });

  const direct = HOSTILE_BODIES.filter((item) => !item.room);
  const { person, bot } = await newPair();
  const page = await newPage(browser);
  try {
    if (
      await step("hostile: open", async () => {
        await page.goto(pageUrl(site, client, { person, bot, service, mode: "embedded" }));
        await pageTimeWhen(page, client.usable.toString());
      })
    ) {
      let shown = 0;
      for (const { row, body } of direct) {
        if (!(await measure(page, row, shown + 1, () => bot.send(person.jid, body)))) break;
        shown += 1;
      }
      if (shown === direct.length) {
        await step("hostile: reopen", async () => {
          await page.reload();
          result.hostileReopenMs = Math.round((await pageTimeWhen(page, rowsAtLeast, shown)).at);
          result.hostileReopenTask = await longestTaskSince(page, 0);
        });
      }
    }
  } finally {
    await page.context().close();
    await bot.stop();
  }

  for (const { row, body } of HOSTILE_BODIES.filter((item) => item.room)) {
    const { person, bot } = await newPair();
    const page = await newPage(browser);
    try {
      const room = `hostile-${person.user}@conference.${person.jid.split("@")[1]}`;
      const nick = "person";
      if (
        !(await step("hostile: enter the room", async () => {
          await enterRoom(bot, room, "stranger");
          await page.goto(pageUrl(site, client, { person, bot, service, mode: "embedded", rooms: room, nick }));
          await pageTimeWhen(page, client.roomJoined.toString());
        }))
      )
        continue;
      const before = await page.evaluate(`(${client.rowCount.toString()})()`);
      await measure(page, row, before + 1, () => bot.send(room, body, { type: "groupchat" }));
    } finally {
      await page.context().close();
      await bot.stop();
    }
  }
}
