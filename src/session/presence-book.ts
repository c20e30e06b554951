import type { Availability, PresenceUpdate } from "../xmpp/presence.js";

/** What the widget shows of a contact: how available it is, and its status text. */
export interface PeerPresence {
  readonly availability: Availability;
  readonly status?: string;
}

// When two resources have the same priority, the more reachable one speaks for the contact.
const REACHABILITY: Record<Availability, number> = { chat: 5, online: 4, away: 3, xa: 2, dnd: 1, offline: 0 };

/**
 * The latest presence of each resource of each contact, and what it adds up to: the resource with the
 * highest priority (RFC 6121 §4.7.2.3), else the most reachable; offline when none is available.
 */
export class PresenceBook {
  readonly #resources = new Map<string, Map<string, PresenceUpdate>>();

  /** Records one update; returns the contact's presence when what it adds up to changed, else null. */
  update(update: PresenceUpdate): PeerPresence | null {
    const before = this.of(update.from);
    let resources = this.#resources.get(update.from);
    if (!resources) {
      resources = new Map();
      this.#resources.set(update.from, resources);
    }
    // A bare-JID unavailable (a server's on behalf of every resource) ends them all.
    if (update.availability === "offline" && update.resource === "") resources.clear();
    else if (update.availability === "offline") resources.delete(update.resource);
    else resources.set(update.resource, update);
    const after = this.of(update.from);
    return before.availability === after.availability && before.status === after.status ? null : after;
  }

  of(peer: string): PeerPresence {
    let best: PresenceUpdate | undefined;
    for (const candidate of this.#resources.get(peer)?.values() ?? []) {
      if (
        !best ||
        candidate.priority > best.priority ||
        (candidate.priority === best.priority && REACHABILITY[candidate.availability] > REACHABILITY[best.availability])
      ) {
        best = candidate;
      }
    }
    if (!best) return { availability: "offline" };
    return { availability: best.availability, ...(best.status && { status: best.status }) };
  }

  /** Every contact with a resource online. */
  peers(): string[] {
    return [...this.#resources.keys()].filter((peer) => this.of(peer).availability !== "offline");
  }

  /** Every contact known to be available: after a new session, what we knew is stale. */
  clear(): string[] {
    const known = this.peers();
    this.#resources.clear();
    return known;
  }
}
