import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";
import type { MessageStore } from "../store/message-store.js";
import { bareOf, type ChatMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import type { AccountScope } from "./account-scope.js";
import type { RoomRouting } from "./room-routing.js";
import type { RoomView } from "./rooms.js";
import type { SessionListener, OldestShown } from "./session-types.js";
import { skipOnError } from "./skip-on-error.js";
import type { TabRelay } from "./tab-relay.js";

export interface SessionRoomsOptions {
  /** The account signed in, if any. */
  account(): AccountScope | null;
  /** The connection while online, else null. */
  connection(): XmppConnection | null;
  store: MessageStore;
  listener: Pick<SessionListener, "room">;
  relay: TabRelay;
  report(error: XmppminiError): void;
  /** We are in a room again: what waits for it in the outbox can go out. */
  flush(account: Pick<AccountScope, "outbox">): void;
}

/**
 * The account's rooms (XEP-0045) as every tab sees them: the leader's word on what a room is and what we
 * are called there, and the routing of what rooms send, loaded with the first room joined (a chunk of its
 * own: a one-to-one chat never needs it).
 */
export class SessionRooms {
  #routing: Promise<RoomRouting> | null = null;
  readonly #views = new Map<string, RoomView>();
  /** Rooms this tab shows messages of: a join's history there is news, not old history (see RoomsHooks.known). */
  readonly #shown = new Set<string>();

  constructor(private readonly options: SessionRoomsOptions) {}

  /** Another account signed in: its rooms are not ours. */
  reset(): void {
    this.#routing = null;
    this.#views.clear();
    this.#shown.clear();
  }

  get views(): RoomView[] {
    return [...this.#views.values()];
  }

  view(room: string): RoomView | undefined {
    return this.#views.get(room);
  }

  /** Whether `jid` (a bare address) is one of our rooms. */
  has(jid: string): boolean {
    return this.#views.has(jid);
  }

  /** Whether `peer` is an occupant of one of our rooms (a private conversation, sent as it is). */
  isOccupant(peer: string): boolean {
    const slash = peer.indexOf("/");
    return slash > 0 && this.#views.has(peer.slice(0, slash));
  }

  /**
   * The conversation an address belongs to: a person's bare address, a room's, or a room occupant's full
   * address (a private message in a room, XEP-0045 §7.5). Throws `invalid-jid`.
   */
  conversationOf(jid: string): string {
    const parsed = parseJid(jid);
    return parsed.resource && this.#views.has(parsed.bare) ? `${parsed.bare}/${parsed.resource}` : parsed.bare;
  }

  /** This tab shows a message of `message`'s conversation; for a room, its next join's history is news. */
  shown(message: Pick<ChatMessage, "room" | "peer">): void {
    if (message.room) this.#shown.add(message.peer);
  }

  /** A room's view changed (here, or in the leading tab): shown, and kept as this tab's picture of it. */
  changed(view: RoomView): void {
    this.#views.set(view.jid, view);
    this.options.listener.room?.(view);
  }

  /**
   * Joins `room` as `nick` (XEP-0045 §7.2): now when online, else when the connection is there, and again
   * after every new session; a tab that does not lead asks the leader. Throws `invalid-jid` for an address
   * that is no room's, `invalid-config` for an empty nickname.
   */
  async join(room: string, nick: string, password?: string): Promise<void> {
    const parsed = parseJid(room);
    if (!parsed.local || parsed.resource)
      throw new XmppminiError("invalid-jid", `"${room}" is no room address (room@service).`);
    const name = nick.trim();
    if (!name) throw new XmppminiError("invalid-config", `No nickname to join ${parsed.bare} with.`);
    const joinHere = async () => (await this.#load()).rooms.join(parsed.bare, name, password);
    await this.options.relay.command(
      { type: "join", room: parsed.bare, nick: name, ...(password && { password }) },
      joinHere,
      () => {
        // The leader joins; its views come back here.
        this.#views.set(
          parsed.bare,
          this.#views.get(parsed.bare) ?? {
            jid: parsed.bare,
            nick: name,
            status: "joining",
            subject: "",
            occupants: [],
          },
        );
      },
    );
  }

  /** Leaves `room`; its conversation and history stay. */
  async leave(room: string): Promise<void> {
    const bare = parseJid(room).bare;
    await this.options.relay.command({ type: "leave", room: bare }, async () =>
      (await this.#routing)?.rooms.leave(bare),
    );
  }

  /**
   * This tab now leads: it is in the rooms the tab that led before was in (their views came from it),
   * however they were joined there. A room password stayed with that tab.
   */
  async takeOver(): Promise<void> {
    const inherited = [...this.#views.values()].filter((view) => view.status === "joined" || view.status === "joining");
    if (inherited.length === 0) return;
    const { rooms } = await this.#load();
    for (const view of inherited) rooms.join(view.jid, view.wantedNick ?? view.nick);
  }

  /** Online on `connection`: rooms are joined again, unless the stream was resumed with us still in them. */
  online(stillIn: boolean, current: () => boolean): void {
    void this.#routing?.then(({ rooms }) => current() && rooms.online(stillIn));
  }

  offline(): void {
    void this.#routing?.then(({ rooms }) => rooms.offline());
  }

  /** Routes what a room sends (presence, groupchat, private messages of occupants); true when it was a room's. */
  route(account: AccountScope, stanza: Element): boolean {
    if (this.#views.size === 0 || !this.#views.has(bareOf(stanza.attrs.from ?? ""))) return false;
    // Rooms are loaded before the first join goes out, so what a room sends finds them here.
    void this.#routing?.then((routing) => {
      if (this.options.account()?.jid.bare === account.jid.bare)
        skipOnError("a stanza from a room", () => routing.route(account, stanza));
    });
    // A bounce of one of ours is the outbox's business, as in a one-to-one chat.
    return !(stanza.is("message") && stanza.attrs.type === "error");
  }

  /** A room message of ours as it goes out. */
  async outgoing(message: ChatMessage): Promise<Element> {
    const routing = await this.#routing;
    if (!routing) throw new XmppminiError("not-connected", `Not in ${message.peer} yet.`);
    return routing.rooms.outgoing(message);
  }

  /** The page of the room's archive before `oldest` (XEP-0313 §5.1.2); resolves with how many were new. */
  async loadOlder(
    account: AccountScope,
    connection: XmppConnection,
    room: string,
    oldest: OldestShown | undefined,
  ): Promise<number> {
    return (await this.#routing)?.loadOlder(account, connection, room, oldest) ?? 0;
  }

  #load(): Promise<RoomRouting> {
    // The rooms are this account's: a sign-in as another drops them (see reset). The account record is
    // replaced at each sign-in of the same account, so it is looked up by address, not kept.
    const { options } = this;
    const jid = options.account()?.jid.bare;
    const current = () => {
      const account = options.account();
      return account && account.jid.bare === jid ? account : null;
    };
    this.#routing ??= import("./room-routing.js").then(({ RoomRouting }) => {
      const routing = new RoomRouting({
        account: current,
        connection: options.connection,
        store: options.store,
        changed: (view) => {
          this.changed(view);
          options.relay.announce({ type: "room", view });
        },
        flush: options.flush,
        report: options.report,
        known: (room) => this.#shown.has(room),
      });
      if (options.connection()) routing.rooms.online(false);
      return routing;
    });
    return this.#routing;
  }
}
