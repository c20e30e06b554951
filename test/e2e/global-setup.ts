import { execFileSync } from "node:child_process";
import { CHROMIUM, EJABBERD, PROSODY, ensureSystemPackages } from "../../scripts/lib/system-packages.mjs";
import { markTestRun } from "../../scripts/lib/leftover-processes.mjs";

/** The suite tests what ships: it installs what it needs and builds cdn/ and dist/ once before any test. */
export default function globalSetup(): void {
  // Set before any worker starts: workers, their servers and browsers inherit it (see global-teardown.ts).
  markTestRun();
  ensureSystemPackages([CHROMIUM, PROSODY, EJABBERD]);
  if (!process.env.XMPPMINI_SKIP_BUILD) execFileSync("node", ["scripts/build.mjs"], { stdio: "inherit" });
}
