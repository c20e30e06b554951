// `npm run bench`: xmppmini-chat and Converse.js side by side, in one run, in the same Chromium, against the
// same Prosody, clients interleaved so the machine's noise falls on both. Writes bench/results/*.json,
// prints a table with the ratio xmppmini-chat / Converse for each row, and exits non-zero when a budget
// (bench/budgets.mjs) is broken.
//
//   npm run bench                      both transports, 3 runs each
//   npm run bench -- --runs=5 --transports=websocket
//   npm run bench -- --clients=xmppmini-chat     one client only (no ratios; for a quick look)
//   npm run bench -- --scenarios=hostile         some scenarios only (main, long, hostile; printed, not kept)
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { chromium } from "@playwright/test";
import { startProsody } from "../scripts/lib/prosody.mjs";
import { startBot } from "../scripts/lib/bot.mjs";
import { startStaticServer } from "../scripts/lib/static-server.mjs";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../scripts/lib/chromium.mjs";
import { CLIENTS } from "./clients.mjs";
import { SCENARIOS, SCENARIO_ROWS, runScenarios } from "./scenarios.mjs";
import { formatBudget, measureBudgets } from "./budgets.mjs";
import { formatTable, summarise } from "./report.mjs";

const options = Object.fromEntries(
  process.argv.slice(2).map((argument) => {
    const [key, value = "true"] = argument.replace(/^--/, "").split("=");
    return [key, value];
  }),
);
const runs = Number(options.runs ?? 3);
const transports = (options.transports ?? "websocket,bosh").split(",");
const clients = options.clients
  ? CLIENTS.filter((client) => options.clients.split(",").includes(client.name))
  : CLIENTS;
const scenarios = new Set(options.scenarios ? options.scenarios.split(",") : SCENARIOS);
const unknown = [...scenarios].filter((name) => !SCENARIOS.includes(name));
if (unknown.length > 0)
  throw new Error(`--scenarios: no scenario ${unknown.join(", ")} (there are ${SCENARIOS.join(", ")})`);
const rows = SCENARIO_ROWS.filter((row) => scenarios.has(row.scenario));

const server = await startProsody({ domain: "localhost" });
const site = await startStaticServer({
  mounts: { "/cdn/": "cdn", "/converse/": "node_modules/converse.js/dist", "/": "bench/pages" },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
let accountCounter = 0;

/** A fresh account pair for one measurement: the person at the page, and a bot on the other side. */
async function newPair() {
  accountCounter += 1;
  const suffix = `${process.pid}-${accountCounter}`;
  const person = { user: `person-${suffix}`, password: `pw-${suffix}` };
  const peer = { user: `peer-${suffix}`, password: `pw-${suffix}` };
  server.register(person.user, person.password);
  server.register(peer.user, peer.password);
  const bot = await startBot({ server, user: peer.user, password: peer.password, receipts: true });
  return { person: { ...person, jid: `${person.user}@${server.domain}` }, bot };
}

const samples = [];
/** Steps that failed or timed out, by transport, run and client. */
const failures = [];
try {
  for (const transport of transports) {
    const service = transport === "bosh" ? server.boshUrl : server.websocketUrl;
    for (let run = 0; run < runs; run += 1) {
      // Interleaved, and the order alternates from run to run.
      const order = run % 2 === 0 ? clients : [...clients].reverse();
      for (const client of order) {
        const { failures: failed, ...measured } = await runScenarios({
          browser,
          site,
          service,
          client,
          newPair,
          scenarios,
        });
        for (const [row, value] of Object.entries(measured))
          samples.push({ transport, client: client.name, run, row, value });
        for (const failure of failed) failures.push(`${transport} run ${run + 1} ${client.name}: ${failure}`);
        process.stdout.write(
          `${transport} run ${run + 1}/${runs} ${client.name}: ${JSON.stringify(measured)}${failed.length ? ` failed: ${failed.join("; ")}` : ""}\n`,
        );
      }
    }
  }
} finally {
  await browser.close();
  await site.close();
  await server.stop();
}

const summary = summarise(samples, rows);
const machine = { cores: cpus().length, cpu: cpus()[0]?.model ?? "unknown", node: process.version };
const broken = measureBudgets(summary, scenarios)
  .filter((line) => !line.holds)
  .map(formatBudget);
const result = { date: new Date().toISOString(), machine, runs, transports, summary, samples, failures, broken };
// A one-client or some-scenarios look is no full comparison: it is printed, not kept (the README's table
// is the newest kept run).
let file = "(not kept: one client or some scenarios only)";
if (clients.length === CLIENTS.length && scenarios.size === SCENARIOS.length) {
  mkdirSync("bench/results", { recursive: true });
  file = `bench/results/${result.date.replace(/[:.]/g, "-")}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}

console.log(`\n${formatTable(summary, rows, transports)}\n`);
if (failures.length > 0)
  console.log(`Failed or timed out (their rows are left out):\n${failures.map((line) => `  - ${line}`).join("\n")}\n`);
console.log(
  `${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${runs} runs per transport; results in ${file}`,
);
console.log(
  `\nBudgets:\n${measureBudgets(summary, scenarios)
    .map((line) => `  ${formatBudget(line)}`)
    .join("\n")}`,
);
if (broken.length > 0) {
  console.log(`\nBudgets broken:\n${broken.map((line) => `  - ${line}`).join("\n")}`);
  process.exitCode = 1;
} else {
  console.log("\nEvery budget holds.");
}
