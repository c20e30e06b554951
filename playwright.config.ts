import { defineConfig } from "@playwright/test";
import type { Transport } from "./test/e2e/fixtures.js";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium.mjs";

// End-to-end tests: the built bundle in Debian's Chromium against a real Prosody and real bots.
export default defineConfig<{ transport: Transport }>({
  testDir: "test/e2e",
  globalSetup: "./test/e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [
    [process.env.CI ? "list" : "line"],
    ["json", { outputFile: ".test-summary/e2e.json" }],
  ],
  // Every end-to-end test runs over both transports; the demo test only once (it picks its own).
  projects: [
    { name: "websocket", use: { transport: "websocket" } },
    { name: "bosh", use: { transport: "bosh" }, testIgnore: ["**/demo.spec.ts"] },
  ],
  use: {
    browserName: "chromium",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: "off",
  },
});
