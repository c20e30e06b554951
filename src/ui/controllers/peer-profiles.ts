import { html, type PropertyValues, type TemplateResult } from "lit";
import { parseJid } from "../../jid/jid.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { Profile } from "../../session/profiles.js";
import type { ChatMessage } from "../../xmpp/chat-message.js";
import type { renderAvatar as RenderAvatar } from "../avatars/avatar.js";
import { addStyles } from "../styles/add-styles.js";

/** What the peers' names and pictures need from the session. */
export interface ProfileSource {
  /** What this browser keeps of `peer` (asking the contact afresh once per connection). */
  profile(peer: string): Profile | undefined;
}

/**
 * The names and pictures of the people we chat with, for the header, the conversation tabs and rooms.
 * A name is, in order: what the host page calls them, the name they give themselves with their messages
 * (XEP-0172), their vCard's (XEP-0054); else the address is shown. A picture is their avatar (XEP-0084) or
 * vCard photo, else initials on their colour (XEP-0392).
 */
export class PeerProfiles {
  /** Newer than the store's: what the session reported during this page. */
  readonly #learned = new Map<string, Profile>();
  /** The newest XEP-0172 name each contact gave with a message, and that message's place. */
  readonly #given = new Map<string, { name: string; order: number }>();
  /** Names the host page gave on this page (it gives them again on the next). */
  readonly #fromHost = new Map<string, string>();
  /** How pictures and initials are drawn: a chunk (its colours need a digest), loaded at the first one shown. */
  #draw: typeof RenderAvatar | undefined;
  #loading = false;

  constructor(
    private readonly host: XmppminiChatElement,
    private readonly source: ProfileSource,
  ) {}

  /** Before each update: `peer-name` names the page's `peer`. */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    if (!changed.has("peerName") && !changed.has("peer")) return;
    const { peer, peerName } = this.host;
    if (!peer || !peerName) return;
    try {
      this.nameFromHost(parseJid(peer).bare, peerName);
    } catch {
      // No valid peer: the panel says so when it opens its conversation.
    }
  }

  /** The session reports who `peer` is. */
  learn(peer: string, profile: Profile): void {
    this.#learned.set(peer, profile);
    this.host.requestUpdate();
  }

  /** A message shown: a contact's message may say what it calls itself. */
  shown(message: ChatMessage): void {
    if (message.direction !== "in" || message.room || !message.senderName) return;
    const order = message.order ?? message.timestamp;
    const known = this.#given.get(message.peer);
    if (known && known.order > order) return;
    this.#given.set(message.peer, { name: message.senderName, order });
    if (known?.name !== message.senderName) this.host.requestUpdate();
  }

  /** The host page names `peer` (`peer-name`, a chat link's `name`, `xmppmini:open`'s `name`). */
  nameFromHost(peer: string, name: string | null | undefined): void {
    const cleaned = (name ?? "").replace(/\s+/gu, " ").trim().slice(0, 100);
    if (!cleaned || this.#fromHost.get(peer) === cleaned) return;
    this.#fromHost.set(peer, cleaned);
    this.host.requestUpdate();
  }

  /** Signed in as another account: what was learned of the last one's contacts is not this one's. */
  forget(): void {
    this.#learned.clear();
    this.#given.clear();
  }

  #profile(peer: string): Profile | undefined {
    // Always asked of the source: that is what asks the contact, once per connection.
    const kept = this.source.profile(peer);
    return this.#learned.get(peer) ?? kept;
  }

  /** The name to show for `peer`, if anyone gave one. */
  nameOf(peer: string): string | undefined {
    const profile = this.#profile(peer);
    return this.#fromHost.get(peer) ?? this.#given.get(peer)?.name ?? profile?.name;
  }

  /** `peer`'s picture, or its initials on its colour; an empty circle of the same size until they can be drawn. */
  renderAvatar(peer: string): TemplateResult {
    if (this.#draw) return this.#draw(peer, this.nameOf(peer), this.#profile(peer)?.avatar);
    if (!this.#loading) {
      this.#loading = true;
      import("../avatars/avatar.js").then(
        ({ renderAvatar, avatarStyles }) => {
          addStyles(this.host, avatarStyles);
          this.#draw = renderAvatar;
          this.host.requestUpdate();
        },
        () => {
          this.#loading = false; // tried again at the next render that shows one
        },
      );
    }
    return html`<span part="avatar" class="avatar" aria-hidden="true"></span>`;
  }
}
