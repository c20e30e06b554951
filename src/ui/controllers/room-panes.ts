import { nothing, type PropertyValues, type TemplateResult } from "lit";
import { parseJid } from "../../jid/jid.js";
import type { Conversations } from "../../session/conversations.js";
import type { RoomView } from "../../session/rooms.js";
import { addStyles } from "../styles/add-styles.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { Composer } from "./composer.js";
import type { Localisation } from "./localisation.js";
import type { PanelState } from "./panel-state.js";
import type { Problems } from "./problems.js";
import type { SessionController } from "./session-controller.js";
import type { UiState } from "./ui-state.js";

type RoomUi = typeof import("../room-ui.js");

/**
 * The rooms as the widget shows them (XEP-0045): those the `rooms` attribute names are joined once
 * online, except those the person left here; each is a conversation with a bar under the header (its
 * subject, its occupants, muting, leaving). The bar's code is a chunk loaded with the first room.
 */
export class RoomPanes {
  /** The rooms as the session reports them. */
  readonly #views = new Map<string, RoomView>();
  /** Rooms the person left here: the `rooms` attribute does not take them back in (kept with the panel state). */
  readonly #left = new Set<string>();
  #occupantsShown = false;
  /** The room pane's code (room-ui.ts), loaded with the first room. */
  #ui: RoomUi | undefined;
  #uiLoading = false;

  readonly #host: XmppminiChatElement;
  readonly #conversations: Conversations;
  readonly #session: SessionController;
  readonly #panel: PanelState;
  readonly #composer: Composer;
  readonly #problems: Problems;
  readonly #language: Localisation;

  constructor(
    host: XmppminiChatElement,
    conversations: Conversations,
    session: SessionController,
    panel: PanelState,
    composer: Composer,
    problems: Problems,
    language: Localisation,
  ) {
    this.#host = host;
    this.#conversations = conversations;
    this.#session = session;
    this.#panel = panel;
    this.#composer = composer;
    this.#problems = problems;
    this.#language = language;
  }

  /** Signed in: the rooms muted and left on the site's earlier pages. */
  restore(kept: UiState): void {
    const muted = this.#conversations.muted;
    muted.clear();
    for (const room of kept.muted ?? []) muted.add(room);
    this.#left.clear();
    for (const room of kept.left ?? []) this.#left.add(room);
  }

  /** The session reports a room's state. */
  show(view: RoomView): void {
    this.#loadUi();
    this.#views.set(view.jid, view);
    this.#conversations.include(view.jid);
    this.#host.requestUpdate();
  }

  /** Before each update: new names in `rooms` are joined at once when online. */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    if (changed.has("rooms") && this.#host.status === "online") this.joinListed();
  }

  /** Joins the rooms the `rooms` attribute names, but for those the person left here. */
  joinListed(): void {
    for (const room of (this.#host.rooms ?? "").split(/[\s,]+/).filter(Boolean)) {
      const failed = (error: unknown) =>
        this.#problems.fail(error, "invalid-jid", `The room "${room}" is not a valid address.`);
      let bare: string;
      try {
        bare = parseJid(room).bare;
      } catch (error) {
        failed(error);
        continue;
      }
      if (!this.#left.has(bare)) this.join(bare).catch(failed);
    }
  }

  /** See the element's `joinRoom`. */
  async join(jid: string, { nick, password }: { nick?: string; password?: string } = {}): Promise<void> {
    const room = parseJid(jid).bare;
    if (this.#left.delete(room)) this.#panel.remember({ left: [...this.#left] });
    await this.#session.chat.joinRoom(room, nick || this.#nickname, password);
  }

  /** See the element's `leaveRoom`. */
  async leave(jid: string): Promise<void> {
    const room = parseJid(jid).bare;
    this.#left.add(room);
    this.#panel.remember({ left: [...this.#left] });
    await this.#session.chat.leaveRoom(room);
  }

  /** In the shown room, the names one can mention there (the occupants but us). */
  mentionable(): string[] | undefined {
    const view = this.active;
    return view?.occupants.map((occupant) => occupant.nick).filter((nick) => nick !== view.nick);
  }

  /** The shown room: as the session reports it, or one this browser has messages of but is not in (left on an earlier page). */
  get active(): RoomView | undefined {
    const active = this.#conversations.active;
    if (!active) return undefined;
    const view = this.#views.get(active.peer);
    if (view || !active.messages[0]?.room) return view;
    return { jid: active.peer, nick: this.#nickname, status: "left", subject: "", occupants: [] };
  }

  /** The bar under the header of the shown room `room` (nothing until its code is here). */
  renderBar(room: RoomView | undefined): TemplateResult | typeof nothing {
    if (!room) return nothing;
    const ui = this.#ui;
    if (!ui) {
      this.#loadUi();
      return nothing;
    }
    const muted = this.#conversations.muted;
    return ui.renderRoomBar(ui.roomStringsFor(this.#language.strings.locale), room, {
      joinAgain: () =>
        void this.join(room.jid, { nick: room.wantedNick ?? room.nick }).catch((error: unknown) =>
          this.#problems.fail(error, "room-error", "The room could not be joined."),
        ),
      leave: () => void this.leave(room.jid),
      muted: muted.has(room.jid),
      toggleMute: () => {
        if (!muted.delete(room.jid)) muted.add(room.jid);
        this.#panel.remember({ muted: [...muted] });
        this.#host.requestUpdate();
      },
      toggleOccupants: () => {
        this.#occupantsShown = !this.#occupantsShown;
        this.#host.requestUpdate();
      },
      occupantsShown: this.#occupantsShown,
    });
  }

  get #nickname(): string {
    // An anonymous visitor's account is the bare domain until the server names it.
    const account = this.#session.account;
    return this.#host.nick.trim() || (account.includes("@") ? account.split("@")[0]! : "guest");
  }

  /** Loads the room pane's code once; the pane shows when it is here. */
  #loadUi(): void {
    if (this.#ui || this.#uiLoading) return;
    this.#uiLoading = true;
    void import("../room-ui.js").then((ui) => {
      this.#ui = ui;
      const host = this.#host;
      // The room pane's styles come with its code.
      addStyles(host, ui.roomStyles);
      addStyles(host, ui.avatarStyles);
      this.#composer.useMentions(
        (changed) =>
          new ui.MentionPicker(changed, () => ui.roomStringsFor(this.#language.strings.locale).mentionSuggestions),
      );
      host.requestUpdate();
    });
  }
}
