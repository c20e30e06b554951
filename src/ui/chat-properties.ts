import { LitElement } from "lit";
import type { SessionStatus } from "../session/chat-session.js";

/**
 * The element's public properties and attributes, each declared once: a field with its type, documentation
 * and default, and Lit's options in one table. XmppminiChatElement adds what they do.
 */
export class ChatProperties extends LitElement {
  // Lit's options for each property; each is a field below, with its type, documentation and default.
  static override properties = {
    jid: {},
    password: {},
    service: {},
    resolver: {},
    peer: {},
    peerName: { attribute: "peer-name" },
    notify: {},
    login: {},
    domain: {},
    rooms: {},
    nick: {},
    retention: { type: Number },
    mode: { reflect: true },
    position: { reflect: true },
    theme: { reflect: true },
    status: { reflect: true },
    open: { type: Boolean, reflect: true },
    loadImages: { attribute: "load-images" },
    rosterUrl: { attribute: "roster-url" },
    uploadUrl: { attribute: "upload-url" },
    callUrl: { attribute: "call-url" },
    chatParam: { attribute: "chat-param" },
    credentialsUrl: { attribute: "credentials-url" },
    welcome: {},
    awayMessage: { attribute: "away-message" },
    officeHours: { attribute: "office-hours" },
    prechat: {},
    userName: { attribute: "user-name" },
    userEmail: { attribute: "user-email" },
    // Its own accessor: the listener must be in place as soon as the attribute is, not at the next render.
    interceptLinks: { type: Boolean, attribute: "intercept-links", noAccessor: true },
  };

