import { toXmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import type { ChatState } from "../xmpp/chat-states.js";
import type { UploadFile, UploadSlot } from "../xmpp/http-upload.js";
import type { AccountScope } from "./account-scope.js";
import { takeLead } from "./leader-duties.js";
import type { RoomView } from "./rooms.js";
import { browserDependencies, type SessionDependencies } from "./session-dependencies.js";
import { assembleSession, type SessionParts } from "./session-parts.js";
import type { OutgoingExtras } from "./outgoing.js";
import type { Profile } from "./profiles.js";
import type { OldestShown, SessionListener, SessionOptions, SessionStatus } from "./session-types.js";
import type { TabMessage } from "./tab-coordinator.js";
import { skipOnError } from "./skip-on-error.js";

export type { SessionListener, SessionOptions, SessionStatus, StatusDetail } from "./session-types.js";

/**
 * One signed-in account: connects and stays connected (reconnecting on its own, resuming the stream where
 * it can), sends through an outbox that survives reloads, receives, catches up from the server archive,
 * and keeps history. Knows nothing of the DOM; the element drives it and renders what it reports. Each
 * concern is a part of its own; this class wires them and is the API the element uses.
 */
export class ChatSession {
  readonly #parts: SessionParts;

  constructor(listener: SessionListener, dependencies: SessionDependencies = browserDependencies()) {
    this.#parts = assembleSession(listener, dependencies);
  }

  get status(): SessionStatus {
    return this.#parts.loop.status;
  }

  /** Whether this tab holds the account's connection (see TabCoordinator), and so signs in itself. */
  get leading(): boolean {
    return this.#parts.relay.leading;
  }

  /** Whether the server takes file uploads (XEP-0363). */
  get canUpload(): boolean {
    return this.#parts.uploads.available;
  }

  /** Where to PUT `file` (XEP-0363): asked of the server, from whichever tab holds the connection. Throws `upload-failed`. */
  uploadSlot(file: UploadFile): Promise<UploadSlot> {
    return this.#parts.uploads.slot(
      file,
      this.#parts.relay.leading ? this.#parts.loop.connection?.iqCaller : undefined,
    );
  }

  /**
   * Signs in and stays signed in. A second call aborts the first (only the latest attempt counts).
   * Unreachable servers and lost connections are retried with backoff; a wrong password is reported once.
   */
  async connect(options: SessionOptions): Promise<void> {
    const signal = await this.#parts.loop.restart(options.reconnect);
    if (signal.aborted) return;
    this.#parts.reports.reset();
    let account: AccountScope;
    try {
      const opened = this.#parts.accounts.open(options);
      account = opened.account;
      if (opened.fresh) this.#parts.rooms.reset();
    } catch (error) {
      this.#parts.loop.setStatus("error");
      this.#parts.reports.report(toXmppminiError(error, "invalid-config", String(error)));
      return;
    }
    this.#parts.loop.setStatus("connecting");
    let stored = await this.#parts.history.load(account);
    if (signal.aborted) return;
    // One connection per account per browser: only the tab holding the lock connects; the others mirror it
    // and take over when it goes away.
    let leading: Promise<void> | undefined;
    // What other tabs say is handled by a chunk of its own, loaded with their first message (a page open
    // in one tab never hears any); every message waits on the same promise, so they keep their order.
    let inbox: Promise<(message: TabMessage) => void> | undefined;
    const receive = (message: TabMessage) => {
      inbox ??= import("./tab-inbox.js").then(({ tabInbox }) => tabInbox(this.#parts, account));
      void inbox.then((handle) => {
        if (this.#parts.accounts.current === account) skipOnError("a message from another tab", () => handle(message));
      });
    };
    const leadsNow = await this.#parts.relay.join(account.jid.bare, receive, () => {
      if (!signal.aborted) leading = takeLead(this.#parts, account, signal, stored);
    });
    // A lead that comes later (another tab went away) reads the store afresh: that tab wrote to it.
    stored = undefined;
    // A follower is done here: it mirrors the leader from now on.
    if (leadsNow) await leading;
  }

  /** Tries again now instead of waiting for the scheduled attempt ("Retry now"). */
  retryNow(): void {
    this.#parts.loop.retryNow();
  }

  /**
   * Sends a chat message to `to` (a bare JID, a room, or a room occupant). The message is kept first and
   * shown as `pending`; it goes out now if online, else as soon as the connection returns (also after a
   * reload). Throws a typed error (`invalid-jid`, `invalid-message`, `not-connected` before any sign-in)
   * without keeping anything. `replaces`: the id of our message it corrects (XEP-0308); `attachment`: the
   * file the body shares (XEP-0066); `call`, `callAnswer`: a call invitation and an answer to one (XEP-0482).
   */
  async send(to: string, body: string, extras: OutgoingExtras = {}): Promise<ChatMessage> {
    return this.#parts.outgoing.send(this.#parts.rooms.conversationOf(to), body, extras);
  }

  /**
   * Shows older messages of the conversation with `peer`, from before `oldest` (the oldest shown): from this
   * browser's store, else from the server's archive. Resolves with how many were new; 0 means the start.
   */
  async loadOlder(peer: string, oldest?: OldestShown): Promise<number> {
    const account = this.#parts.accounts.current;
    return account ? this.#parts.history.older(account, peer, oldest) : 0;
  }

  /**
   * Our nickname (XEP-0172), sent with our one-to-one messages from this tab when it holds the connection:
   * what the visitor said their name is (a support desk's pre-chat step, `user-name`). Empty: none.
   */
  set nickname(nick: string) {
    this.#parts.outgoing.nickname = nick.trim().slice(0, 200);
  }

  /** Every message of the conversation with `peer` this browser stored, oldest first, corrections as they came. */
  async storedConversation(peer: string): Promise<ChatMessage[]> {
    const account = this.#parts.accounts.current;
    return account ? this.#parts.history.conversation(account, peer) : [];
  }

  /** Whether the conversation with `peer` may have older messages than those shown (see loadOlder). */
  olderMayExist(peer: string): boolean {
    return this.#parts.history.olderMayExist(peer);
  }

  /**
   * Whether the other side of the conversation with `peer` is no stranger: the person wrote there, or the
   * host page named it (see ConversationMarks.acquainted).
   */
  acquainted(peer: string): boolean {
    return this.#parts.accounts.current?.marks.acquainted(peer) ?? false;
  }

  /** The host page named `peer` (its `peer` attribute, its roster, its API): the site vouches for it. */
  acquaint(peer: string): void {
    this.#parts.accounts.current?.marks.markAcquainted(this.conversationOf(peer));
  }

  /**
   * The person has seen the conversation with `peer` up to the message with order key `upTo`: it is read
   * (in every tab, and after a reload), and the peer hears that its newest message there was displayed
   * (XEP-0333), once, where it asked for that.
   */
  markSeen(peer: string, upTo: number): void {
    this.#parts.readMarks.seen(this.#parts.accounts.current, peer, upTo);
  }

  /** Our chat state in the conversation with `peer` (XEP-0085), where it is news. */
  chatState(peer: string, state: ChatState): void {
    this.#parts.outgoing.chatState(peer, state);
  }

  /**
   * Who `peer` is, as this browser knows it (name and picture from its vCard and avatar); asked for afresh
   * once per connection the first time it is called for a contact.
   */
  profile(peer: string): Profile | undefined {
    this.#parts.profiles.want(peer);
    return this.#parts.accounts.current?.marks.profile(peer);
  }

  /** The text left unsent in the composer for `peer` (kept across reloads). */
  draft(peer: string): string {
    return this.#parts.accounts.current?.marks.draft(peer) ?? "";
  }

  saveDraft(peer: string, text: string): void {
    this.#parts.accounts.current?.marks.setDraft(peer, text);
  }

  /** Sends a failed message again, with its original id. */
  retry(id: string): void {
    this.#parts.outgoing.retry(id);
  }

  /** The conversation an address belongs to (see SessionRooms.conversationOf). Throws `invalid-jid`. */
  conversationOf(jid: string): string {
    return this.#parts.rooms.conversationOf(jid);
  }

  /** The rooms as the leader knows them. */
  get rooms(): RoomView[] {
    return this.#parts.rooms.views;
  }

  /** Joins `room` as `nick` (see SessionRooms.join). Throws `invalid-jid` or `invalid-config`. */
  joinRoom(room: string, nick: string, password?: string): Promise<void> {
    return this.#parts.rooms.join(room, nick, password);
  }

  /** Leaves `room`; its conversation and history stay. */
  leaveRoom(room: string): Promise<void> {
    return this.#parts.rooms.leave(room);
  }

  /**
   * Looks up a peer's real address ahead of the first message, so a failing directory is reported when
   * the conversation opens rather than when the person presses Enter.
   */
  async prepareAddress(publicJid: string): Promise<void> {
    const addressing = this.#parts.loop.addressing;
    if (!addressing || !this.#parts.loop.online || this.#parts.rooms.has(parseJid(publicJid).bare)) return;
    try {
      await addressing.toReal(parseJid(publicJid).bare);
    } catch (error) {
      this.#parts.listener.error(toXmppminiError(error, "not-found", `Could not look up ${publicJid}.`));
    }
  }

  /** Closes the stream cleanly (RFC 6120 §4.4), stops reconnecting, and goes offline. The outbox stays. */
  async disconnect(): Promise<void> {
    this.#parts.loop.halt();
    await this.#parts.loop.forgetStream();
    this.#parts.relay.close();
    this.#parts.uploads.forget();
    await this.#parts.loop.close();
  }
}
