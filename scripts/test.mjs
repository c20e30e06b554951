// `npm test`: installs what the suites need, type-checks, lints, builds, runs the unit/component suite
// (@web/test-runner) and the end-to-end suite (Playwright), and ends with one line that sums them all.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { CHROMIUM, EJABBERD, PROSODY, ensureSystemPackages } from "./lib/system-packages.mjs";
import { describeLeftovers, markTestRun, reapLeftovers } from "./lib/leftover-processes.mjs";

const SUMMARY_DIR = ".test-summary";
const totals = { passed: 0, failed: 0, skipped: 0 };

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readCounts(file, toCounts) {
  if (!existsSync(file)) return null;
  try {
    return toCounts(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return null; // an unreadable summary is handled like a missing one: the suite counts as failed
  }
}

/** Adds a suite's counts; a suite that exited non-zero without any failing test still counts one failure. */
function addSuite(name, exitCode, counts) {
  if (!counts) {
    console.error(`\n${name}: no results (exit ${exitCode}); counted as one failure.`);
    totals.failed += 1;
    return;
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (exitCode !== 0 && counts.failed === 0) {
    console.error(`\n${name}: exited ${exitCode} with no failing test; counted as one failure.`);
    totals.failed += 1;
  }
}

rmSync(SUMMARY_DIR, { recursive: true, force: true });
// Everything started from here carries this run's marker: what still runs at the end is a leftover.
markTestRun();
ensureSystemPackages([CHROMIUM, PROSODY, EJABBERD]);

const typecheck = run("npx", ["tsc", "-p", "."]);
addSuite("typecheck", typecheck, { passed: typecheck === 0 ? 1 : 0, failed: typecheck === 0 ? 0 : 1, skipped: 0 });

// ESLint and Prettier's check (`npm run lint`): one pass or one failure, like the type check.
const lint = run("npm", ["run", "--silent", "lint"]);
addSuite("lint", lint, { passed: lint === 0 ? 1 : 0, failed: lint === 0 ? 0 : 1, skipped: 0 });

const build = run("node", ["scripts/build.mjs"]);
addSuite("build", build, { passed: build === 0 ? 1 : 0, failed: build === 0 ? 0 : 1, skipped: 0 });

const unit = run("npx", ["web-test-runner"]);
addSuite(
  "unit",
  unit,
  readCounts(`${SUMMARY_DIR}/unit.json`, (counts) => counts),
);

if (build === 0) {
  const e2e = run("npx", ["playwright", "test"], { XMPPMINI_SKIP_BUILD: "1" });
  addSuite(
    "e2e",
    e2e,
    // errors: failures outside any test, e.g. the teardown's check that nothing was left running. flaky:
    // passed only when retried; the suite retries nothing, and a pass that needed a retry is no pass.
    readCounts(`${SUMMARY_DIR}/e2e.json`, ({ stats, errors = [] }) => ({
      passed: stats.expected,
      failed: stats.unexpected + stats.flaky + errors.length,
      skipped: stats.skipped,
    })),
  );
  // docs/servers.md's compatibility table must say what this run showed (see scripts/compat-table.mjs).
  const compat = run("node", ["scripts/compat-table.mjs"]);
  addSuite("compatibility table", compat, { passed: compat === 0 ? 1 : 0, failed: compat === 0 ? 0 : 1, skipped: 0 });
} else {
  console.error("\ne2e: not run, the build failed; counted as one failure.");
  totals.failed += 1;
}

// Nothing the run started may outlive it (the e2e teardown checks its own part; this covers every suite).
const left = await reapLeftovers();
if (left.length > 0)
  console.error(
    `\n${left.length} process(es) started by this run were still running (now killed):\n${describeLeftovers(left)}`,
  );
addSuite("nothing left running", left.length === 0 ? 0 : 1, {
  passed: left.length === 0 ? 1 : 0,
  failed: left.length === 0 ? 0 : 1,
  skipped: 0,
});

const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : "";
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
