import { XmppminiError } from "../errors.js";
import { randomId } from "../random-id.js";
import type { Attachment } from "../xmpp/attachment.js";
import type { CallAnswer, CallInvite } from "../xmpp/call-invites.js";
import { buildCallAnswer, buildChatMessage, validateBody, type ChatMessage } from "../xmpp/chat-message.js";
import { buildChatState, type ChatState } from "../xmpp/chat-states.js";
import type { XmppConnection } from "../xmpp/connection.js";
import type { AccountScope } from "./account-scope.js";
import type { Addressing } from "./addressing.js";
import type { PeerWatch } from "./peer-watch.js";
import type { SessionRooms } from "./session-rooms.js";
import type { SessionListener } from "./session-types.js";
import type { TabRelay } from "./tab-relay.js";

export interface OutgoingOptions {
  account(): AccountScope | null;
  /** The connection while online, and its addressing. */
  online(): { connection: XmppConnection; addressing: Addressing } | null;
  /** Whether the server confirms what it got (XEP-0198); without that, a written message counts as sent. */
  confirmsDelivery(): boolean;
  rooms: SessionRooms;
  peers: PeerWatch;
  relay: TabRelay;
  listener: Pick<SessionListener, "message">;
  now(): number;
}

/**
 * What the person sends: messages (kept first, then sent through the outbox, by the tab that holds the
 * connection), retries of failed ones, and chat states.
 */
/** What a message of ours carries besides its body. */
export interface OutgoingExtras {
  /** It corrects our message with this id (XEP-0308). */
  replaces?: string;
  /** The file the body shares (XEP-0066). */
  attachment?: Attachment;
  /** It invites the peer to this call (XEP-0482); the body says so for other clients. */
  call?: CallInvite;
  /** It answers a call invitation (XEP-0482): it has no body, and is not shown as a message. */
  callAnswer?: CallAnswer;
}

export class Outgoing {
  /** Our nickname (XEP-0172), sent with each one-to-one message when the page knows one; empty: none. */
  nickname = "";

  constructor(private readonly options: OutgoingOptions) {}

  /**
   * Sends a chat message to conversation `peer`. The message is kept first and shown as `pending`; it goes
   * out now if online, else as soon as the connection returns (also after a reload). Throws a typed error
   * (`invalid-message`, `not-connected` before any sign-in) without keeping anything.
   */
  async send(
    peer: string,
    body: string,
    { replaces, attachment, call, callAnswer }: OutgoingExtras = {},
  ): Promise<ChatMessage> {
    const { rooms, relay } = this.options;
    const room = rooms.view(peer);
    // An answer to a call invitation has no body; anything else must have one.
    if (callAnswer) body = "";
    else validateBody(body);
    if (room && (call || callAnswer))
      throw new XmppminiError("unsupported", "Calls are one to one: a room cannot be called.");
    const account = this.options.account();
    if (!account) throw new XmppminiError("not-connected", "Not signed in: the message was not sent. Sign in first.");
    const timestamp = this.options.now();
    const { message, saved } = account.outbox.add({
      id: randomId(),
      from: account.jid.bare,
      to: peer,
      peer,
      body,
      direction: "out",
      timestamp,
      order: account.intake.arrivalOrder(timestamp),
      ...(replaces && { replaces }),
      ...(attachment && { attachment }),
      ...(call && { call }),
      ...(callAnswer && { callAnswer }),
      ...(room && { room: true as const, nick: room.nick }),
    });
    account.intake.remember(message);
    // Declining a stranger's call makes them no acquaintance (receipts and read markers would follow).
    if (!callAnswer) account.marks.markAcquainted(peer);
    rooms.shown(message);
    this.options.listener.message(message);
    relay.post({ type: "message", message });
    relay.command({ type: "send", message }, () => this.flush(account));
    await saved;
    return message;
  }

  /** Sends what waits in the outbox, when online. */
  flush(account: Pick<AccountScope, "outbox">): void {
    if (this.options.online()) void account.outbox.flush((message) => this.#transmit(message));
  }

  /** Sends a failed message again, with its original id. */
  retry(id: string): void {
    this.options.relay.command({ type: "retry", id }, () => {
      const account = this.options.account();
      if (account?.outbox.retry(id)) this.flush(account);
    });
  }

  /**
   * Our chat state in the conversation with `peer` (XEP-0085): sent as a standalone notification when it
   * is news and the peer's client speaks chat states; followers hand it to the leader.
   */
  chatState(peer: string, state: ChatState): void {
    this.options.relay.command({ type: "chat-state", peer, state }, () => {
      const online = this.options.online();
      if (!online || this.options.rooms.has(peer) || !this.options.peers.shouldSend(peer, state)) return;
      void online.addressing
        .toReal(peer)
        .then((real) => online.connection.entity.send(buildChatState(real, state, randomId())))
        .catch(() => undefined); // a lost "typing" is no loss
    });
  }

  /** The stanza for a one-to-one message (a room's are the room's, see SessionRooms.outgoing). */
  #oneToOne(message: ChatMessage, to: string) {
    if (message.callAnswer) return buildCallAnswer(to, message.id, message.callAnswer);
    const { body, id, replaces, attachment, call } = message;
    return buildChatMessage(to, body, id, { replaces, attachment, call, nick: this.nickname || undefined });
  }

  /** Puts one outbox message on the wire (resolving with where it went); throws `not-connected` when there is no connection for it. */
  async #transmit(message: ChatMessage): Promise<string> {
    const online = this.options.online();
    if (!online) throw new XmppminiError("not-connected", "Not connected.");
    const { connection, addressing } = online;
    const { rooms } = this.options;
    const stanza = message.room
      ? await rooms.outgoing(message)
      : this.#oneToOne(message, rooms.isOccupant(message.peer) ? message.peer : await addressing.toReal(message.peer));
    try {
      await connection.entity.send(stanza);
      this.options.peers.messageSent(message.peer);
    } catch (error) {
      // A connection dying under the write is no fault of the message: it stays pending for the next one.
      throw new XmppminiError("not-connected", "The connection went away while sending.", { cause: error });
    }
    // Without stream management the server never confirms; having written it is all we can know.
    if (!this.options.confirmsDelivery()) this.options.account()?.outbox.advance(message.id, "sent");
    return String(stanza.attrs.to);
  }
}
