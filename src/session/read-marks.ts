import { randomId } from "../random-id.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { XmppConnection } from "../xmpp/connection.js";
import { displayedMarker } from "../xmpp/receipts.js";
import type { AccountScope } from "./account-scope.js";
import type { SessionListener } from "./session-types.js";
import type { TabRelay } from "./tab-relay.js";

export interface ReadMarksOptions {
  listener: Pick<SessionListener, "read">;
  relay: TabRelay;
  /** The connection while online. */
  online(): XmppConnection | null;
}

/**
 * How far the person has read each conversation (in every tab, and after a reload), and the displayed
 * markers (XEP-0333) owed to peers that asked for them.
 */
export class ReadMarks {
  /** Per peer, the newest message that asked for a displayed marker and has not had one. */
  readonly #unmarked = new Map<string, { id: string; to: string }>();

  constructor(private readonly options: ReadMarksOptions) {}

  /** A message arrived: a marker is owed when it asked for one, and the sender is no stranger. */
  arrived(account: AccountScope, message: ChatMessage, replyTo: string): void {
    // A stranger does not hear when the person read its message (see ConversationMarks.acquainted).
    if (message.markable && message.direction === "in" && account.marks.acquainted(message.peer))
      this.#unmarked.set(message.peer, { id: message.id, to: replyTo });
  }

  /** The conversation with `peer` is read up to order key `upTo`: told here and in the other tabs. */
  advance(account: AccountScope, peer: string, upTo: number): void {
    if (!account.marks.read(peer, upTo)) return;
    this.options.listener.read(peer, upTo);
    this.options.relay.post({ type: "read", peer, upTo });
  }

  /**
   * The person has seen the conversation with `peer` up to `upTo`: it is read, and the peer hears that its
   * newest message there was displayed, once, where it asked for that. Another tab's marker is sent by the leader.
   */
  seen(account: AccountScope | null, peer: string, upTo: number): void {
    if (account) this.advance(account, peer, upTo);
    this.options.relay.command({ type: "displayed", peer }, () => this.sendDisplayed(peer));
  }

  sendDisplayed(peer: string): void {
    const unmarked = this.#unmarked.get(peer);
    const connection = this.options.online();
    if (!unmarked || !connection) return;
    this.#unmarked.delete(peer);
    void connection.entity.send(displayedMarker(unmarked.to, unmarked.id, randomId())).catch(() => undefined);
  }
}
