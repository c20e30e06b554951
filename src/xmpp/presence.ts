// RFC 6121 §4: a contact's availability, as its presence stanzas say it.
import type { Element } from "@xmpp/xml";
import { bareOf } from "./chat-message.js";

/** RFC 6121 §4.7.2.1 `show`, with `online` for an available resource that gives none, and `offline`. */
export type Availability = "chat" | "online" | "away" | "xa" | "dnd" | "offline";

/** One resource's presence. */
export interface PresenceUpdate {
  /** Bare JID of the contact. */
  readonly from: string;
  /** The resource it concerns (empty for a bare-JID presence). */
  readonly resource: string;
  readonly availability: Availability;
  /** The person's own words ("In a meeting"), when given. */
  readonly status?: string;
  /** RFC 6121 §4.7.2.3: which resource speaks for the contact when several are online. */
  readonly priority: number;
  /** XEP-0153 §4.1: the SHA-1 (hex) of the contact's vCard photo; "" when it has none; absent when not said. */
  readonly photo?: string;
}

const SHOWS: ReadonlySet<string> = new Set(["chat", "away", "xa", "dnd"]);
/** Longer status texts are cut: it is one line under a name, not a message. */
const MAX_STATUS_LENGTH = 200;

/**
 * Reads an availability presence (available or `unavailable`); subscription requests, probes and errors
 * are no news about availability and yield null.
 */
export function parsePresence(stanza: Element): PresenceUpdate | null {
  if (!stanza.is("presence")) return null;
  const type = stanza.attrs.type;
  if (type !== undefined && type !== "unavailable") return null;
  const from = bareOf(stanza.attrs.from);
  if (!from) return null;
  const full = String(stanza.attrs.from);
  const slash = full.indexOf("/");
  const show = stanza.getChildText("show")?.trim() ?? "";
  const status = stanza.getChildText("status")?.trim().slice(0, MAX_STATUS_LENGTH);
  const priority = Number.parseInt(stanza.getChildText("priority") ?? "0", 10);
  const photo = stanza.getChild("x", "vcard-temp:x:update")?.getChildText("photo")?.trim().toLowerCase();
  return {
    from,
    resource: slash < 0 ? "" : full.slice(slash + 1),
    availability: type === "unavailable" ? "offline" : SHOWS.has(show) ? (show as Availability) : "online",
    ...(status && { status }),
    priority: Number.isFinite(priority) ? Math.max(-128, Math.min(127, priority)) : 0,
    ...(photo !== undefined && /^([0-9a-f]{40})?$/u.test(photo) && { photo }),
  };
}
