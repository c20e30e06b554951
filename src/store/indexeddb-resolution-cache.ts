import type { CachedValue, ResolutionCache } from "../xmppmini/resolution-cache.js";
import { MemoryResolutionCache } from "../xmppmini/resolution-cache.js";
import { openDatabase, sharedDatabase, type XmppminiDatabase } from "./database.js";

/**
 * Resolver results kept in IndexedDB, so a reload does not refetch xmppmini.txt. Where IndexedDB cannot
 * be opened, it degrades to a memory cache: lookups still work, they are only not remembered.
 */
export class IndexedDbResolutionCache implements ResolutionCache {
  readonly #database: Promise<XmppminiDatabase | null>;
  readonly #fallback = new MemoryResolutionCache();

  /** `databaseName` opens a database of its own (tests); by default the page's shared one is used. */
  constructor(
    databaseName?: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#database = databaseName ? openDatabase(databaseName).catch(() => null) : sharedDatabase();
  }

  async get<T>(key: string): Promise<CachedValue<T> | undefined> {
    const database = await this.#database;
    if (!database) return this.#fallback.get<T>(key);
    const entry = await database.get("resolver-cache", key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      await database.delete("resolver-cache", key);
      return undefined;
    }
    return entry.value as CachedValue<T>;
  }

  async set<T>(key: string, value: CachedValue<T>, ttlMs: number): Promise<void> {
    const database = await this.#database;
    if (!database) return this.#fallback.set(key, value, ttlMs);
    await database.put("resolver-cache", { key, value, expires: this.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    const database = await this.#database;
    if (!database) return this.#fallback.delete(key);
    await database.delete("resolver-cache", key);
  }
}

let shared: IndexedDbResolutionCache | undefined;

/** One cache per page, opened on first use. */
export function sharedResolutionCache(): IndexedDbResolutionCache {
  shared ??= new IndexedDbResolutionCache();
  return shared;
}
