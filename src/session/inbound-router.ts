import type { Element } from "@xmpp/xml";
import { XmppminiError } from "../errors.js";
import { bareOf, type ChatMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import { parsePresence } from "../xmpp/presence.js";
import { ownRealAddress, type AccountScope } from "./account-scope.js";
import { readInbound } from "./inbound.js";
import { bounceReason } from "./outbox.js";
import type { PeerWatch } from "./peer-watch.js";
import type { ReadMarks } from "./read-marks.js";
import type { SessionHistory } from "./session-history.js";
import type { SessionReports } from "./session-reports.js";
import type { SessionRooms } from "./session-rooms.js";
import type { SessionListener } from "./session-types.js";
import { skipOnError } from "./skip-on-error.js";
import type { TabRelay } from "./tab-relay.js";

export interface InboundRouterOptions {
  listener: Pick<SessionListener, "history" | "message">;
  relay: TabRelay;
  rooms: SessionRooms;
  peers: PeerWatch;
  readMarks: ReadMarks;
  history: SessionHistory;
  reports: SessionReports;
}

/**
 * Everything the server sends, to where it belongs: rooms' stanzas to the rooms, presence and chat states
 * to the peer watch, bounces and acknowledgements to the outbox, messages through the intake, and what the
 * intake takes to the page, the other tabs and the store.
 */
export class InboundRouter {
  constructor(private readonly options: InboundRouterOptions) {}

  /** One stanza that cannot be read is skipped with a warning: the next one is handled as usual. */
  stanza(account: AccountScope, stanza: Element, connection: XmppConnection): void {
    skipOnError("a stanza", () => this.#route(account, stanza, connection));
  }

  #route(account: AccountScope, stanza: Element, connection: XmppConnection): void {
    const { rooms, peers, reports } = this.options;
    if (rooms.route(account, stanza)) return;
    const ownReal = ownRealAddress(account, connection);
    const presence = parsePresence(stanza);
    // Our own other devices are no contact to show.
    if (presence && presence.from !== ownReal.toLowerCase()) {
      void account.intake.inTurn(async (addressing) =>
        peers.presence(await addressing.toPublic(presence.from), presence),
      );
    }
    const { bounced, receipt, acknowledgement: ack, chat, chatState } = readInbound(stanza, account.jid.bare, ownReal);
    if (bounced) {
      const outcome = account.outbox.bounce(bounced, { bare: ownReal, domain: ownReal.split("@").pop()! });
      if (outcome === "failed")
        reports.report(
          new XmppminiError(
            "message-error",
            `A message to ${bounced.peer} was not delivered (${bounceReason(bounced)}).`,
          ),
        );
      else
        console.warn(
          `xmppmini-chat: ignored an error from ${bounced.peer} about ${bounced.id ?? "no message"} (${outcome === "untrusted" ? "not where it went" : "nothing of ours waits"}).`,
        );
      return;
    }
    // A receipt says the person is online: only to someone they have written to (see ConversationMarks.acquainted).
    if (receipt) {
      void account.intake.inTurn(async (addressing) => {
        // Not awaited: a write waits for a free request over BOSH, and the messages after this one must not.
        if (account.marks.acquainted(await addressing.toPublic(bareOf(stanza.attrs.from))))
          void connection.entity.send(receipt).catch(() => undefined);
      });
    }
    if (ack)
      void account.intake.inTurn(async (addressing) =>
        account.outbox.advance(ack.id, ack.state, await addressing.toPublic(ack.from)),
      );
    if (chat) account.intake.live(chat.stanza, chat.parsed, chat.sent);
    // In turn with messages: a "typing" must not overtake the message it preceded.
    if (chatState)
      void account.intake.inTurn(async (addressing) =>
        peers.chatState(await addressing.toPublic(chatState.from), chatState.state),
      );
  }

  /** A message the intake took: shown, told to the other tabs, kept, and (history) counted as read. */
  accept(
    account: AccountScope,
    message: ChatMessage,
    { history, replyTo }: { history: boolean; replyTo: string },
  ): void {
    const { listener, relay, rooms, readMarks } = this.options;
    // Our own message from another device (a carbon) or the archive: we wrote there.
    if (message.direction === "out" && !message.callAnswer) account.marks.markAcquainted(message.peer);
    if (!history) readMarks.arrived(account, message, replyTo);
    rooms.shown(message);
    if (history) listener.history([message]);
    else listener.message(message);
    relay.post({ type: "message", message });
    this.options.history.keep(account, message);
    if (history) readMarks.advance(account, message.peer, message.order ?? message.timestamp);
  }
}
