// The rooms (XEP-0045) one account is in: joins, the occupants and subject each room reports, nickname
// conflicts, refusals and removals, and rejoining on a new session. Loaded with the first room joined
// (a one-to-one chat never needs it). Knows nothing of the DOM; the session routes room stanzas here.
// The state of one room is in room-state.ts, reading its messages in room-messages.ts.
import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import {
  joinPresence,
  leavePresence,
  parseOccupantPresence,
  parseRoomMessage,
  parseRoomRefusal,
  type RoomMessage,
} from "../xmpp/muc.js";
import { RoomMessages } from "./room-messages.js";
import { RoomNews } from "./room-news.js";
import { refusalText, removalText } from "./room-problems.js";
import { joinedNick, joiningEntry, viewOf, type RoomEntry, type RoomView } from "./room-state.js";

export { findMentions, type RoomMessage } from "../xmpp/muc.js";
export type { RoomStatus, RoomView } from "./room-state.js";

/** How many recent messages a join asks the room for (servers cap it; Prosody and ejabberd keep 20). */
const JOIN_HISTORY = 50;
/** Nicknames tried after the wanted one is taken: `alice2` … `alice4`. */
const NICK_ATTEMPTS = 3;

export interface RoomsHooks {
  /** Puts a stanza on the current connection; rejects when there is none. */
  send(stanza: Element): Promise<void>;
  /** A room's view changed (joined, an occupant came or went, a new subject, an error). */
  changed(view: RoomView): void;
  /**
   * We are in `room` now: what waits for it can go out. `catchUpAfter`: the join asked for no history,
   * because the room's archive has what was said since this archive id (see newestArchived).
   */
  joined(room: string, catchUpAfter: string | undefined): void;
  /** The room archive's id for the newest message of `room` this browser has, if any. */
  newestArchived(room: string): Promise<string | undefined>;
  /** A room refused us or put us out: said once, as it happened. */
  refused(error: XmppminiError): void;
  /** Whether this browser shows any of the room's messages already: a join's history is then news, not old history. */
  known(room: string): boolean;
}

export class Rooms {
  readonly #rooms = new Map<string, RoomEntry>();
  #online = false;
  readonly #news: RoomNews;
  /** The rooms' messages as the widget shows them, and ours as they go out. */
  readonly messages = new RoomMessages((room) => this.#rooms.get(room));

  constructor(
    private readonly hooks: RoomsHooks,
    /** How long occupants' comings and goings gather before a room's view is told again (see RoomNews). */
    occupantNewsMs = 100,
  ) {
    this.#news = new RoomNews(
      (view) => hooks.changed(view),
      (entry) => this.#rooms.get(entry.jid) === entry,
      occupantNewsMs,
    );
  }

