import { defineConfig } from "@playwright/test";
import { availableParallelism } from "node:os";
import type { ServerKind, Transport } from "./test/e2e/fixtures.js";

// The matrix: server × transport. XMPPMINI_SERVERS and XMPPMINI_TRANSPORTS (comma-separated) narrow it
// for local runs, e.g. XMPPMINI_SERVERS=ejabberd npm run test:e2e.
const SERVERS: ServerKind[] = ["prosody", "ejabberd"];
const TRANSPORTS: Transport[] = ["websocket", "bosh"];
const pick = <T extends string>(all: T[], value: string | undefined): T[] =>
  value
    ? all.filter((item) =>
        value
          .split(",")
          .map((part) => part.trim())
          .includes(item),
      )
    : all;
const matrix = pick(SERVERS, process.env.XMPPMINI_SERVERS).flatMap((serverKind) =>
  pick(TRANSPORTS, process.env.XMPPMINI_TRANSPORTS).map((transport) => ({ serverKind, transport })),
);
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./scripts/lib/chromium.mjs";

// End-to-end tests: the built bundle in Debian's Chromium against a real Prosody and real bots.
export default defineConfig<{ transport: Transport; serverKind: ServerKind }>({
  testDir: "test/e2e",
  globalSetup: "./test/e2e/global-setup.ts",
  globalTeardown: "./test/e2e/global-teardown.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: true,
  // One worker per core: each worker runs its own server (see `server` in test/e2e/fixtures.ts) and its own
  // Chromium, and the tests wait on both; more workers than cores only made them wait longer (and time out
  // under load). XMPPMINI_WORKERS overrides it.
  workers: Number(process.env.XMPPMINI_WORKERS) || availableParallelism(),
  // No retries: a test that passes only when run again is a failure to explain, not to hide.
  retries: 0,
  reporter: [[process.env.CI ? "list" : "line"], ["json", { outputFile: ".test-summary/e2e.json" }]],
  // Every end-to-end test runs in every cell; the demo test (it starts its own Prosody), the screenshots and
  // the package's (it builds apps with the package) only in the first.
  projects: matrix.map(({ serverKind, transport }, index) => ({
    name: `${serverKind}-${transport}`,
    use: { serverKind, transport },
    ...(index > 0 && {
      testIgnore: [
        "**/demo.spec.ts",
        "**/screens.spec.ts",
        "**/long-history.spec.ts",
        "**/bundle-size.spec.ts",
        "**/package.spec.ts",
      ],
    }),
  })),
  use: {
    browserName: "chromium",
    // A fake microphone (a tone) that needs no prompt: voice messages are recorded for real.
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
    },
    trace: "off",
  },
});
