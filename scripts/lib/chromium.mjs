// Debian's Chromium, shared by the unit tests, the end-to-end tests, the demo checks and the benchmark.
// Browsers are never downloaded: the system package is the one browser we drive.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  // Root cannot use Chromium's sandbox; CI and the dev machines run as root.
  ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
