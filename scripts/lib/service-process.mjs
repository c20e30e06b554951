// What starting a server for the tests has in common, whichever server: the system user it runs as, and
// a spawn that resolves once its ports listen or rejects with its log when it dies first.
import { spawn, execFileSync } from "node:child_process";
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
 * Spawns `command` and resolves with the child once every port in `ports` accepts connections; rejects
 * with `log()` in the message when the process exits first or the ports stay closed for `timeoutMs`.
 */
export async function spawnService({ name, command, args, options, ports, timeoutMs, log }) {
  const child = spawn(command, args, { ...options, stdio: "ignore" });
  const exited = new Promise((_, reject) => child.once("exit", (code) => reject(new Error(`${name} exited with ${code}:\n${log()}`))));
  exited.catch(() => {}); // a later exit is expected (stop); startup failures are raced below
  for (const port of ports) await Promise.race([waitForPort(port, timeoutMs), exited]);
  return child;
}
