// Runs before `npm test` and `npm run demo` (npm's pre-scripts), using nothing but Node itself, so both
// commands work on a fresh clone: installs npm dependencies when they are missing or older than the lock
// file, and the Debian packages the command needs (`--for=test` adds Chromium).
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { CHROMIUM, EJABBERD, PROSODY, ensureSystemPackages } from "./lib/system-packages.mjs";

const installed = "node_modules/.package-lock.json";
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync("package-lock.json").mtimeMs;
if (stale) {
  console.log("Installing npm dependencies…");
  const npm = (command) =>
    spawnSync("npm", [command, "--no-audit", "--no-fund"], {
      stdio: "inherit",
      env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
    }).status;
  // `npm ci` refuses a lock file without other platforms' optional packages (the registry here lacks some
  // of rollup's); `npm install` then installs from the same lock file.
  if (npm("ci") !== 0 && npm("install") !== 0) process.exit(1);
}

const forTests = process.argv.includes("--for=test");
try {
  ensureSystemPackages(forTests ? [PROSODY, EJABBERD, CHROMIUM] : [PROSODY]);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
