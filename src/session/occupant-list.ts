// A room's occupants (XEP-0045 §7.2.3 onwards), kept in the order the room's view shows them.
import type { Occupant } from "../xmpp/muc.js";

const ROLE_ORDER = ["moderator", "participant", "visitor"];
const collator = new Intl.Collator();

/** Moderators first, then by nickname (names the collator finds equal, by code units: the order is total). */
function displayOrder(a: Occupant, b: Occupant): number {
  return (
    ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) ||
    collator.compare(a.nick, b.nick) ||
    (a.nick < b.nick ? -1 : a.nick > b.nick ? 1 : 0)
  );
}

/**
 * A room's occupants by nickname and in display order, kept sorted as presences come and go: each one
 * is a binary search and one splice, where sorting them all for each presence made a join of a 3,000-person
 * room quadratic.
 */
export class OccupantList {
  readonly #byNick = new Map<string, Occupant>();
  #sorted: Occupant[] = [];

  get size(): number {
    return this.#byNick.size;
  }

  nicks(): IterableIterator<string> {
    return this.#byNick.keys();
  }

  /** A copy, in display order. */
  sorted(): Occupant[] {
    return this.#sorted.slice();
  }

  set(occupant: Occupant): void {
    this.delete(occupant.nick);
    this.#byNick.set(occupant.nick, occupant);
    this.#sorted.splice(this.#place(occupant), 0, occupant);
  }

  delete(nick: string): void {
    const old = this.#byNick.get(nick);
    if (!old) return;
    this.#byNick.delete(nick);
    this.#sorted.splice(this.#place(old), 1);
  }

  clear(): void {
    this.#byNick.clear();
    this.#sorted = [];
  }

  /** Where `occupant` is, or goes, in display order. */
  #place(occupant: Occupant): number {
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (displayOrder(this.#sorted[middle]!, occupant) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
