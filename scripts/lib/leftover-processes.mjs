// The suite leaves nothing running. Every process a test run starts (servers, the demo, browsers,
// helpers) inherits the run's marker in its environment; at the end, any process still carrying it is a
// leftover. The marker is this run's own, so other runs on the same machine (other checkouts, other
// people's suites) are never counted or touched.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";

export const RUN_MARKER = "XMPPMINI_TEST_RUN";

/** This run's marker, set in the environment that every process started from here inherits. */
export function markTestRun() {
  process.env[RUN_MARKER] ??= randomBytes(8).toString("hex");
  return process.env[RUN_MARKER];
}

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return ""; // gone meanwhile, or not ours to read
  }
}

function parentOf(pid) {
  // /proc/<pid>/stat: "pid (command) state ppid ..."; the command may hold spaces and parentheses.
  const stat = readProc(pid, "stat");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) || 0;
}

/** This process and the ones that started it: they carry the marker too, and are still running by design. */
function selfAndAncestors() {
  const pids = new Set();
  for (let pid = process.pid; pid > 1 && !pids.has(pid); pid = parentOf(pid)) pids.add(pid);
  return pids;
}

/** Processes still carrying the run's marker, as `{ pid, command }`. */
export function findLeftovers(marker = process.env[RUN_MARKER]) {
  if (!marker) return [];
  const needle = `\0${RUN_MARKER}=${marker}\0`;
  const excluded = selfAndAncestors();
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name) && !excluded.has(Number(name)))
    .filter((pid) => `\0${readProc(pid, "environ")}`.includes(needle))
    .map((pid) => ({ pid: Number(pid), command: readProc(pid, "cmdline").split("\0").join(" ").trim() }));
}

/**
 * Waits up to `graceMs` for the run's processes to end (a server stopping as the suite ends takes a
 * moment), then kills by PID whatever is left and returns it: an empty list means nothing was left.
 */
export async function reapLeftovers({ graceMs = 5000 } = {}) {
  const deadline = Date.now() + graceMs;
  let left = findLeftovers();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = findLeftovers();
  }
  for (const { pid } of left) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // ended on its own meanwhile
    }
  }
  return left;
}

/** A readable list of leftovers, one per line. */
export function describeLeftovers(left) {
  return left.map(({ pid, command }) => `  ${pid}  ${command.slice(0, 200)}`).join("\n");
}
