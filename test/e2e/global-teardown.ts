import { describeLeftovers, reapLeftovers } from "../../scripts/lib/leftover-processes.mjs";

/**
 * The suite leaves nothing running: a process this run started that outlived its tests (a server, the
 * demo, a browser) fails the run, and is killed here so it does not outlive the run either.
 */
export default async function globalTeardown(): Promise<void> {
  const left = await reapLeftovers();
  if (left.length > 0)
    throw new Error(
      `${left.length} process(es) started by this run were still running at its end (now killed):\n${describeLeftovers(left)}`,
    );
}
