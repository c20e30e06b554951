/**
 * Remembers the ids of recent messages so a stanza delivered twice (a resent stanza, offline storage
 * replaying what we already showed) is shown once. Bounded: the oldest ids are forgotten first.
 */
export class SeenIds {
  readonly #ids = new Set<string>();

  constructor(readonly capacity = 5000) {}

  /** Records `id`; returns false when it was already recorded. */
  add(id: string): boolean {
    if (this.#ids.has(id)) return false;
    this.#ids.add(id);
    if (this.#ids.size > this.capacity) {
      // Sets iterate in insertion order, so the first entry is the oldest.
      this.#ids.delete(this.#ids.values().next().value!);
    }
    return true;
  }
}