  /** The account to sign in as, `user@domain`. Validated (RFC 7622, each part at most 1023 bytes). */
  jid = "";
  /** The account's password. Never reflected; prefer setting the property from script, since an attribute stays visible in the page's DOM. */
  password = "";
  /**
   * Optional. The endpoint: WebSocket (RFC 7395) `wss://…`, or BOSH (XEP-0206) `https://…/http-bind`;
   * `ws://` and `http://` for local servers. Without it, the xmppmini rules find the server from the
   * domain's `xmppmini.txt`, and when its WebSocket endpoint cannot be opened the widget falls back to its
   * BOSH endpoint by itself.
   */
  service = "";
  /** Optional. A same-origin URL template containing `{domain}` that returns a domain's `xmppmini.txt`, for sites whose file cannot be read cross-origin. */
  resolver = "";
  /** A bare JID whose conversation opens once online (looked up with the xmppmini rules too). */
  peer = "";
  /**
   * What to call `peer` ("Acme Tea support"): shown in the header and the conversation tabs instead of its
   * address, before any name the peer gives itself (XEP-0172) or its vCard's (XEP-0054).
   */
  peerName = "";
  /** Optional. Days of history this browser keeps; older messages are deleted at sign-in (pending ones never). Unset keeps everything; anything but a number above 0 is refused with `invalid-config`. */
  retention: number | undefined;
  /**
   * `embedded` (default): the widget fills its container and adapts to the container's width. `overlay`: a
   * round launcher in a corner of the page, with the unread count, opens the chat in a panel above it (full
   * screen below 480 px of viewport width, with a close button; Escape closes it).
   */
  mode: "embedded" | "overlay" = "embedded";
  /** Overlay mode: whether the panel is open (reflected). Kept per account across the site's pages, with the conversation shown. */
  open = false;
  /** Overlay mode: `bottom-right` (default) or `bottom-left`. */
  position: "bottom-right" | "bottom-left" = "bottom-right";
  /** `light` or `dark`; unset follows the system's `prefers-color-scheme`. */
  theme: "light" | "dark" | undefined;
  /**
   * Opt-in notifications, space-separated: `title` (the page title counts unread messages), `sound` (a short
   * tone for a message not in view), `system` (a system notification while the page is hidden; permission is
   * asked at the first click inside the widget). Unset: none.
   */
  notify: string | undefined;
  /**
   * `known` (default): a picture shared by someone the person never wrote to (and the page did not name)
   * waits behind a *Show the picture* button, since loading it tells the sender's server that the person is
   * reading now. `always`: every picture loads at once.
   */
  loadImages: "known" | "always" | undefined;
  /**
   * The host's contact list: a page of its own (same origin, or another that speaks `postMessage`), shown
   * in the widget's Contacts view. In a same-origin page, clicks on `xmpp:` links and links carrying
   * `?xmppmini-chat=<jid>` (see `chat-param`) open that conversation; any page may post
   * `{type: "xmppmini:open", jid}` from the roster URL's origin. See docs/host-pages.md.
   */
  rosterUrl = "";
  /**
   * The host's upload page, opened by the attach button with `?peer=<jid>&jid=<our address>`. It uploads
   * by itself and says where the file is by navigating to `xmpp:<peer>?message;body=<url>` (same origin)
   * or posting `{type: "xmppmini:uploaded", url, name, size, mime}` from its own origin. Without it, files
   * go through the server's upload service where it has one (XEP-0363).
   */
  uploadUrl = "";
  /**
   * The host's call page, a template whose `{room}` becomes a new room name for each call (for example
   * `https://meet.example.org/{room}`, a video page the site runs). Set, one-to-one conversations get a
   * call button: it opens a new page in a new tab and invites the peer (XEP-0482, with a readable link for
   * other clients). Invitations that arrive show as a call card (*Join*, *Decline*) with or without it.
   */
  callUrl = "";
  /** The query parameter that marks a chat link on the roster page; default `xmppmini-chat`. */
  chatParam = "";
  /**
   * Without `jid`: a same-origin URL of the host's backend answering `{"jid", "password"}` for the visitor
   * signed in to the site (sent with the page's cookies; 401 when nobody is).
   */
  credentialsUrl = "";
  /**
   * How to sign in without `jid`: unset or `password` (`jid` and `password`, or `credentials-url`);
   * `guest`: a visitor account created once on `domain` (XEP-0077 in-band registration, where the server
   * allows it) and kept in this browser, so the visitor keeps their history; `anonymous`: SASL ANONYMOUS
   * on `domain` (a host the server keeps for it), a new address from the server at each new session.
   * Other values are refused with `invalid-config`.
   */
  login: "" | "password" | "guest" | "anonymous" = "";
  /** With `login="guest"`: the domain to create the visitor's account on; with `anonymous`: the host to sign in to. */
  domain = "";
  /**
   * Rooms to join once signed in (XEP-0045 group chat), separated by spaces or commas:
   * `team@conference.example.org`. Each becomes a conversation of its own.
   */
  rooms = "";
  /** Our nickname in rooms; default: the account's user part (`guest` for an anonymous visitor). */
  nick = "";
  /**
   * A greeting at the top of the conversation with `peer` (or an element with `slot="welcome"`): shown,
   * never sent, in place of the empty conversation's text and above its first message.
   */
  welcome = "";
  /**
   * With `peer` (a support desk): what the conversation says when nobody is there (the peer's presence is
   * unavailable) or the desk is closed (`office-hours`), above the composer; messages are taken all the
   * same. Unset: a sentence of the widget's own saying the message is kept and answered later.
   */
  awayMessage = "";
  /**
   * With `peer`: when the desk is staffed, in its own time zone: `Mon-Fri 09:00-17:30, Sat 10:00-14:00
   * Europe/Berlin` (days or day ranges with 24-hour times, ranges separated by commas, an IANA time zone
   * last; an end before its start is the next day's). Outside them the conversation says the desk is closed
   * and when it opens, in the visitor's time. Hours it cannot read are refused with `invalid-config`.
   */
  officeHours = "";
  /**
   * With `peer`: a pre-chat step above the composer of its conversation, asking the visitor's `name` and
   * `email` (space-separated, `*` after a required one: `prechat="name* email"`). A required field left
   * empty (or an address that is no email address) holds the first message back, with the reason; what the
   * visitor gave goes to the desk as a readable message just before their first one (again after *Edit*),
   * and the name becomes our nickname (XEP-0172). Remembered per account in this browser. Fields the page
   * fills with `user-name` or `user-email` are not asked. Other field names are refused with `invalid-config`.
   */
  prechat = "";
  /** The visitor's name as the site knows it: our nickname (XEP-0172) in one-to-one messages, and a pre-chat field not asked. */
  userName = "";
  /** The visitor's email address as the site knows it: a pre-chat field not asked (and sent as given). */
  userEmail = "";
  /** `offline` | `connecting` | `online` | `error`; reflected, read-only for host pages. */
  status: SessionStatus = "offline";
}
