/**
 * Runs the handling of one remote item (a stanza, an archive result, another tab's message). A throw is
 * reported as a console warning and the item skipped: one malformed stanza from a stranger must never stop
 * the ones after it. Returns what `handle` returned, or undefined when it threw.
 */
export function skipOnError<T>(what: string, handle: () => T): T | undefined {
  try {
    return handle();
  } catch (error) {
    console.warn(`xmppmini-chat: skipped ${what} that could not be read.`, error);
    return undefined;
  }
}
