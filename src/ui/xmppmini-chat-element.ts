import { LitElement, adoptStyles, html, nothing, type PropertyValues } from "lit";
import { XmppminiError, toXmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";
import { ChatSession, type SessionStatus, type StatusDetail } from "../session/chat-session.js";
import { Conversations, orderOf } from "../session/conversations.js";
import type { ChatMessage } from "../xmpp/chat-message.js";
import {
  widgetEvent,
  type XmppminiDeliveryDetail,
  type XmppminiErrorDetail,
  type XmppminiMessageDetail,
  type XmppminiStatusDetail,
} from "./events.js";
import { prepareTimeFormat, renderConversationTabs, renderMessageList } from "./templates/message-list.js";
import { Composer } from "./controllers/composer.js";
import { PeerStatus } from "./controllers/peer-status.js";
import { renderLauncher } from "./templates/launcher.js";
import { renderErrorBanner, renderNotice } from "./templates/banners.js";
import { MessagePager } from "./controllers/message-pager.js";
import type { Notifier } from "./controllers/notifier.js";
import { parseNotify } from "./controllers/notify-options.js";
import { displayOptionProblems } from "./controllers/display-options.js";
import { loadUiState, saveUiState } from "./controllers/ui-state.js";
import { loadCatalogFor, stringsFor, type Strings } from "./i18n/catalog.js";
import { chatStyles } from "./styles/chat-styles.js";
import { themeStyles } from "./styles/theme-styles.js";
import { overlayStyles } from "./styles/overlay-styles.js";
import type { XmppUri } from "../links/xmpp-uri.js";
import { accountFor, hasAccount, loginProblem, type SignInAccount } from "../session/account-source.js";
import { FileSharing } from "./controllers/file-sharing.js";
import { HostLinks } from "./controllers/host-links.js";
import { MessageLinks } from "./controllers/message-links.js";
import type { RoomView } from "../session/rooms.js";
type RoomUi = typeof import("./room-ui.js");

/** The attributes that say who signs in where: a change to any of them means a new sign-in. */
const SIGN_IN_ATTRIBUTES = ["jid", "password", "service", "resolver", "credentialsUrl", "login", "domain"] as const;

/**
 * An XMPP chat that a host page drops in with one tag.
 *
 * @fires xmppmini-status - `{status}` whenever the connection status changes.
 * @fires xmppmini-message - `{from, to, body, id, direction, timestamp}` for every message shown.
 * @fires xmppmini-error - `{code, message}` for every failure, also shown in the widget.
 * @fires xmppmini-delivery - `{id, to, state, reason}` when one of our messages changes delivery state.
 * @csspart base - the widget's frame.
 * @csspart messages - the message list.
 * @csspart message - one message body; carries `data-direction="in"|"out"`.
 * @csspart input - the composer's textarea.
 * @csspart send - the send button.
 * @csspart error - the error banner.
 * @csspart notice - a lasting notice (history cannot be kept in this browser).
 * @csspart conversations - the conversation tabs (each with `data-peer`).
 * @csspart unread - a conversation tab's unread count.
 * @csspart launcher - overlay mode: the round button that opens and closes the panel.
 * @csspart launcher-badge - overlay mode: the launcher's unread count.
 * @csspart close - overlay mode: the panel's close button.
 * @csspart contacts-button - with `roster-url`: the header button that shows the host's contact page.
 * @csspart roster - with `roster-url`: the iframe holding the host's contact page.
 * @csspart attach - the composer's button for sharing a file (with `upload-url`).
 * @csspart upload - with `upload-url`: the iframe holding the host's upload page.
 * @csspart attachment - a shared file in a message: a picture, or a card with name and size.
 * @csspart room - in a room: the bar under the header (subject, occupants, leave, why we are not in it).
 * @csspart occupants - in a room: the list of the people in it (each with `data-role`).
 * @csspart nick - in a room: the sender's nickname above a message.
 * @csspart mentions - in a room: the names suggested while `@` is typed.
 *
 * Its language follows its own `lang` attribute, else the page's: English, or Simplified Chinese (`zh-CN`).
 * @cssprop --xmppmini-accent - accent colour (own messages, buttons).
 * @cssprop --xmppmini-bg - background colour.
 * @cssprop --xmppmini-fg - text colour.
 * @cssprop --xmppmini-muted - secondary text colour.
 * @cssprop --xmppmini-bubble-in - background of incoming messages.
 * @cssprop --xmppmini-border - lines between the parts.
 * @cssprop --xmppmini-radius - corner radius.
 * @cssprop --xmppmini-font - font family.
 */
export class XmppminiChatElement extends LitElement {
  static override styles = [themeStyles, chatStyles, overlayStyles];

  static override properties = {
    jid: { type: String },
    password: { type: String },
    service: { type: String },
    resolver: { type: String },
    peer: { type: String },
    retention: { type: Number },
    mode: { type: String, reflect: true },
    open: { type: Boolean, reflect: true },
    position: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    notify: { type: String },
    loadImages: { type: String, attribute: "load-images" },
    rosterUrl: { type: String, attribute: "roster-url" },
    uploadUrl: { type: String, attribute: "upload-url" },
    chatParam: { type: String, attribute: "chat-param" },
    // Its own accessor: the listener must be in place as soon as the attribute is, not at the next render.
    interceptLinks: { type: Boolean, attribute: "intercept-links", noAccessor: true },
    credentialsUrl: { type: String, attribute: "credentials-url" },
    login: { type: String },
    domain: { type: String },
    rooms: { type: String },
    nick: { type: String },
    status: { type: String, reflect: true },
    _view: { state: true },
    _error: { state: true },
    _notice: { state: true },
    _retryAt: { state: true },
  };

  /** The account to sign in as, `user@domain`. */
  declare jid: string;
  /** The account's password. Prefer setting the property from script over the attribute. */
  declare password: string;
  /** The WebSocket endpoint, `wss://…` (or `ws://` on localhost). Optional: without it, the xmppmini rules find it. */
  declare service: string;
  /** A same-origin URL template for xmppmini.txt lookups, containing `{domain}`, for sites without CORS. */
  declare resolver: string;
  /** Bare JID whose conversation opens once online. */
  declare peer: string;
  /** Days of history this browser keeps (older messages are deleted at sign-in); unset keeps everything. */
  declare retention: number | undefined;
  /**
   * `embedded` (default): fills its box, adapting to the box's width. `overlay`: a launcher button in a
   * corner of the page that opens the chat in a panel (full screen on narrow screens).
   */
  declare mode: string;
  /** Overlay mode: whether the panel is open. Kept per account across the site's pages. */
  declare open: boolean;
  /** Overlay mode: `bottom-right` (default) or `bottom-left`. */
  declare position: string;
  /** `light` or `dark`; unset follows the system (`prefers-color-scheme`). */
  declare theme: string | undefined;
  /**
   * Opt-in notifications, space-separated: `title` (the page title counts unread messages), `sound` (a short
   * tone for a message not in view), `system` (a system notification while the page is hidden; permission is
   * asked at the first click inside the widget).
   */
  declare notify: string | undefined;
  /**
   * Pictures shared by someone the person has never written to (and the page did not name) wait for a
   * click by default (`known`): loading one tells the sender's server that the person is reading now.
   * `always` loads every picture at once.
   */
  declare loadImages: string | undefined;
  /**
   * The host's contact list: a page of its own (same origin, or another that speaks `postMessage`), shown
   * in the widget's Contacts view. In a same-origin page, clicks on `xmpp:` links and links carrying
   * `?xmppmini-chat=<jid>` (see `chat-param`) open that conversation; any page may post
   * `{type: "xmppmini:open", jid}` from the roster URL's origin.
   */
  declare rosterUrl: string;
  /**
   * The host's upload page, opened by the attach button with `?peer=<jid>&jid=<our address>`. It uploads
   * by itself and says where the file is by navigating to `xmpp:<peer>?message;body=<url>` (same origin)
   * or posting `{type: "xmppmini:uploaded", url, name, size, mime}` from its own origin; the widget sends
   * the URL with out-of-band data (XEP-0066).
   */
  declare uploadUrl: string;
  /** The query parameter that marks a chat link on the roster page; default `xmppmini-chat`. */
  declare chatParam: string;
  /**
   * Without `jid`: a same-origin URL of the host's backend answering `{"jid", "password"}` for the visitor
   * signed in to the site (sent with the page's cookies).
   */
  declare credentialsUrl: string;
  /**
   * How to sign in without `jid`: unset or `password` (`jid` and `password`, or `credentials-url`);
   * `guest`: a visitor account created once on `domain` (XEP-0077 in-band registration, where the server
   * allows it) and kept in this browser, so the visitor keeps their history; `anonymous`: SASL ANONYMOUS
   * on `domain` (a host the server keeps for it), a new address from the server at each new session.
   */
  declare login: string;
  /** With `login="guest"`: the domain to create the visitor's account on; with `anonymous`: the host to sign in to. */
  declare domain: string;
  /**
   * Rooms to join once signed in (XEP-0045 group chat), separated by spaces or commas:
   * `team@conference.example.org`. Each becomes a conversation of its own.
   */
  declare rooms: string;
  /** Our nickname in rooms; default: the account's user part (`guest` for an anonymous visitor). */
  declare nick: string;
  /** `offline` | `connecting` | `online` | `error`; reflected, read-only for host pages. */
  declare status: SessionStatus;
  declare _error: XmppminiError | null;
  /** A lasting condition that does not stop the chat (history cannot be kept): shown until dismissed. */
  declare _notice: XmppminiError | null;
  declare _retryAt: number | undefined;
  /** What the panel shows: the conversation, or the host's contact page, or the host's upload page. */
  declare _view: "chat" | "contacts" | "upload";

  readonly #conversations = new Conversations();
  readonly #session = new ChatSession({
    status: (status, detail) => this.#onStatus(status, detail),
    history: (messages) => this.#onHistory(messages),
    message: (message) => this.#onMessage(message),
    update: (message) => this.#onUpdate(message),
    read: (peer, upTo) => {
      this.#conversations.markRead(peer, upTo);
      this.requestUpdate();
    },
    peer: (peer, news) => this.#peerStatus.learn(peer, news),
    upload: () => this.requestUpdate(),
    room: (view) => this.#onRoom(view),
    error: (error) => this.#onSessionError(error),
  });
  /** The rooms as the session reports them (XEP-0045). */
  readonly #roomViews = new Map<string, RoomView>();
  /** Rooms the person left here: the `rooms` attribute does not take them back in (kept with the panel state). */
  readonly #leftRooms = new Set<string>();
  #occupantsShown = false;
  /** The room pane's code (room-ui.ts), loaded with the first room. */
  #roomUi: RoomUi | undefined;
  #connectQueued = false;
  /** Set while signed in as a guest this browser kept: see #onSessionError. */
  #forgetGuest: (() => Promise<void>) | undefined;
  /** The credentials of the latest sign-in (see #queueConnect). */
  #signedInWith = "";
  /** The conversation shown when the site's last page was left, reopened once online. */
  #rememberedPeer: string | undefined;
  readonly #pager = new MessagePager(this, {
    active: () => this.#conversations.active,
    loadOlder: (peer, oldest) => this.#session.loadOlder(peer, oldest),
    failed: (error) => this.#reportError(toXmppminiError(error, "message-error", "Older messages could not be loaded.")),
  });
  readonly #peerStatus = new PeerStatus(this);
  readonly #composer = new Composer(this, {
    activePeer: () => this.#conversations.active?.peer,
    lastOwn: () => this.#lastOwn(),
    draft: (peer) => this.#session.draft(peer),
    saveDraft: (peer, text) => this.#session.saveDraft(peer, text),
    chatState: (peer, state) => this.#session.chatState(peer, state),
    mentionable: () => {
      const view = this.#activeRoom;
      return view?.occupants.map((occupant) => occupant.nick).filter((nick) => nick !== view.nick);
    },
    send: (peer, text, replaces) => {
      // What we write is what we want to see: back to the newest messages.
      this.#pager.followNewest();
      return replaces ? this.#session.send(peer, text, { replaces }) : this.send(peer, text);
    },
    failed: (error) => this.#reportError(toXmppminiError(error, "not-connected", "The message could not be sent.")),
  });
  /** Only where `notify` asks for something: the notifier is a chunk of its own. */
  #notifier: Notifier | undefined;
  readonly #links = new HostLinks(this, {
    rosterUrl: () => this.rosterUrl,
    chatParam: () => this.chatParam,
    account: () => this.#account,
    follow: (target) => this.#follow(target),
    failed: (error) => this.#reportError(toXmppminiError(error, "invalid-jid", "That link names no valid address.")),
  });
  /** `xmpp:` links in what peers wrote: a `?join` asks first (message-links.ts). */
  readonly #messageLinks = new MessageLinks(this, {
    follow: (target) => this.#follow(target),
    failed: (error) => this.#reportError(toXmppminiError(error, "invalid-jid", "That link names no valid address.")),
  });
  readonly #files = new FileSharing(this, {
    activePeer: () => this.#conversations.active?.peer,
    account: () => this.#account,
    uploadUrl: () => this.uploadUrl,
    canUpload: () => this.#session.canUpload,
    signedIn: () => this.status !== "offline",
    slot: (file) => this.#session.uploadSlot(file),
    send: (peer, body, attachment) => {
      if (peer === this.#conversations.active?.peer) this.#pager.followNewest();
      return this.#session.send(peer, body, attachment ? { attachment } : {});
    },
    follow: (target) => this.#follow(target),
    showPage: (shown) => (this._view = shown ? "upload" : "chat"),
    failed: (error) => this.#reportError(toXmppminiError(error, "upload-failed", "The file could not be sent.")),
  });
  /** The account signed in as: `jid`, or the one `credentials-url` gave, or the guest's; the domain for an anonymous one. */
  #account = "";

  constructor() {
    super();
    this.jid = "";
    this.password = "";
    this.service = "";
    this.resolver = "";
    this.peer = "";
    this.mode = "embedded";
    this.open = false;
    this.position = "bottom-right";
    this.rosterUrl = "";
    this.uploadUrl = "";
    this.chatParam = "";
    this.credentialsUrl = "";
    this.login = "";
    this.domain = "";
    this.rooms = "";
    this.nick = "";
    this.status = "offline";
    this._view = "chat";
    this._error = null;
    this._notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener("pointerdown", this.#onGesture);
    document.addEventListener("visibilitychange", this.#onVisibility);
    this.#queueConnect();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener("visibilitychange", this.#onVisibility);
    this.removeEventListener("pointerdown", this.#onGesture);
    this.#notifier?.showUnread(0);
    // A move within the document removes and re-inserts the element in one task; stay connected then.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#signedInWith = "";
      void this.#session.disconnect();
    });
  }

  /**
   * A burst of messages arrives one network event at a time, each asking for an update: render at most
   * once a frame (or every 50 ms in a hidden page, where frames stop). The first render is not held back,
   * except by a language catalog still on its way, so that a page in Chinese never shows English first.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const catalog = loadCatalogFor(this.#lang);
    if (catalog) return catalog.then(() => super.scheduleUpdate());
    if (!this.hasUpdated) return super.scheduleUpdate();
    return new Promise<void>((resolve) => {
      const run = () => {
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        resolve();
      };
      const frame = requestAnimationFrame(run);
      const timer = setTimeout(run, 50);
    }).then(() => super.scheduleUpdate());
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, "lang"];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === "lang") this.requestUpdate();
  }

  /**
   * The catalog for the element's language: its own `lang` attribute, else the nearest ancestor's (the
   * page's), else the browser's. English and Simplified Chinese (`zh-CN`).
   */
  get #strings(): Strings {
    return stringsFor(this.#lang);
  }

  get #lang(): string {
    return this.closest("[lang]")?.getAttribute("lang") || navigator.language;
  }


  readonly #onGesture = () => this.#notifier?.askPermission();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("notify")) this.#applyNotify();
    if (changed.has("mode") || changed.has("position") || changed.has("theme") || changed.has("notify") || changed.has("loadImages")) this.#checkDisplayOptions();
    // A `login` it does not know, or a guest without a domain, is said at once (nothing can sign in).
    const loginIssue = changed.has("login") || changed.has("domain") ? loginProblem(this) : undefined;
    if (loginIssue) this.#reportError(new XmppminiError("invalid-config", loginIssue));
    if (SIGN_IN_ATTRIBUTES.some((name) => changed.has(name))) this.#queueConnect();
    if (changed.has("peer") && this.peer && this.status === "online") this.#openPeerAttribute();
    if (changed.has("rooms") && this.status === "online") this.#joinRoomsAttribute();
  }

  /** A display attribute with a value it does not know is reported (the default applies meanwhile). */
  #checkDisplayOptions(): void {
    const { mode, position, theme, notify } = this;
    for (const problem of displayOptionProblems({ mode, position, theme, notify, "load-images": this.loadImages })) {
      this.#reportError(new XmppminiError("invalid-config", problem));
    }
  }

  /** Connects once per task however many credentials changed in it, and only with credentials set. */
  #queueConnect(): void {
    if (this.#connectQueued) return;
    this.#connectQueued = true;
    queueMicrotask(() => {
      this.#connectQueued = false;
      // Attributes set again to the same values are no reason to sign in anew.
      if (this.isConnected && hasAccount(this) && this.#credentials() !== this.#signedInWith) void this.connect();
    });
  }

  #credentials(): string {
    return SIGN_IN_ATTRIBUTES.map((name) => this[name]).join("\u0000");
  }

  #interceptLinks = false;

  /** When set, a click on any `xmpp:` link on the host page opens that conversation in the widget. */
  get interceptLinks(): boolean {
    return this.#interceptLinks;
  }

  set interceptLinks(value: boolean) {
    const old = this.#interceptLinks;
    this.#interceptLinks = Boolean(value);
    this.#links.watchPage(this.#interceptLinks);
    this.requestUpdate("interceptLinks", old);
  }

  /**
   * A link or the roster page asked for a conversation: it opens (the overlay panel with it), and a
   * `body` in the link waits in the composer for the person to send. A `?join` joins at once: the host's
   * links come here directly; a peer's reach here only once the person said yes (message-links.ts).
   */
  #follow(target: XmppUri): void {
    if (target.action === "join") {
      // RFC 5122 / XEP-0045 §15.5: `xmpp:room@service?join` (with an optional `password`).
      const password = target.params.get("password") ?? undefined;
      void this.joinRoom(target.jid, password ? { password } : {}).then(
        () => this.openChat(target.jid),
        (error: unknown) => this.#reportError(toXmppminiError(error, "invalid-jid", `"${target.jid}" is not a room address.`)),
      );
      return;
    }
    if (target.action !== "" && target.action !== "message") {
      this.#reportError(new XmppminiError("unsupported", `This chat cannot "${target.action}" (the link to ${target.jid}); it opens conversations and joins rooms.`));
      return;
    }
    if (!this.openChat(target.jid)) return;
    const body = target.params.get("body");
    if (body) this.#composer.prefill(target.jid, body);
    // (Opening the overlay panel focuses the composer already.)
    if (this.mode !== "overlay") void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>("textarea")?.focus());
  }

  /** Signs in with the current attributes. Resolves when online or when the attempt failed (see `status`). */
  async connect(): Promise<void> {
    this._error = null;
    this.#signedInWith = this.#credentials();
    let account: SignInAccount;
    try {
      account = await accountFor(this);
    } catch (error) {
      this.#reportError(toXmppminiError(error, "credentials-unavailable", "The site gave no chat account."));
      return;
    }
    const { jid, password, registration, anonymous, forget } = account;
    this.#forgetGuest = forget;
    if (jid !== this.#account) this.requestUpdate();
    this.#account = jid;
    // As the person left it on the site's last page: the panel open or not, and the conversation shown.
    const remembered = loadUiState(jid);
    if (this.mode === "overlay" && remembered.open !== undefined) this.open = remembered.open;
    this.#rememberedPeer = remembered.peer;
    this.#conversations.muted.clear();
    for (const room of remembered.muted ?? []) this.#conversations.muted.add(room);
    this.#leftRooms.clear();
    for (const room of remembered.left ?? []) this.#leftRooms.add(room);
    await this.#session.connect({
      jid,
      password,
      ...(anonymous && { anonymous }),
      service: this.service,
      resolverTemplate: this.resolver,
      ...(registration && { registration }),
      ...(this.retention !== undefined && this.retention !== null && { retentionDays: this.retention }),
    });
  }

  /** Whose panel state (open, conversation shown) to keep: the account signed in as, else the one named. */
  get #stateKey(): string {
    return this.#account || this.jid;
  }

  /** Signs out cleanly. */
  async disconnect(): Promise<void> {
    this.#signedInWith = "";
    this.#account = "";
    this.requestUpdate();
    await this.#session.disconnect();
  }

  /**
   * Shows the conversation with `jid`: a bare JID, a room's, or a room occupant's full JID (a private
   * conversation). Throws an `XmppminiError` (`invalid-jid`) for a bad address.
   */
  openConversation(jid: string): void {
    const peer = this.#session.conversationOf(jid);
    if (peer !== this.#conversations.active?.peer) this.#pager.followNewest();
    this.#conversations.open(peer);
    if (this.#stateKey) saveUiState(this.#stateKey, { peer });
    this.requestUpdate();
    void this.#session.prepareAddress(peer);
    this.#markSeen();
  }

  /**
   * Opens the chat: the overlay panel, and the conversation with `jid` when given. An invalid address is
   * reported (the banner and `xmppmini-error`) and answers false; nothing throws.
   */
  openChat(jid?: string): boolean {
    if (jid !== undefined) {
      try {
        this.openConversation(jid);
        this.#session.acquaint(jid);
      } catch (error) {
        this.#reportError(toXmppminiError(error, "invalid-jid", `"${jid}" is not a valid address.`));
        return false;
      }
      this._view = "chat";
    }
    if (this.mode === "overlay") this.toggle(true);
    return true;
  }

  /** Whether the person can see the conversation with `peer` now. */
  #inView(peer: string | undefined): boolean {
    if (!peer || peer !== this.#conversations.active?.peer || document.visibilityState !== "visible" || !this.isConnected) return false;
    // A closed overlay panel shows nothing: its messages stay unread until it opens.
    return this.mode !== "overlay" || this.open;
  }

  /** The open conversation is on screen: it is read, and its sender may hear that it was displayed (XEP-0333). */
  #markSeen(): void {
    const active = this.#conversations.active;
    const newest = active?.messages.at(-1);
    // The read mark comes back through the session's `read` report, here as in the other tabs.
    if (active && newest && this.#inView(active.peer)) this.#session.markSeen(active.peer, orderOf(newest));
  }

  readonly #onVisibility = () => this.#markSeen();

  /**
   * Sends `text` to `jid`. Resolves with the message once it is stored (state `pending`): it goes out now, or when
   * the connection returns; `xmppmini-delivery` events follow its state. Throws typed errors
   * (`invalid-jid`, `invalid-message`, `not-connected` before any sign-in).
   */
  async send(jid: string, text: string): Promise<XmppminiMessageDetail> {
    return this.#detail(await this.#session.send(jid, text));
  }

  /**
   * Joins the room `jid` (XEP-0045) and shows it: as `nick` (default: the `nick` attribute, else our user
   * part), with `password` where the room needs one. The room is joined again after every new session.
   * Throws `invalid-jid` for an address that is no room's; a room that refuses says why in the widget
   * and with `xmppmini-error` (`room-error`).
   */
  async joinRoom(jid: string, { nick, password }: { nick?: string; password?: string } = {}): Promise<void> {
    const room = parseJid(jid).bare;
    if (this.#leftRooms.delete(room) && this.#stateKey) saveUiState(this.#stateKey, { left: [...this.#leftRooms] });
    await this.#session.joinRoom(room, nick || this.#nickname, password);
  }

  /** Leaves the room `jid`; its conversation stays, with a button to join again. */
  async leaveRoom(jid: string): Promise<void> {
    const room = parseJid(jid).bare;
    this.#leftRooms.add(room);
    if (this.#stateKey) saveUiState(this.#stateKey, { left: [...this.#leftRooms] });
    await this.#session.leaveRoom(room);
  }

  get #nickname(): string {
    // An anonymous visitor's account is the bare domain until the server names it.
    return this.nick.trim() || (this.#account.includes("@") ? this.#account.split("@")[0]! : "guest");
  }

  #joinRoomsAttribute(): void {
    for (const room of (this.rooms ?? "").split(/[\s,]+/).filter(Boolean)) {
      let bare: string;
      try {
        bare = parseJid(room).bare;
      } catch (error) {
        this.#reportError(toXmppminiError(error, "invalid-jid", `The room "${room}" is not a valid address.`));
        continue;
      }
      if (this.#leftRooms.has(bare)) continue;
      this.joinRoom(bare).catch((error: unknown) => this.#reportError(toXmppminiError(error, "invalid-jid", `The room "${room}" is not a valid address.`)));
    }
  }

  #roomUiLoading = false;

  /** Loads the room pane's code once (see room-ui.ts); the pane shows when it is here. */
  #loadRoomUi(): void {
    if (this.#roomUi || this.#roomUiLoading) return;
    this.#roomUiLoading = true;
    void import("./room-ui.js").then((ui) => {
      this.#roomUi = ui;
      // The room pane's styles come with its code: added to the shadow root's own sheets.
      if (this.shadowRoot) adoptStyles(this.shadowRoot, [...XmppminiChatElement.elementStyles, ui.roomStyles]);
      this.#composer.useMentions((changed) => new ui.MentionPicker(changed, () => ui.roomStringsFor(this.#strings.locale).mentionSuggestions));
      this.requestUpdate();
    });
  }

  #onRoom(view: RoomView): void {
    this.#loadRoomUi();
    this.#roomViews.set(view.jid, view);
    this.#conversations.include(view.jid);
    this.requestUpdate();
  }

  #toggleMute(room: string): void {
    const muted = this.#conversations.muted;
    if (muted.has(room)) muted.delete(room);
    else muted.add(room);
    if (this.#stateKey) saveUiState(this.#stateKey, { muted: [...muted] });
    this.requestUpdate();
  }

  /** The shown room: as the session reports it, or one this browser has messages of but is not in (left on an earlier page). */
  get #activeRoom(): RoomView | undefined {
    const active = this.#conversations.active;
    if (!active) return undefined;
    const view = this.#roomViews.get(active.peer);
    if (view || !active.messages[0]?.room) return view;
    return { jid: active.peer, nick: this.#nickname, status: "left", subject: "", occupants: [] };
  }

  /** Sends a `failed` message again, with its original id. */
  retry(id: string): void {
    this.#session.retry(id);
  }

  #onStatus(status: SessionStatus, detail: StatusDetail): void {
    this.status = status;
    this._retryAt = detail.retryAt;
    if (status === "online") this._error = null;
    this.dispatchEvent(widgetEvent<XmppminiStatusDetail>("xmppmini-status", { status, ...detail }));
    if (status === "online") this.#joinRoomsAttribute();
    if (status === "connecting") {
      const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
      idle(() => prepareTimeFormat(this.#strings.locale));
    }
    if (status === "online" && this.peer) this.#openPeerAttribute();
    else if (status === "online" && this.#rememberedPeer && !this.#conversations.active) this.#openRemembered(this.#rememberedPeer);
  }

  #openRemembered(peer: string): void {
    try {
      this.openConversation(peer);
    } catch {
      // A stored value that is no address any more: nothing to reopen.
    }
  }

  /** Overlay mode: opens or closes the panel (`force` says which). Focus goes to the composer or back to the launcher. */
  toggle(force?: boolean): void {
    this.open = force ?? !this.open;
    if (this.#stateKey) saveUiState(this.#stateKey, { open: this.open });
    if (this.open) this.#markSeen();
    void this.updateComplete.then(() => {
      const target = this.open ? "textarea" : '[part="launcher"]';
      this.renderRoot.querySelector<HTMLElement>(target)?.focus();
    });
  }

  #onPanelKeydown(event: KeyboardEvent): void {
    if (event.key === "Escape" && this.mode === "overlay" && this.open) {
      event.stopPropagation();
      this.toggle(false);
    }
  }

  /** Messages whose held picture the person asked to see. */
  readonly #revealed = new Set<string>();

  /** A stranger's picture waits for a click (see `load-images`): what the click does, else undefined. */
  #heldPicture(message: ChatMessage): (() => void) | undefined {
    if (this.loadImages === "always" || message.direction !== "in" || this.#revealed.has(message.id) || this.#session.acquainted(message.peer)) return undefined;
    return () => {
      this.#revealed.add(message.id);
      this.requestUpdate();
    };
  }

  #openPeerAttribute(): void {
    try {
      this.openConversation(this.peer);
      this.#session.acquaint(this.peer);
    } catch (error) {
      this.#reportError(toXmppminiError(error, "invalid-jid", `The peer "${this.peer}" is not a valid address.`));
    }
  }

  /** Stored history and older pages: shown, not announced as new (whether it is unread, the read marks say). */
  #onHistory(messages: ChatMessage[]): void {
    for (const message of messages) this.#conversations.add(message);
    // The conversation the page names (or the one left open) shows what this browser has of it at once,
    // not once the connection is up. (A `peer` that is no address is said when online, as before.)
    const shown = this.peer || this.#rememberedPeer;
    if (shown && !this.#conversations.active) this.#openRemembered(shown);
    this.requestUpdate();
  }

  #onMessage(message: ChatMessage): void {
    if (!this.#conversations.add(message)) return;
    this.requestUpdate();
    if (message.direction === "in") this.#peerStatus.messageFrom(message.peer);
    if (message.direction === "in" && this.#inView(message.peer)) this.#markSeen();
    // A correction is no new message to announce; in a muted room, only one that names us is.
    else if (message.direction === "in" && !message.replaces && (message.mentionsMe || !this.#conversations.muted.has(message.peer))) this.#notifier?.arrived(message, this.#strings);
    this.dispatchEvent(widgetEvent<XmppminiMessageDetail>("xmppmini-message", this.#detail(message)));
  }

  #onUpdate(message: ChatMessage): void {
    if (this.#conversations.update(message)) this.requestUpdate();
    const { id, to, state = "pending", reason } = message;
    this.dispatchEvent(widgetEvent<XmppminiDeliveryDetail>("xmppmini-delivery", { id, to, state, ...(reason && { reason }) }));
  }

  #detail(message: ChatMessage): XmppminiMessageDetail {
    const { from, to, body, id, direction, timestamp, state, replaces, kind, room, nick, mentionsMe } = message;
    return {
      from, to, body, id, direction, timestamp,
      ...(state && { state }), ...(replaces && { replaces }), ...(kind && { kind }),
      ...(room && { room }), ...(nick !== undefined && { nick }), ...(mentionsMe && { mentionsMe }),
    };
  }

  /**
   * A guest this browser kept whose password the server refuses: the server no longer has that account
   * (deleted by an operator, or the server was reset). The visitor gets a new one, once, instead of an
   * error they can do nothing about. Only the tab that signs in does this (the others follow it).
   */
  #onSessionError(error: XmppminiError): void {
    const forget = this.#forgetGuest;
    if (error.code === "auth-failed" && forget && this.#session.leading) {
      this.#forgetGuest = undefined;
      void forget()
        .catch(() => undefined)
        .then(() => this.connect());
      return;
    }
    this.#reportError(error);
  }

  #applyNotify(): void {
    const options = parseNotify(this.notify);
    if (this.#notifier) this.#notifier.options = options;
    else if (options.size > 0) {
      void import("./controllers/notifier.js").then(({ Notifier }) => {
        this.#notifier ??= new Notifier();
        this.#notifier.options = parseNotify(this.notify);
        this.#notifier.showUnread(this.#conversations.unread);
      }, () => undefined); // the chunk did not load (the network went): the chat goes on without notifications
    }
  }

  #reportError(error: XmppminiError): void {
    if (error.code === "storage-unavailable") this._notice = error;
    else this._error = error;
    this.dispatchEvent(widgetEvent<XmppminiErrorDetail>("xmppmini-error", { code: error.code, message: error.message }));
  }

  protected override updated(): void {
    this.#notifier?.showUnread(this.#conversations.unread);
  }

  /** Our newest message in the shown conversation: the one a correction may replace (XEP-0308 §1). */
  #editable(): { id: string; edit(): void } | undefined {
    const last = this.#lastOwn();
    return last && { id: last.id, edit: () => this.#composer.editLast() };
  }

  #lastOwn(): { id: string; body: string } | undefined {
    const messages = this.#conversations.active?.messages ?? [];
    for (let index = messages.length - 1; index >= 0; index -= 1) {
      const message = messages[index]!;
      if (message.direction === "out" && !message.kind) return message;
    }
    return undefined;
  }

  protected override render() {
    const strings = this.#strings;
    const active = this.#conversations.active;
    const slice = active && this.#pager.slice(active);
    // While connecting or waiting to retry, messages are kept as pending and go out on reconnection.
    const room = this.#activeRoom;
    if (room) this.#loadRoomUi();
    const canSend = this.status !== "offline" && active !== undefined && room?.status !== "error" && room?.status !== "left";
    const overlay = this.mode === "overlay";
    // With a roster page and no conversation yet, the contacts are what there is to show.
    const uploading = this._view === "upload" && this.#files.pagePeer !== undefined;
    const contacts = !uploading && Boolean(this.rosterUrl) && (this._view === "contacts" || !active);
    const panel = html`<section part="base" class="chat" id="panel" ?hidden=${overlay && !this.open} @keydown=${this.#onPanelKeydown}
      @dragover=${this.#files.dragOver} @dragleave=${this.#files.dragLeave} @drop=${this.#files.take} @paste=${this.#files.take}>
      <header part="header">
        <span class="title">
          <span class="name">${contacts ? strings.contacts : (active?.peer ?? (this.#account || this.jid || "xmppmini-chat"))}</span>
          ${active && !contacts && !room ? this.#peerStatus.renderPresence(strings, active.peer) : nothing}
        </span>
        <span class="status" data-status=${this.status} role="status">${strings.status[this.status]}</span>
        ${this.rosterUrl
          ? html`<button part="contacts-button" class="contacts" aria-pressed=${contacts ? "true" : "false"} ?disabled=${contacts && !active}
              @click=${() => (this._view = contacts ? "chat" : "contacts")}>${strings.contacts}</button>`
          : nothing}
        ${overlay ? html`<button part="close" class="close" aria-label=${strings.closeChat} @click=${() => this.toggle(false)}>×</button>` : nothing}
      </header>
      ${renderErrorBanner(strings, this._error, {
        status: this.status,
        retryAt: this._retryAt,
        retryNow: () => this.#session.retryNow(),
        reconnect: () => void this.connect(),
        dismiss: () => (this._error = null),
      })}
      ${renderNotice(strings, this._notice, () => (this._notice = null))}
      ${this.#messageLinks.render(strings)}
      ${this.#links.renderRoster(strings, contacts)}
      ${uploading ? this.#files.renderPage(strings) : nothing}
      <div class="conversation" ?hidden=${contacts || uploading}>
      ${renderConversationTabs(strings, this.#conversations.all, active, (peer) => {
        this._view = "chat";
        this.openConversation(peer);
      })}
      ${room && this.#roomUi
        ? this.#roomUi.renderRoomBar(this.#roomUi.roomStringsFor(strings.locale), room, {
            joinAgain: () => void this.joinRoom(room.jid, { nick: room.wantedNick ?? room.nick }).catch((error: unknown) => this.#reportError(toXmppminiError(error, "room-error", "The room could not be joined."))),
            leave: () => void this.leaveRoom(room.jid),
            muted: this.#conversations.muted.has(room.jid),
            toggleMute: () => this.#toggleMute(room.jid),
            toggleOccupants: () => {
              this.#occupantsShown = !this.#occupantsShown;
              this.requestUpdate();
            },
            occupantsShown: this.#occupantsShown,
          })
        : nothing}
      ${renderMessageList(strings, active, slice, {
        retry: (id) => this.retry(id),
        editable: this.#editable(),
        above: this.#pager.renderAbove(strings, active, slice),
        scrolled: (list) => this.#pager.scrolled(list),
        footer: active ? this.#peerStatus.renderTyping(strings, active.peer) : nothing,
        heldPicture: (message) => this.#heldPicture(message),
      })}
      ${this.#files.renderUploads(strings)}
      ${this.#composer.render(strings, canSend, this.#files.attach)}
      </div>
    </section>`;
    if (!overlay) return panel;
    return html`${panel}${renderLauncher(strings, { open: this.open, unread: this.#conversations.unread, toggle: () => this.toggle() })}`;
  }
}
