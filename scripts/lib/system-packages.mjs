// Installs the Debian packages the demo and the tests need, or says exactly how to.
// Runs apt-get only as root on Debian; anyone else gets the command to run.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

let aptUpdated = false;

function isRoot() {
  return typeof process.getuid === "function" && process.getuid() === 0;
}

function hasApt() {
  return existsSync("/usr/bin/apt-get");
}

/**
 * Makes sure every `{ binary, pkg }` pair is present. Installs the missing ones with apt-get when it can,
 * otherwise throws an error naming the command a person must run.
 */
export function ensureSystemPackages(requirements) {
  const missing = requirements.filter(({ binary }) => !existsSync(binary));
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map(({ pkg }) => pkg))];
  const command = `sudo apt-get update && sudo apt-get install -y ${pkgs.join(" ")}`;
  if (!isRoot() || !hasApt()) {
    throw new Error(`Missing ${missing.map((m) => m.binary).join(", ")}. Install with:\n  ${command}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    execFileSync("apt-get", ["update"], { stdio: ["ignore", "ignore", "inherit"], env });
    aptUpdated = true;
  }
  const result = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...pkgs], {
    stdio: ["ignore", "ignore", "inherit"],
    env,
  });
  if (result.status !== 0) throw new Error(`apt-get install ${pkgs.join(" ")} failed (exit ${result.status})`);
  // The Debian package starts a system-wide Prosody; ours runs on its own ports, so leave it alone.
}

export const PROSODY = { binary: "/usr/bin/prosody", pkg: "prosody" };
export const CHROMIUM = { binary: "/usr/bin/chromium", pkg: "chromium" };
export const EJABBERD = { binary: "/usr/sbin/ejabberdctl", pkg: "ejabberd" };
