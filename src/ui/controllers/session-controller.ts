import type { Profile } from "../../session/profiles.js";
import type { PropertyValues, ReactiveController } from "lit";
import type { XmppminiError } from "../../errors.js";
import { accountFor, hasAccount, type SignInAccount } from "../../session/account-source.js";
import {
  ChatSession,
  type SessionListener,
  type SessionStatus,
  type StatusDetail,
} from "../../session/chat-session.js";
import type { Conversations } from "../../session/conversations.js";
import type { PeerNews } from "../../session/peer-watch.js";
import type { RoomView } from "../../session/rooms.js";
import type { ChatMessage } from "../../xmpp/chat-message.js";
import {
  messageDetail,
  widgetEvent,
  type XmppminiDeliveryDetail,
  type XmppminiMessageDetail,
  type XmppminiStatusDetail,
} from "../events.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { PeerStatus } from "./peer-status.js";
import type { Problems } from "./problems.js";
import { loadUiState, type UiState } from "./ui-state.js";

/** The attributes that say who signs in where: a change to any of them means a new sign-in. */
const SIGN_IN_ATTRIBUTES = ["jid", "password", "service", "resolver", "credentialsUrl", "login", "domain"] as const;

/** What the other parts of the widget do when the session says something (the session controller does the rest). */
export interface SessionReactions {
  /** Signed in as a new account: what the site's last page left for it (panel, rooms). */
  restore(kept: UiState): void;
  connecting(): void;
  online(): void;
  /**
   * This sign-in's stored history is shown (perhaps none), once: the conversation to reopen has what this
   * browser keeps of it. (Archive pages that follow are history too, and say nothing here.)
   */
  storedHistoryShown(): void;
  /** A new message from someone else: to be read at once, or announced. */
  arrived(message: ChatMessage): void;
  /** A message joined a conversation shown (stored, older or new). */
  shown(message: ChatMessage): void;
  /** Who a contact is changed: its name or picture. */
  profile(peer: string, profile: Profile): void;
  room(view: RoomView): void;
}

/**
 * Drives the widget's ChatSession: signs in with the element's attributes (again when they change, once
 * per task), signs out when the element leaves the page, and turns what the session reports into the
 * element's state and `xmppmini-*` events.
 */
export class SessionController implements ReactiveController, SessionListener {
  readonly chat = new ChatSession(this);
  /** The account signed in as: `jid`, or the one `credentials-url` gave, or the guest's; the domain for an anonymous one. */
  account = "";
  /** This sign-in's stored history is shown (until then an empty conversation may only be unread yet). */
  storedShown = false;
  #connectQueued = false;
  /** The credentials of the latest sign-in (see #queueConnect). */
  #signedInWith = "";
  /** Set while signed in as a guest this browser kept: see `error`. */
  #forgetGuest: (() => Promise<void>) | undefined;

  readonly #host: XmppminiChatElement;
  readonly #conversations: Conversations;
  readonly #problems: Problems;
  readonly #peers: PeerStatus;
  readonly #reactions: SessionReactions;

  constructor(
    host: XmppminiChatElement,
    conversations: Conversations,
    problems: Problems,
    peers: PeerStatus,
    reactions: SessionReactions,
  ) {
    this.#host = host;
    this.#conversations = conversations;
    this.#problems = problems;
    this.#peers = peers;
    this.#reactions = reactions;
    host.addController(this);
  }

  hostConnected(): void {
    this.#queueConnect();
  }

  hostDisconnected(): void {
    // A move within the document removes and re-inserts the element in one task; stay connected then.
    queueMicrotask(() => {
      if (this.#host.isConnected) return;
      this.#signedInWith = "";
      void this.chat.disconnect();
    });
  }

  /** Before each update: new credentials mean a new sign-in. */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    if (SIGN_IN_ATTRIBUTES.some((name) => changed.has(name))) this.#queueConnect();
  }

