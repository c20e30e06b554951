// The rooms (XEP-0045) one account is in: joins, the occupants and subject each room reports, nickname
// conflicts, refusals and removals, and rejoining on a new session. Loaded with the first room joined
// (a one-to-one chat never needs it). Knows nothing of the DOM; the session routes room stanzas here.
import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { randomId } from "../random-id.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { Placement } from "./intake.js";
import { skipOnError } from "./skip-on-error.js";
import type { ArchivePage, PageRequest } from "../xmpp/archive.js";
import {
  buildRoomMessage,
  findMentions,
  joinPresence,
  leavePresence,
  parseOccupantPresence,
  parseRoomMessage,
  parseRoomRefusal,
  type Occupant,
  type RoomMessage,
} from "../xmpp/muc.js";

export { findMentions, type RoomMessage } from "../xmpp/muc.js";

/** How many recent messages a join asks the room for (servers cap it; Prosody and ejabberd keep 20). */
const JOIN_HISTORY = 50;
/** Nicknames tried after the wanted one is taken: `alice2` … `alice4`. */
const NICK_ATTEMPTS = 3;

export type RoomStatus = "joining" | "joined" | "left" | "error";

/** What the UI shows of one room. */
export interface RoomView {
  readonly jid: string;
  /** Our nickname there (the one asked for, or the one we got when it was taken). */
  readonly nick: string;
  readonly status: RoomStatus;
  readonly subject: string;
  /** Sorted: moderators first, then by nickname. */
  readonly occupants: readonly Occupant[];
  /** The nickname we asked for when another one had to be used. */
  readonly wantedNick?: string;
  /** Why we are not in the room (status `error` or `left` by the room's doing), for people. */
  readonly problem?: string;
}

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

interface RoomEntry {
  readonly jid: string;
  readonly wantedNick: string;
  nick: string;
  password: string | undefined;
  status: RoomStatus;
  subject: string;
  /** By nickname, and in display order (see OccupantList): a big room's presences must not re-sort it. */
  readonly occupants: OccupantList;
  problem: string | undefined;
  /** Nicknames tried since the wanted one was refused as taken. */
  conflicts: number;
  /** Whether this browser showed any of the room's messages before this join: if not, what the join brings is old history. */
  knownBefore: boolean;
  /** The join asked for no history: what was said since this archive id comes from the room's archive. */
  catchUpAfter: string | undefined;
}

const ROLE_ORDER = ["moderator", "participant", "visitor"];
const collator = new Intl.Collator();

