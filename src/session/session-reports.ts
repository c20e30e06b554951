import { XmppminiError, toXmppminiError } from "../errors.js";
import type { SessionListener } from "./session-types.js";
import type { TabRelay } from "./tab-relay.js";

/**
 * The session's failures as a person sees them: each one once, however often the same failure repeats
 * while retrying, and told to the other tabs by the leader. A storage failure is said once per session:
 * the chat goes on without history.
 */
export class SessionReports {
  #last = "";
  #storageWarned = false;

  constructor(
    private readonly listener: Pick<SessionListener, "error">,
    private readonly relay: TabRelay,
  ) {}

  report(error: XmppminiError): void {
    const key = `${error.code}\u0000${error.message}`;
    if (key === this.#last) return;
    this.#last = key;
    this.listener.error(error);
    this.relay.announce({ type: "error", code: error.code, message: error.message });
  }

  /** A new attempt, or one that worked: the same failure is news again. */
  reset(): void {
    this.#last = "";
  }

  storageFailed(error: unknown): void {
    if (this.#storageWarned) return;
    this.#storageWarned = true;
    this.listener.error(
      toXmppminiError(
        error,
        "storage-unavailable",
        "This browser could not save the chat history; messages are shown but will not be kept after a reload.",
      ),
    );
  }
}
