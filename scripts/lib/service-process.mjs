// What starting a server for the tests has in common, whichever server: the system user it runs as, a
// spawn that resolves once its ports listen or rejects with its log when it dies first, and a stop that
// ends the server with every process it started and waits until they are gone.
import { spawn, execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { waitForPort } from "./wait-for-port.mjs";

/**
 * As root, the uid and gid of the system user a server's Debian package creates (servers refuse to run
 * as root, or should not); otherwise null: run as the current user.
 */
export function serviceUser(name) {
  if (process.getuid?.() !== 0) return null;
  const id = (flag) => Number(execFileSync("id", [flag, name]).toString().trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Spawns `command` in a process group of its own and resolves with the child once every port in `ports`
 * accepts connections; when the process exits first or the ports stay closed for `timeoutMs`, it stops
 * the group and rejects with `log()` in the message (a server that started slowly is not left behind).
 */
export async function spawnService({ name, command, args, options, ports, timeoutMs, log }) {
  // Its own group: a wrapper script, the server and its helpers are stopped together (stopServiceGroup).
  const child = spawn(command, args, { ...options, detached: true, stdio: "ignore" });
  const exited = new Promise((_, reject) =>
    child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${log()}`))),
  );
  exited.catch(() => {}); // a later exit is expected (stop); startup failures are raced below
  // A script that ends without stopping its server (an uncaught error, process.exit()) takes it along.
  const endWithParent = () => signalGroup(child, "SIGKILL");
  process.once("exit", endWithParent);
  child.once("exit", () => process.off("exit", endWithParent));
  try {
    for (const port of ports) await Promise.race([waitForPort(port, timeoutMs), exited]);
  } catch (error) {
    await stopServiceGroup(child);
    throw new Error(`${name} did not start: ${error instanceof Error ? error.message : error}\n${log().slice(-2000)}`);
  }
  return child;
}

/** The processes below `pid`, found through /proc: Erlang's helpers leave the group (setsid). */
function descendantsOf(pid) {
  const children = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat = "";
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // "pid (command) state ppid ...": the command may hold spaces and parentheses.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
  }
  const found = [];
  for (let queue = [pid]; queue.length > 0;) {
    const next = children.get(queue.shift()) ?? [];
    found.push(...next);
    queue.push(...next);
  }
  return found;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

function signalGroup(child, name) {
  signal(-child.pid, name);
}

/**
 * SIGTERM to the child's process group lets the server shut down cleanly (a database writes what it holds);
 * what is still alive after `graceMs` is killed, by group and by PID (helpers that left the group). Resolves
 * once none of them is left, so the next start (or the suite's end) never meets the old one.
 */
export async function stopServiceGroup(child, graceMs = 10_000) {
  if (!child) return;
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const descendants = descendantsOf(child.pid);
  const anyAlive = () => alive(-child.pid) || descendants.some(alive);
  signalGroup(child, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (anyAlive() && Date.now() < deadline) await wait(50);
  if (!anyAlive()) return;
  signalGroup(child, "SIGKILL");
  for (const pid of descendants) signal(pid, "SIGKILL");
  while (anyAlive()) await wait(20);
}

/**
 * Runs a command in a process group of its own and resolves with its output ("" when it failed); after
 * `timeoutMs` the whole group is stopped. (`ejabberdctl status` starts an Erlang node of its own: killing
 * only the script, as execFile's timeout does, left that node running.)
 */
export async function runCommand(command, args, options, timeoutMs) {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "ignore"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const timer = setTimeout(() => void stopServiceGroup(child, 1000), timeoutMs);
  const code = await new Promise((resolve) => {
    child.once("error", () => resolve(-1));
    child.once("close", (exitCode) => resolve(exitCode));
  });
  clearTimeout(timer);
  // The script may have ended with its node still going: nothing of the group outlives the call.
  await stopServiceGroup(child, 1000);
  return code === 0 ? output : "";
}
