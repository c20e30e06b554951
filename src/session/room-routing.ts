// What a joined room sends, routed for the session: presence and room messages to the rooms, a room's
// messages to the conversation as news or history, what was said while we were away from the room's
// archive (room-catch-up.ts), and private messages of occupants. Part of the rooms chunk, loaded with the
// first room joined: a one-to-one chat never needs it.
import type { OldestShown } from "./session-types.js";
import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import type { Jid } from "../jid/jid.js";
import type { MessageStore } from "../store/message-store.js";
import { fetchArchivePage, type ArchivePage, type PageRequest } from "../xmpp/archive.js";
import { parseIncomingMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import type { Intake } from "./intake.js";
import type { Outbox } from "./outbox.js";
import { Rooms, type RoomMessage, type RoomView } from "./rooms.js";
import { RoomCatchUps } from "./room-catch-up.js";

/** The parts of the signed-in account the rooms take messages into. */
export interface RoomAccount {
  readonly jid: Jid;
  readonly intake: Intake;
  readonly outbox: Outbox;
}

/** What the routing needs of the session around it. */
export interface RoomRoutingContext {
  /** The account these rooms belong to while it is the one signed in, else null. */
  account(): RoomAccount | null;
  /** The connection while online, else null. */
  connection(): XmppConnection | null;
  readonly store: MessageStore;
  /** A room's view changed. */
  changed(view: RoomView): void;
  /** We are in a room again: what waits for it in the outbox can go out. */
  flush(account: RoomAccount): void;
  report(error: XmppminiError): void;
  /** Whether this tab shows any of the room's messages already (see RoomsHooks.known). */
  known(room: string): boolean;
}

export class RoomRouting {
  readonly rooms: Rooms;
  /** What each room said while we were away, taken before its live messages (see RoomsHooks.joined). */
  readonly #catchUps: RoomCatchUps;

  constructor(context: RoomRoutingContext) {
    this.rooms = new Rooms({
      send: (stanza) => {
        const connection = context.connection();
        if (!connection || !context.account())
          return Promise.reject(new XmppminiError("not-connected", "Not connected."));
        return connection.entity.send(stanza);
      },
      changed: (view) => {
        if (context.account()) context.changed(view);
      },
      joined: (room, catchUpAfter) => {
        const account = context.account();
        const connection = context.connection();
        if (!account || !connection) return;
        context.flush(account);
        if (!catchUpAfter) return;
        const fetchPage = (request: PageRequest) => this.#fetchPage(account, connection, room, request);
        void this.#catchUps.run(
          room,
          catchUpAfter,
          account.intake,
          account.jid.bare,
          fetchPage,
          () => context.connection() === connection,
        );
      },
      newestArchived: async (room) => {
        const account = context.account();
        if (!account) return undefined;
        const newest = await context.store.before(account.jid.bare, room, Infinity, 50);
        return newest.reverse().find((message) => message.archiveId)?.archiveId;
      },
      refused: (error) => {
        if (context.account()) context.report(error);
      },
      known: (room) => context.known(room),
    });
    this.#catchUps = new RoomCatchUps(this.rooms.messages, (error) => context.report(error));
  }

  /** A stanza from one of our rooms (the session knows the room; see ChatSession.#roomStanza). */
  route(account: RoomAccount, stanza: Element): void {
    if (stanza.is("presence")) {
      this.rooms.presence(stanza);
      return;
    }
    const from = stanza.attrs.from ?? "";
    const message = this.rooms.message(stanza);
    if (message) this.#take(account, message, stanza);
    else if (
      stanza.is("message") &&
      stanza.attrs.type !== "groupchat" &&
      stanza.attrs.type !== "error" &&
      from.includes("/")
    )
      this.#takePrivate(account, stanza, from);
  }

  /** The page of the room's archive before `oldest`, above everything shown (see ChatSession.loadOlder). */
  async loadOlder(
    account: RoomAccount,
    connection: XmppConnection,
    room: string,
    oldest: OldestShown | undefined,
  ): Promise<number> {
    const page = await this.rooms.messages.olderPage(
      room,
      oldest,
      (request) => this.#fetchPage(account, connection, room, request),
      account.jid.bare,
    );
    const taken = await Promise.all(
      page.map(({ message, order }) => account.intake.fromRoom(message, { history: true, order }, room)),
    );
    return taken.filter(Boolean).length;
  }

  #fetchPage(
    account: RoomAccount,
    connection: XmppConnection,
    room: string,
    request: PageRequest,
  ): Promise<ArchivePage> {
    return fetchArchivePage(connection.entity, connection.iqCaller, account.jid.bare, request, 30000, room);
  }

  #take(account: RoomAccount, message: RoomMessage, stanza: Element): void {
    if (this.#catchUps.holds(message.room, () => this.#take(account, message, stanza))) return;
    const { shown, placement } = this.rooms.messages.toChatMessage(message, account.jid.bare);
    // The room reflects our own message back to us (§7.4): it went to everyone. Only for a message of ours
    // to this room: a join's history under our nickname must not speak for our messages elsewhere.
    if (shown.direction === "out") account.outbox.advance(shown.id, "delivered", shown.peer);
    void account.intake.fromRoom(shown, placement, stanza.attrs.from ?? message.room);
  }

  /** A private message from a room's occupant (§7.5): a conversation of its own, with that occupant. */
  #takePrivate(account: RoomAccount, stanza: Element, from: string): void {
    const parsed = parseIncomingMessage(stanza, account.jid.bare);
    if (!parsed) return;
    const nick = from.slice(from.indexOf("/") + 1);
    void account.intake.fromRoom({ ...parsed, from, peer: from, nick }, { history: false }, from);
  }
}