  #changed(entry: RoomEntry, now = false): void {
    this.#news.changed(entry, now);
  }

  /** Whether `bare` is a room we are in or joining: its stanzas are ours to read. */
  readonly isRoom = (bare: string): boolean => this.#rooms.has(bare);

  /** Our nickname in `room` once joined. */
  nickIn(room: string): string | undefined {
    return joinedNick(this.#rooms.get(room));
  }

  /** The nicknames in `room`, ours included. */
  nicks(room: string): string[] {
    return [...(this.#rooms.get(room)?.occupants.nicks() ?? [])];
  }

  views(): RoomView[] {
    return [...this.#rooms.values()].map(viewOf);
  }

  /**
   * Joins `room` as `nick` (again, after an error or a removal); now when online, else with the next
   * session. Joining a room we are in with the same nickname does nothing.
   */
  join(room: string, nick: string, password?: string): void {
    const current = this.#rooms.get(room);
    if (
      current &&
      current.wantedNick === nick &&
      (current.status === "joined" || current.status === "joining") &&
      (password === undefined || password === current.password)
    )
      return;
    const entry = joiningEntry(room, nick, password, current, this.hooks.known(room));
    if (current?.status === "joined" && current.nick !== nick)
      void this.hooks.send(leavePresence(room, current.nick)).catch(() => undefined);
    this.#rooms.set(room, entry);
    this.#changed(entry, true);
    if (this.#online) this.#sendJoin(entry);
  }

  /** Leaves `room` (its messages stay in the history; joining again is one call). */
  leave(room: string): void {
    const entry = this.#rooms.get(room);
    if (!entry || entry.status === "left") return;
    if (this.#online && entry.status !== "error")
      void this.hooks.send(leavePresence(room, entry.nick)).catch(() => undefined);
    entry.status = "left";
    entry.occupants.clear();
    entry.problem = undefined;
    this.#changed(entry, true);
  }

  /**
   * The connection is online. A resumed stream (XEP-0198) kept us in every room; a new one must join
   * again, each room asked for what was said meanwhile.
   */
  online(resumed: boolean): void {
    // Told once per connection (the rooms may load while it is already up).
    if (this.#online) return;
    this.#online = true;
    for (const entry of this.#rooms.values()) {
      if (resumed && entry.status === "joined") continue;
      if (entry.status === "error" || entry.status === "left") continue;
      entry.status = "joining";
      entry.occupants.clear();
      entry.knownBefore = entry.knownBefore || this.hooks.known(entry.jid);
      this.#changed(entry, true);
      this.#sendJoin(entry);
    }
  }

  offline(): void {
    this.#online = false;
  }

  /**
   * Joins with the room's recent history on a first visit. Where this browser has the room's messages
   * up to an archive id, the join asks for none: the history a room sends on join is only its last few
   * messages (20 on Prosody and ejabberd), and a longer absence would leave a gap; the room's archive
   * (XEP-0313) gives everything since (see RoomsHooks.joined).
   */
  #sendJoin(entry: RoomEntry): void {
    void this.hooks
      .newestArchived(entry.jid)
      .catch(() => undefined)
      .then((after) => {
        if (this.#rooms.get(entry.jid) !== entry || entry.status !== "joining") return;
        entry.catchUpAfter = after;
        const history = after ? 0 : JOIN_HISTORY;
        return this.hooks.send(
          joinPresence(entry.jid, entry.nick, { history, ...(entry.password && { password: entry.password }) }),
        );
      })
      .catch(() => undefined);
  }

  /** Reads a presence; true when it was a room's (and so no contact's). */
  presence(stanza: Element): boolean {
    const refusal = parseRoomRefusal(stanza, this.isRoom);
    if (refusal) {
      this.#refused(refusal.room, refusal.condition, refusal.text);
      return true;
    }
    const presence = parseOccupantPresence(stanza, this.isRoom);
    if (!presence) return false;
    const entry = this.#rooms.get(presence.room)!;
    const { occupant } = presence;
    // §7.2.3: our own presence is the last of the join, marked 110. (Not "the one with our nickname": that
    // may be someone else's, whose nickname we are about to be refused.)
    // A room closing (§10.9) tells each of us on our own, and ejabberd leaves out the 110 then.
    const self = presence.self || presence.removal === "destroyed";
    if (presence.available) {
      entry.occupants.set(occupant);
      if (self && entry.status === "joining") {
        entry.status = "joined";
        entry.nick = occupant.nick;
        entry.problem = undefined;
        this.#changed(entry, true);
        this.hooks.joined(entry.jid, entry.catchUpAfter);
        return true;
      }
    } else {
      entry.occupants.delete(occupant.nick);
      if (presence.newNick) {
        if (self) {
          entry.nick = presence.newNick;
          this.#changed(entry, true);
          return true;
        }
      } else if (self && presence.removal) {
        entry.status = presence.removal === "kicked" ? "left" : "error";
        entry.occupants.clear();
        entry.problem = removalText(entry.jid, presence.removal);
        this.hooks.refused(new XmppminiError("room-error", entry.problem));
        this.#changed(entry, true);
        return true;
      }
    }
    this.#changed(entry);
    return true;
  }

  #refused(room: string, condition: string, text: string | undefined): void {
    const entry = this.#rooms.get(room)!;
    // §7.2.9: the nickname is taken: try the next one, a few times, before asking the person.
    if (condition === "conflict" && entry.status === "joining" && entry.conflicts < NICK_ATTEMPTS) {
      entry.conflicts += 1;
      entry.nick = `${entry.wantedNick}${entry.conflicts + 1}`;
      this.#sendJoin(entry);
      return;
    }
    if (entry.status === "joined") {
      // A refused nickname change or a message the room would not take while we stay in: nothing to undo here.
      return;
    }
    entry.status = "error";
    entry.occupants.clear();
    entry.problem = refusalText(room, condition, entry.wantedNick) + (text ? ` (${text})` : "");
    this.#changed(entry, true);
    this.hooks.refused(new XmppminiError("room-error", entry.problem));
  }

  /** Reads a groupchat message: a new subject is taken here; a message with a body is returned to show. */
  message(stanza: Element): RoomMessage | null {
    const message = parseRoomMessage(stanza, this.isRoom);
    if (!message) return null;
    const entry = this.#rooms.get(message.room)!;
    if (message.subject !== undefined && message.body === null) {
      entry.subject = message.subject;
      this.#changed(entry, true);
      return null;
    }
    return message.body === null ? null : message;
  }

  /** Our room message as it goes out (see RoomMessages.outgoing). */
  outgoing(message: ChatMessage): Element {
    return this.messages.outgoing(message);
  }
}
