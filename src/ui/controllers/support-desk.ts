import { html, nothing, type PropertyValues, type ReactiveController, type TemplateResult } from "lit";
import type { Conversation } from "../../session/conversations.js";
import { XmppminiError } from "../../errors.js";
import type { DeskClock, Prechat, PrechatDetails, PrechatField } from "../desk-notice.js";
import { parseJid } from "../../jid/jid.js";
import { addStyles } from "../styles/add-styles.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { PeerStatus } from "./peer-status.js";
import type { Problems } from "./problems.js";

type DeskCode = typeof import("../desk-notice.js");

/** What the desk needs of the session: the account signed in, and where our nickname goes. */
export interface DeskSession {
  account(): string;
  nickname(nick: string): void;
}

/**
 * The page's `peer` as a support desk: a welcome at the top of its conversation (`welcome`), and above the
 * composer what happens to a message now, when nobody is there, they are away, or the desk is closed
 * (`away-message`, `office-hours`). The notice's code is a chunk, loaded when a page sets either.
 */
export class SupportDesk implements ReactiveController {
  #desk: { code: DeskCode; clock: DeskClock; prechat: Prechat } | undefined;
  /** The pre-chat step's fields (`prechat`), once the desk's code is here. */
  #fields: readonly PrechatField[] = [];
  #loading = false;

  constructor(
    private readonly host: XmppminiChatElement,
    private readonly peers: PeerStatus,
    private readonly problems: Problems,
    private readonly session: DeskSession,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#desk?.clock.update();
  }

  hostDisconnected(): void {
    this.#desk?.clock.stop();
  }

  /** Before each update: the notice's code comes with the first setting; new office hours are read. */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    if (changed.has("userName")) this.session.nickname(this.host.userName ?? "");
    if (changed.has("prechat")) this.#readFields();
    if (!["officeHours", "awayMessage", "prechat"].some((name) => changed.has(name as keyof XmppminiChatElement)))
      return;
    this.#desk?.clock.update();
    if (this.#desk || this.#loading || !this.#wanted()) return;
    this.#load();
  }

  /** Fetches the desk's code (its notice, pre-chat step, words and styles). */
  #load(): void {
    this.#loading = true;
    const host = this.host;
    import("../desk-notice.js").then(
      (code) => {
        addStyles(host, code.deskStyles);
        const clock = new code.DeskClock(host, (error) =>
          this.problems.fail(error, "invalid-config", "The office hours cannot be read."),
        );
        this.#desk = { code, clock, prechat: new code.Prechat(host) };
        clock.update();
        this.#readFields();
        host.requestUpdate();
      },
      (error: unknown) => {
        this.#loading = false;
        this.problems.fail(error, "connection-failed", "The support desk's notice could not be loaded.");
      },
    );
  }

  /** Whether the page asks for the desk's code: the notice or the pre-chat step (attributes removed are null). */
  #wanted(): boolean {
    return Boolean(this.host.officeHours || this.host.awayMessage || this.host.prechat);
  }

  /** Fields it cannot read are said (`invalid-config`), and none are asked. */
  #readFields(): void {
    this.#fields = [];
    const code = this.#desk?.code;
    if (!code || !this.host.prechat) return;
    try {
      this.#fields = code.parsePrechat(this.host.prechat);
    } catch (error) {
      this.problems.fail(error, "invalid-config", "The pre-chat fields cannot be read.");
    }
    this.host.requestUpdate();
  }

  #deskAddress: { peer: string; bare: string | undefined } | undefined;

  /** Whether `conversation` is the one with `peer`, its address read as the conversations' are (RFC 7622). */
  #isDesk(conversation: Conversation | undefined): conversation is Conversation {
    return conversation !== undefined && this.#isDeskPeer(conversation.peer);
  }

  #isDeskPeer(address: string): boolean {
    const peer = this.host.peer ?? "";
    if (this.#deskAddress?.peer !== peer) {
      let bare: string | undefined;
      try {
        bare = peer ? parseJid(peer).bare : undefined;
      } catch {
        bare = undefined; // said where the conversation is opened; no desk here
      }
      this.#deskAddress = { peer, bare };
    }
    return address === this.#deskAddress.bare;
  }

  /** The greeting at the top of the desk's conversation: the `welcome` text, or what the page slots in. */
  renderWelcome(conversation: Conversation | undefined): TemplateResult | typeof nothing {
    const host = this.host;
    if (!this.#isDesk(conversation) || (!host.welcome && !host.querySelector(':scope > [slot="welcome"]')))
      return nothing;
    return html`<div part="welcome" class="welcome"><slot name="welcome">${host.welcome}</slot></div>`;
  }

  /** Above the composer of the desk's conversation: closed, nobody there, or away, and what happens to a message. */
  renderNotice(locale: string, conversation: Conversation | undefined): TemplateResult | typeof nothing {
    const desk = this.#desk;
    const host = this.host;
    if (!desk || !this.#isDesk(conversation) || !(host.awayMessage || host.officeHours)) return nothing;
    return desk.code.renderDeskNotice({
      locale,
      awayMessage: host.awayMessage ?? "",
      hours: desk.clock.hours,
      availability: this.peers.presenceOf(conversation.peer)?.availability,
      now: new Date(),
    });
  }

  /**
   * Before our message to `peer`: with a pre-chat step for the desk, a typed refusal (`invalid-message`)
   * while a required field is missing, else the details to send first (once), or nothing.
   */
  beforeSend(peer: string, locale: string): PrechatDetails | undefined {
    if (!this.host.prechat || !this.#isDeskPeer(peer)) return undefined;
    const desk = this.#desk;
    if (!desk) {
      // Its code could not be fetched: the desk still gets the message (the step is a courtesy, not a lock),
      // and the code is asked for again.
      if (!this.#loading) {
        this.#load();
        return undefined;
      }
      throw new XmppminiError("invalid-message", "One moment: the form above is still on its way.");
    }
    const account = this.session.account();
    if (!account) return undefined;
    const details = desk.prechat.beforeSend(account, peer, this.#fields, locale);
    this.session.nickname(desk.prechat.nameFor(account));
    return details;
  }

  /** Above the composer of the desk's conversation: the pre-chat step, or who the visitor said they are. */
  renderPrechat(locale: string, conversation: Conversation | undefined): TemplateResult | typeof nothing {
    const desk = this.#desk;
    const account = this.session.account();
    if (!desk || !account || !this.host.prechat || !this.#isDesk(conversation)) return nothing;
    return desk.prechat.render(account, conversation.peer, this.#fields, locale);
  }
}