  /** Connects once per task however many credentials changed in it, and only with credentials set. */
  #queueConnect(): void {
    if (this.#connectQueued) return;
    this.#connectQueued = true;
    queueMicrotask(() => {
      this.#connectQueued = false;
      // Attributes set again to the same values are no reason to sign in anew.
      if (this.#host.isConnected && hasAccount(this.#host) && this.#credentials() !== this.#signedInWith)
        void this.connect();
    });
  }

  #credentials(): string {
    return SIGN_IN_ATTRIBUTES.map((name) => this.#host[name]).join("\u0000");
  }

  /** Signs in with the element's attributes (see the element's `connect`). */
  async connect(): Promise<void> {
    const host = this.#host;
    this.#problems.dismiss();
    this.#signedInWith = this.#credentials();
    this.storedShown = false;
    let account: SignInAccount;
    try {
      account = await accountFor(host);
    } catch (error) {
      this.#problems.fail(error, "credentials-unavailable", "The site gave no chat account.");
      return;
    }
    const { jid, password, registration, anonymous, forget } = account;
    this.#forgetGuest = forget;
    if (jid !== this.account) host.requestUpdate();
    this.account = jid;
    // As the person left it on the site's last page: the panel open or not, the conversation shown, the rooms.
    this.#reactions.restore(loadUiState(jid));
    await this.chat.connect({
      jid,
      password,
      ...(anonymous && { anonymous }),
      service: host.service,
      resolverTemplate: host.resolver,
      ...(registration && { registration }),
      ...(host.retention !== undefined && host.retention !== null && { retentionDays: host.retention }),
    });
  }

  async disconnect(): Promise<void> {
    this.#signedInWith = "";
    this.account = "";
    this.#host.requestUpdate();
    await this.chat.disconnect();
  }

  status(status: SessionStatus, detail: StatusDetail): void {
    const problems = this.#problems;
    this.#host.status = status;
    // Said by the banner: when the next attempt runs; and once online, the failure is over.
    problems.retryAt = detail.retryAt;
    if (status === "online") problems.error = null;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(widgetEvent<XmppminiStatusDetail>("xmppmini-status", { status, ...detail }));
    if (status === "online") this.#reactions.online();
    if (status === "connecting") this.#reactions.connecting();
  }

  /** Stored history and older pages: shown, not announced as new (whether it is unread, the read marks say). */
  history(messages: ChatMessage[]): void {
    const first = !this.storedShown;
    this.storedShown = true;
    for (const message of messages) if (this.#conversations.add(message)) this.#reactions.shown(message);
    if (first) this.#reactions.storedHistoryShown();
    this.#host.requestUpdate();
  }

  message(message: ChatMessage): void {
    if (!this.#conversations.add(message)) return;
    this.#reactions.shown(message);
    this.#host.requestUpdate();
    if (message.direction === "in") {
      this.#peers.messageFrom(message.peer);
      this.#reactions.arrived(message);
    }
    this.#host.dispatchEvent(widgetEvent<XmppminiMessageDetail>("xmppmini-message", messageDetail(message)));
  }

  update(message: ChatMessage): void {
    if (this.#conversations.update(message)) this.#host.requestUpdate();
    const { id, to, state = "pending", reason } = message;
    this.#host.dispatchEvent(
      widgetEvent<XmppminiDeliveryDetail>("xmppmini-delivery", { id, to, state, ...(reason && { reason }) }),
    );
  }

  read(peer: string, upTo: number): void {
    this.#conversations.markRead(peer, upTo);
    this.#host.requestUpdate();
  }

  peer(peer: string, news: PeerNews): void {
    this.#peers.learn(peer, news);
    if (news.profile) this.#reactions.profile(peer, news.profile);
  }

  upload(): void {
    this.#host.requestUpdate();
  }

  room(view: RoomView): void {
    this.#reactions.room(view);
  }

  /**
   * A guest this browser kept whose password the server refuses: the server no longer has that account
   * (deleted by an operator, or the server was reset). The visitor gets a new one, once, instead of an
   * error they can do nothing about. Only the tab that signs in does this (the others follow it).
   */
  error(error: XmppminiError): void {
    const forget = this.#forgetGuest;
    if (error.code === "auth-failed" && forget && this.chat.leading) {
      this.#forgetGuest = undefined;
      void forget()
        .catch(() => undefined)
        .then(() => this.#host.connect());
      return;
    }
    this.#problems.report(error);
  }
}
