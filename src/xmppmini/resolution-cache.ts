/** What a lookup step learned, or that it found nothing (cached briefly so a miss is not refetched at once). */
export type CachedValue<T> = { readonly found: true; readonly value: T } | { readonly found: false };

/** Where resolver results live between lookups; `src/store/` provides one on IndexedDB. */
export interface ResolutionCache {
  get<T>(key: string): Promise<CachedValue<T> | undefined>;
  set<T>(key: string, value: CachedValue<T>, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A cache in memory, for one page's life; `now` is injectable for tests. */
export class MemoryResolutionCache implements ResolutionCache {
  readonly #entries = new Map<string, { value: CachedValue<unknown>; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get<T>(key: string): Promise<CachedValue<T> | undefined> {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value as CachedValue<T>;
  }

  async set<T>(key: string, value: CachedValue<T>, ttlMs: number): Promise<void> {
    this.#entries.set(key, { value, expires: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }
}
