/** Exponential backoff with jitter: how long to wait before attempt `attempt` (0-based), in ms. */
export function backoffDelay(attempt: number, { baseMs = 1000, capMs = 60000, random = Math.random } = {}): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  // "Equal jitter": at least half the step, so retries neither synchronise across clients nor hammer.
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface ReconnectOptions {
  baseMs?: number;
  capMs?: number;
  random?: () => number;
  /** Where `online`/`offline` fire; the page's window by default. */
  network?: EventTarget & { navigator?: { onLine: boolean } };
  /** Where `visibilitychange` fires; the page's document by default. */
  page?: EventTarget & { visibilityState?: string };
}

/**
 * Decides when the next connection attempt runs after a failure: backoff with jitter, capped; at once when
 * the browser comes back online or the page becomes visible again; never while the browser says it is
 * offline. The caller decides whether to retry at all (an authentication failure must not loop).
 */
export class ReconnectPolicy {
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #due: number | undefined;
  #run: (() => void) | undefined;
  readonly #network: ReconnectOptions["network"];
  readonly #page: ReconnectOptions["page"];
  readonly #onOnline = () => this.#fire();
  readonly #onVisible = () => {
    if (this.#page?.visibilityState === "visible") this.#fire();
  };

  constructor(private readonly options: ReconnectOptions = {}) {
    this.#network = options.network ?? (typeof window === "undefined" ? undefined : window);
    this.#page = options.page ?? (typeof document === "undefined" ? undefined : document);
  }

  /** When the scheduled attempt will run (ms since the epoch), or undefined when none is scheduled. */
  get due(): number | undefined {
    return this.#due;
  }

  /** Schedules `run` after the next backoff step; replaces any attempt already scheduled. Returns the delay. */
  schedule(run: () => void): number {
    this.cancel();
    this.#run = run;
    const delay = backoffDelay(this.#attempt, this.options);
    this.#attempt += 1;
    this.#due = Date.now() + delay;
    this.#network?.addEventListener("online", this.#onOnline);
    this.#page?.addEventListener("visibilitychange", this.#onVisible);
    this.#timer = setTimeout(() => {
      // While the browser knows it has no network, wait for its `online` event instead of failing again.
      if (this.#network?.navigator?.onLine === false) return;
      this.#fire();
    }, delay);
    return delay;
  }

  /** Runs the scheduled attempt now (a "Retry now" button). */
  runNow(): void {
    this.#fire();
  }

  /** A connection succeeded: the next failure starts from the shortest wait again. */
  succeeded(): void {
    this.#attempt = 0;
  }

  /** Drops the scheduled attempt and the browser listeners. */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#due = undefined;
    this.#run = undefined;
    this.#network?.removeEventListener("online", this.#onOnline);
    this.#page?.removeEventListener("visibilitychange", this.#onVisible);
  }

  #fire(): void {
    const run = this.#run;
    this.cancel();
    run?.();
  }
}
