import { execFileSync } from "node:child_process";
import { CHROMIUM, EJABBERD, PROSODY, ensureSystemPackages } from "../../scripts/lib/system-packages.mjs";

/** The suite tests what ships: it installs what it needs and builds dist/ once before any test. */
export default function globalSetup(): void {
  ensureSystemPackages([CHROMIUM, PROSODY, EJABBERD]);
  if (!process.env.XMPPMINI_SKIP_BUILD) execFileSync("npx", ["vite", "build", "--logLevel", "error"], { stdio: "inherit" });
}
