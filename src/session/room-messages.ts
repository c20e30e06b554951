// A room's messages (XEP-0045 §7.4) as the widget shows them: ours or someone else's, news or old history,
// naming us or not; older ones from the room's archive (XEP-0313); and ours as they go out.
import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { randomId } from "../random-id.js";
import type { ArchivePage, PageRequest } from "../xmpp/archive.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import { buildRoomMessage, findMentions, parseRoomMessage, type RoomMessage } from "../xmpp/muc.js";
import type { Placement } from "./intake.js";
import { joinedNick, type RoomEntry } from "./room-state.js";
import { skipOnError } from "./skip-on-error.js";

export class RoomMessages {
  constructor(
    /** The room we are in, joining, or were in, by its bare JID. */
    private readonly entry: (room: string) => RoomEntry | undefined,
  ) {}

  readonly #isRoom = (bare: string): boolean => this.entry(bare) !== undefined;

  /**
   * A message from the room's archive (XEP-0313 on the room): read like a live one, known by the
   * archive's id and time. Null for anything without a body (a subject change).
   */
  fromArchive(stanza: Element, archiveId: string, timestamp: number): RoomMessage | null {
    const message = parseRoomMessage(stanza, this.#isRoom);
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
    const page = await fetchPage({
      before: oldest?.archiveId ?? "",
      max: 50,
      ...(oldest && !oldest.archiveId && { end: oldest.timestamp }),
    });
    return page.messages.flatMap(
      ({ message, archiveId, timestamp }, index) =>
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
    const entry = this.entry(message.room);
    return message.delayedTo !== undefined && entry !== undefined && !entry.knownBefore;
  }

  /** Whether `message` names us: by a reference (XEP-0372), or `@nick` in its text. */
  mentionsUs(message: RoomMessage): boolean {
    const nick = this.entry(message.room)?.nick;
    if (!nick || message.nick === nick) return false;
    if (message.mentioned.some((mentioned) => mentioned.toLowerCase() === nick.toLowerCase())) return true;
    return findMentions(message.body ?? "", [nick]).length > 0;
  }

  /** A room's message as the widget shows it: ours when it comes from our nickname (see the placement below). */
  toChatMessage(message: RoomMessage, account: string): { shown: ChatMessage; placement: Placement } {
    const ours = message.nick !== "" && message.nick === joinedNick(this.entry(message.room));
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
    const entry = this.entry(message.peer);
    if (!joinedNick(entry)) throw new XmppminiError("not-connected", `Not in ${message.peer} yet.`);
    return buildRoomMessage(message.peer, message.body, message.id, {
      occupants: [...entry!.occupants.nicks()],
      ...(message.replaces && { replaces: message.replaces }),
      ...(message.attachment && { attachment: message.attachment }),
    });
  }
}
