// Writes the latest benchmark (the newest file in bench/results/, named by its date) into the README, between its bench markers:
// the table, with the date, the machine and the command that made it.  node bench/readme.mjs
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { SCENARIO_ROWS } from "./scenarios.mjs";
import { formatTable } from "./report.mjs";

const BEGIN = "<!-- bench:begin -->";
const END = "<!-- bench:end -->";
const newest = readdirSync("bench/results")
  .filter((name) => name.endsWith(".json"))
  .sort()
  .at(-1);
if (!newest) throw new Error("bench/results/ holds no run: npm run bench first");
const result = JSON.parse(readFileSync(`bench/results/${newest}`, "utf8"));
const readme = readFileSync("README.md", "utf8");
const start = readme.indexOf(BEGIN);
const end = readme.indexOf(END);
if (start === -1 || end === -1) throw new Error("README.md has no bench markers");

const command = `npm run bench -- --runs=${result.runs} --transports=${result.transports.join(",")}`;
const broken =
  result.broken.length === 0
    ? "Every budget held."
    : `Budgets broken in this run:\n\n${result.broken.map((line) => `- ${line}`).join("\n")}`;
const block = [
  BEGIN,
  `Latest run: ${result.date.slice(0, 10)}, ${result.machine.cores} cores (${result.machine.cpu}), Node ${result.machine.node}, \`${command}\`; medians (min–max).`,
  "",
  formatTable(result.summary, SCENARIO_ROWS, result.transports),
  "",
  ...(result.failures?.length
    ? [
        "Failed or timed out in this run (their rows are left out):",
        "",
        ...result.failures.map((line) => `- ${line}`),
        "",
      ]
    : []),
  broken,
  END,
].join("\n");
writeFileSync("README.md", readme.slice(0, start) + block + readme.slice(end + END.length));
console.log("README benchmark table updated.");
