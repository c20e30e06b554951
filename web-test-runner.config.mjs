// Unit and component tests, in Debian's Chromium (never a downloaded browser).
import { mkdirSync, writeFileSync } from "node:fs";
import { bundleTestFiles } from "./build/wtr-bundle-tests.mjs";
import { playwrightLauncher } from "@web/test-runner-playwright";
import { defaultReporter, summaryReporter } from "@web/test-runner";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium.mjs";

function countTests(suite, counts) {
  for (const test of suite?.tests ?? []) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite?.suites ?? []) countTests(child, counts);
  return counts;
}

/** Writes pass/fail/skip counts for scripts/test.mjs, which sums every suite into one line. */
function countsFileReporter(path) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        countTests(session.testResults, counts);
        // A file that failed to load or threw outside a test counts as a failure, never as silence.
        if (!session.passed && (session.errors?.length ?? 0) > 0) counts.failed += 1;
      }
      mkdirSync(".test-summary", { recursive: true });
      writeFileSync(path, JSON.stringify(counts));
    },
  };
}

export default {
  files: ["test/unit/**/*.test.ts"],
  plugins: [bundleTestFiles()],
  browsers: [
    playwrightLauncher({ product: "chromium", launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } }),
  ],
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  reporters: [process.env.CI ? summaryReporter() : defaultReporter(), countsFileReporter(".test-summary/unit.json")],
};
