// What a room said while we were away (XEP-0313 on the room), taken before the live messages that follow it.
import { toXmppminiError, type XmppminiError } from "../errors.js";
import type { ArchivePage, PageRequest } from "../xmpp/archive.js";
import type { Intake } from "./intake.js";
import type { RoomMessages } from "./room-messages.js";
import { skipOnError } from "./skip-on-error.js";

/** Pages of 50, at most 40 of them: a catch-up ends even if the archive never says it is complete. */
const PAGE_SIZE = 50;
const MAX_PAGES = 40;

export class RoomCatchUps {
  /** Per room, the live messages waiting for its catch-up. */
  readonly #waiting = new Map<string, Array<() => void>>();

  constructor(
    private readonly messages: RoomMessages,
    private readonly report: (error: XmppminiError) => void,
  ) {}

  /** True when a catch-up of `room` runs: `show` is then called once it is over. */
  holds(room: string, show: () => void): boolean {
    const waiting = this.#waiting.get(room);
    waiting?.push(show);
    return waiting !== undefined;
  }

  /**
   * Takes what `room` said after the archive id `after`, oldest first, as news; live messages of the room
   * wait meanwhile, so they come after it. An archive that no longer has that id gives its newest page
   * instead. `fetchPage` asks the room's archive; `current()` says the connection is still the session's.
   */
  async run(
    room: string,
    after: string,
    intake: Intake,
    account: string,
    fetchPage: (request: PageRequest) => Promise<ArchivePage>,
    current: () => boolean,
  ): Promise<void> {
    const waiting: Array<() => void> = [];
    this.#waiting.set(room, waiting);
    try {
      let from: PageRequest = { after, max: PAGE_SIZE };
      for (let pages = 0; pages < MAX_PAGES && current(); pages += 1) {
        let page: ArchivePage;
        try {
          page = await fetchPage(from);
        } catch (error) {
          // The id is gone from the room's archive (item-not-found): its newest page is what we can have.
          if (!("after" in from)) throw error;
          from = { before: "", max: PAGE_SIZE };
          page = await fetchPage(from);
        }
        for (const { message, archiveId, timestamp } of page.messages) {
          // One result that cannot be read is skipped; the catch-up goes on with the next.
          skipOnError("a message from a room's archive", () => {
            const read = this.messages.fromArchive(message, archiveId, timestamp);
            if (read?.room === room)
              void intake.fromRoom(this.messages.toChatMessage(read, account).shown, { history: false }, room);
          });
        }
        if (page.complete || !page.last || !("after" in from)) break;
        from = { after: page.last, max: PAGE_SIZE };
      }
    } catch (error) {
      this.report(
        toXmppminiError(error, "message-error", `What was said in ${room} while you were away could not be fetched.`),
      );
    } finally {
      this.#waiting.delete(room);
      for (const show of waiting) show();
    }
  }
}