/** Moderators first, then by nickname (names the collator finds equal, by code units: the order is total). */
function displayOrder(a: Occupant, b: Occupant): number {
  return ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || collator.compare(a.nick, b.nick) || (a.nick < b.nick ? -1 : a.nick > b.nick ? 1 : 0);
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

/** Words for each refusal (§7.2.6–§7.2.10, RFC 6120 §8.3.3), with what a person can do. */
function refusalText(room: string, condition: string, nick: string): string {
  switch (condition) {
    case "not-authorized":
      return `${room} needs a password: join it again with the room's password.`;
    case "registration-required":
      return `${room} is for members only: ask its owner to make you a member, then join again.`;
    case "forbidden":
      return `You are banned from ${room}: only its owner or an admin can let you back in.`;
    case "item-not-found":
    case "gone":
      return `${room} does not exist (any more): check the address, or ask the person who gave it to you.`;
    case "not-allowed":
      return `${room} does not exist, and this server lets only some people create rooms: ask an admin.`;
    case "service-unavailable":
      return `${room} is full: try again later.`;
    case "not-acceptable":
      return `${room} wants its members to use their registered nickname: join with that nickname.`;
    case "conflict":
      return `The nickname "${nick}" and the ones after it are taken in ${room}: join with another nickname.`;
    default:
      return `${room} did not let you in (${condition}).`;
  }
}

function removalText(room: string, removal: NonNullable<ReturnType<typeof parseOccupantPresence>>["removal"]): string {
  switch (removal) {
    case "banned":
      return `You were banned from ${room}: only its owner or an admin can let you back in.`;
    case "kicked":
      return `A moderator removed you from ${room}: you can join it again.`;
    case "destroyed":
      return `${room} was closed by its owner.`;
    default:
      return `You were removed from ${room} (it is for members now, or the service is shutting down): ask its owner.`;
  }
}

export class Rooms {
  readonly #rooms = new Map<string, RoomEntry>();
  #online = false;
  /** Rooms whose occupants changed since their view was last told (see #changed). */
  readonly #dirty = new Set<RoomEntry>();
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly hooks: RoomsHooks,
    /** How long occupants' comings and goings gather before a room's view is told again. */
    private readonly occupantNewsMs = 100,
  ) {}

  /**
   * Tells a room's new view: `now` for what changes what we can do there (joined, left, refused, a new
   * subject); else once for all that came within `occupantNewsMs`. A big room's join or a wave of
   * departures is thousands of presences, each in a task of its own over WebSocket, and each view is
   * copied to the UI and the other tabs: told per presence (or per task), that was quadratic.
   */
  #changed(entry: RoomEntry, now = false): void {
    if (now) {
      this.#dirty.delete(entry);
      this.hooks.changed(this.#view(entry));
      return;
    }
    this.#dirty.add(entry);
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#tellDirty();
    }, this.occupantNewsMs);
  }

  #tellDirty(): void {
    const dirty = [...this.#dirty];
    this.#dirty.clear();
    // A room joined again meanwhile has a new entry, told on its own.
    for (const entry of dirty) if (this.#rooms.get(entry.jid) === entry) this.hooks.changed(this.#view(entry));
  }

  /** Whether `bare` is a room we are in or joining: its stanzas are ours to read. */
  readonly isRoom = (bare: string): boolean => this.#rooms.has(bare);

  /** Our nickname in `room` once joined. */
  nickIn(room: string): string | undefined {
    const entry = this.#rooms.get(room);
    return entry?.status === "joined" ? entry.nick : undefined;
  }

  /** The nicknames in `room`, ours included. */
  nicks(room: string): string[] {
    return [...(this.#rooms.get(room)?.occupants.nicks() ?? [])];
  }

  views(): RoomView[] {
    return [...this.#rooms.values()].map((entry) => this.#view(entry));
  }

  /**
   * Joins `room` as `nick` (again, after an error or a removal); now when online, else with the next
   * session. Joining a room we are in with the same nickname does nothing.
   */
  join(room: string, nick: string, password?: string): void {
    const current = this.#rooms.get(room);
    if (current && current.wantedNick === nick && (current.status === "joined" || current.status === "joining") && (password === undefined || password === current.password)) return;
    const entry: RoomEntry = {
      jid: room,
      wantedNick: nick,
      nick,
      password: password ?? current?.password,
      status: "joining",
      subject: current?.subject ?? "",
      occupants: new OccupantList(),
      problem: undefined,
      conflicts: 0,
      knownBefore: this.hooks.known(room),
      catchUpAfter: undefined,
    };
    if (current?.status === "joined" && current.nick !== nick) void this.hooks.send(leavePresence(room, current.nick)).catch(() => undefined);
    this.#rooms.set(room, entry);
    this.#changed(entry, true);
    if (this.#online) this.#sendJoin(entry);
  }

  /** Leaves `room` (its messages stay in the history; joining again is one call). */
  leave(room: string): void {
    const entry = this.#rooms.get(room);
    if (!entry || entry.status === "left") return;
    if (this.#online && entry.status !== "error") void this.hooks.send(leavePresence(room, entry.nick)).catch(() => undefined);
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
        return this.hooks.send(joinPresence(entry.jid, entry.nick, { history, ...(entry.password && { password: entry.password }) }));
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

  /**
   * A message from the room's archive (XEP-0313 on the room): read like a live one, known by the
   * archive's id and time. Null for anything without a body (a subject change).
   */
  fromArchive(stanza: Element, archiveId: string, timestamp: number): RoomMessage | null {
    const message = parseRoomMessage(stanza, this.isRoom);
    return message && message.body !== null ? { ...message, archiveId, delayedTo: timestamp } : null;
  }

  /**
   * The page of the room's archive (XEP-0313 on the room) before `oldest` (by its archive id, else its
   * time), as messages to show above it, each with its order key there.
   */
  async olderPage(
    room: string,
    oldest: { order: number; timestamp: number; archiveId?: string } | undefined,
    fetchPage: (request: PageRequest) => Promise<ArchivePage>,
    account: string,
  ): Promise<Array<{ message: ChatMessage; order: number }>> {
    const page = await fetchPage({ before: oldest?.archiveId ?? "", max: 50, ...(oldest && !oldest.archiveId && { end: oldest.timestamp }) });
    return page.messages.flatMap(({ message, archiveId, timestamp }, index) =>
      // One result that cannot be read is skipped; the page's others are still shown.
      skipOnError("a message from a room's archive", () => {
        const read = this.fromArchive(message, archiveId, timestamp);
        if (!read || read.room !== room) return [];
        const order = oldest ? oldest.order - (page.messages.length - index) * 0.001 : timestamp;
        return [{ message: this.toChatMessage(read, account).shown, order }];
      }) ?? [],
    );
  }

  /** Whether the join that brought `message` was this browser's first look at the room. */
  isOldHistory(message: RoomMessage): boolean {
    const entry = this.#rooms.get(message.room);
    return message.delayedTo !== undefined && entry !== undefined && !entry.knownBefore;
  }

  /** Whether `message` names us: by a reference (XEP-0372), or `@nick` in its text. */
  mentionsUs(message: RoomMessage): boolean {
    const nick = this.#rooms.get(message.room)?.nick;
    if (!nick || message.nick === nick) return false;
    if (message.mentioned.some((mentioned) => mentioned.toLowerCase() === nick.toLowerCase())) return true;
    return findMentions(message.body ?? "", [nick]).length > 0;
  }

  /** A room's message as the widget shows it: ours when it comes from our nickname (see the placement below). */
  toChatMessage(message: RoomMessage, account: string): { shown: ChatMessage; placement: Placement } {
    const ours = message.nick !== "" && message.nick === this.nickIn(message.room);
    const shown: ChatMessage = {
      id: message.id ?? message.archiveId ?? randomId(),
      from: message.room,
      to: account,
      peer: message.room,
      body: message.body ?? "",
      direction: ours ? "out" : "in",
      timestamp: message.delayedTo ?? Date.now(),
      room: true,
      nick: message.nick,
      ...(message.archiveId && { archiveId: message.archiveId }),
      ...(message.replaces && { replaces: message.replaces }),
      ...(message.attachment && { attachment: message.attachment }),
      ...(message.occupantId && { occupantId: message.occupantId }),
      ...(!ours && this.mentionsUs(message) && { mentionsMe: true as const }),
    };
    // Old history goes where its time says (nothing of the room is shown yet). What a later join brings that
    // we missed goes after what is shown, in the order the room gives it: its stamps may have whole seconds
    // only, and would put it above messages of ours from the same second.
    const old = this.isOldHistory(message);
    return { shown, placement: { history: old, ...(old && { order: message.delayedTo! }) } };
  }

  /** Our room message as it goes out, with references for the occupants it mentions (XEP-0372). */
  outgoing(message: ChatMessage): Element {
    if (!this.nickIn(message.peer)) throw new XmppminiError("not-connected", `Not in ${message.peer} yet.`);
    return buildRoomMessage(message.peer, message.body, message.id, {
      occupants: this.nicks(message.peer),
      ...(message.replaces && { replaces: message.replaces }),
      ...(message.attachment && { attachment: message.attachment }),
    });
  }

  #view(entry: RoomEntry): RoomView {
    const occupants = entry.occupants.sorted();
    return {
      jid: entry.jid,
      nick: entry.nick,
      status: entry.status,
      subject: entry.subject,
      occupants,
      ...(entry.nick !== entry.wantedNick && { wantedNick: entry.wantedNick }),
      ...(entry.problem && { problem: entry.problem }),
    };
  }
}
