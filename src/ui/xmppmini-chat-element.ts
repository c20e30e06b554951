import { html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { ChatProperties } from "./chat-properties.js";
import { chatControllers } from "./controllers/chat-controllers.js";
import { nextFrame } from "./controllers/frame-pacing.js";
import { messageDetail, type XmppminiMessageDetail } from "./events.js";
import { chatStyles } from "./styles/chat-styles.js";
import { overlayStyles } from "./styles/overlay-styles.js";
import { themeStyles } from "./styles/theme-styles.js";
import { renderErrorBanner, renderNotice } from "./templates/banners.js";
import { renderLauncher } from "./templates/launcher.js";
import { renderConversationTabs, renderMessageList } from "./templates/message-list.js";

/**
 * An XMPP chat that a host page drops in with one tag.
 *
 * @tagname xmppmini-chat
 * @attr lang - The widget's language (a BCP 47 tag); unset follows the page's `lang`. English, or Simplified Chinese (`zh`, `zh-CN`, `zh-Hans`).
 * @fires {CustomEvent<XmppminiStatusDetail>} xmppmini-status - Whenever the connection status changes: `{status, transport, fallback, resumed, retryAt}`.
 * @fires {CustomEvent<XmppminiMessageDetail>} xmppmini-message - For every message shown: `{from, to, body, id, direction, timestamp, …}`; also for an answer to a call invitation (`callAnswer`, an empty body), which marks the invitation instead of showing.
 * @fires {CustomEvent<XmppminiErrorDetail>} xmppmini-error - For every failure, also shown in the widget: `{code, message}`.
 * @fires {CustomEvent<XmppminiDeliveryDetail>} xmppmini-delivery - When one of our messages changes delivery state: `{id, to, state, reason}`.
 * @csspart base - The widget's frame.
 * @csspart header - The header: the conversation's title, the peer's presence, and our connection's state while it is not online.
 * @csspart presence - In the header: the peer's availability and status text, with `data-availability`.
 * @csspart conversations - The conversation tabs (each with `data-peer`).
 * @csspart unread - A conversation tab's unread count.
 * @csspart messages - The message list.
 * @csspart load-older - Above the messages: the button that loads older ones.
 * @csspart day - A day's divider in the message list.
 * @csspart message - One message body; carries `data-direction="in"|"out"`.
 * @csspart headline - An announcement (a `headline` message).
 * @csspart more - A long body's *Show all* control.
 * @csspart timestamp - A message's time.
 * @csspart edited - The *edited* mark of a corrected message.
 * @csspart delivery - Our message's delivery state, with `data-state`.
 * @csspart retry - The *Retry* button of a message not sent.
 * @csspart edit - The *Edit* button of our last message.
 * @csspart typing - *Typing…*: the peer is typing.
 * @csspart welcome - With `welcome` (or the `welcome` slot): the greeting at the top of the conversation with `peer`.
 * @csspart prechat - With `prechat`: the pre-chat step above the composer of the conversation with `peer` (labelled fields `#prechat-name`, `#prechat-email`).
 * @csspart prechat-done - After the pre-chat step: who the visitor said they are, with *Edit*.
 * @csspart prechat-edit - The *Edit* button that asks the pre-chat step again.
 * @csspart availability - With `away-message` or `office-hours`: above the composer of the conversation with `peer`, that the desk is closed, nobody is there or they are away, and what happens to a message; with `data-state` (`closed`, `nobody`, `away`).
 * @csspart editing - The composer's bar while a message is corrected.
 * @csspart composer - The composer: the text box and its buttons.
 * @csspart input - The composer's textarea (Enter sends, Shift+Enter inserts a newline).
 * @csspart send - The send button.
 * @csspart attach - The composer's button for sharing a file.
 * @csspart record - The composer's button that records a voice message (where files can be shared and the browser records): click to start, again to stop and send; Escape cancels. `aria-pressed` while recording.
 * @csspart recording - While a voice message is recorded: how long so far, and *Cancel*.
 * @csspart attachment - A shared file in a message: a picture, a voice message's player, or a card with name and size.
 * @csspart audio - The `<audio>` player of a shared recording (a voice message); it fetches nothing until played.
 * @csspart upload-bar - The host's upload page's bar (with its close button).
 * @csspart upload - With `upload-url`: the iframe holding the host's upload page.
 * @csspart uploads - The files being uploaded through the server.
 * @csspart upload-progress - One upload's progress bar.
 * @csspart upload-cancel - One upload's *Cancel* button.
 * @csspart error - The error banner.
 * @csspart notice - A lasting notice (history cannot be kept in this browser).
 * @csspart call - With `call-url`, in a one-to-one conversation: the header's button that opens a new call page in a new tab and invites the peer (XEP-0482).
 * @csspart call-card - A call invitation in the conversation, with `data-state`: `ringing`, `accepted`, `rejected`, `missed` (theirs withdrawn, or any unanswered for a minute), `retracted` (ours withdrawn).
 * @csspart call-join - A ringing invitation's *Join* link: opens the call page in a new tab and tells the caller (`accept`).
 * @csspart call-decline - A ringing invitation's *Decline* button: tells the caller (`reject`).
 * @csspart call-cancel - Our ringing invitation's *Cancel* button: withdraws it (`retract`).
 * @csspart call-open - The call page's link on our invitation and on a call taken.
 * @csspart avatar - A peer's picture (its avatar or vCard photo), or its initials on its XEP-0392 colour: in the header and the conversation tabs; a room's occupants' initials in its occupant list.
 * @csspart address - In the header, under a peer's name: its address.
 * @csspart save - The header's *Save* button: the conversation shown, as this browser stored it, downloaded as a text file.
 * @csspart contacts-button - With `roster-url`: the header button that shows the host's contact page.
 * @csspart roster - With `roster-url`: the iframe holding the host's contact page.
 * @csspart roster-error - With `roster-url`: what is shown in the contacts' place when the page cannot be.
 * @csspart join-prompt - A room link in a message asks before joining: the question.
 * @csspart join-confirm - The question's *Join* button.
 * @csspart join-cancel - The question's *Cancel* button.
 * @csspart room - In a room: the bar under the header (subject, occupants, leave, why we are not in it), with `data-status`.
 * @csspart subject - In a room: its subject.
 * @csspart occupants-button - In a room: the button that lists who is in it.
 * @csspart occupants - In a room: the list of the people in it (each with `data-role`).
 * @csspart mute - In a room: the *Mute* button, with `aria-pressed`.
 * @csspart leave - In a room: the *Leave* button.
 * @csspart join-again - In a room we are not in: the *Join again* button.
 * @csspart nick - In a room: the sender's nickname above a message.
 * @csspart mentions - In a room: the names suggested while `@` is typed.
 * @csspart launcher - Overlay mode: the round button that opens and closes the panel.
 * @csspart launcher-badge - Overlay mode: the launcher's unread count.
 * @csspart close - Overlay mode: the panel's close button.
 * @slot title - The header's title, in place of the conversation's address (for example "Acme Tea support").
 * @slot empty - What a conversation without messages shows, in place of "No messages yet. Say hello!".
 * @slot welcome - A greeting at the top of the conversation with `peer`, in place of the `welcome` text.
 * @cssprop --xmppmini-accent - Accent colour (own messages, buttons).
 * @cssprop --xmppmini-accent-text - Text on the accent colour.
 * @cssprop --xmppmini-bg - Background colour.
 * @cssprop --xmppmini-fg - Text colour.
 * @cssprop --xmppmini-muted - Secondary text colour.
 * @cssprop --xmppmini-bubble-in - Background of incoming messages.
 * @cssprop --xmppmini-border - Lines between the parts.
 * @cssprop --xmppmini-border-strong - Stronger lines (inputs, cards).
 * @cssprop --xmppmini-error-bg - The error banner's background.
 * @cssprop --xmppmini-error-fg - The error banner's text.
 * @cssprop --xmppmini-radius - Corner radius.
 * @cssprop --xmppmini-font - Font family.
 * @cssprop --xmppmini-z-index - Overlay mode: the stacking order of the launcher and the panel (default 2147483000).
 * @cssprop --xmppmini-offset-x - Overlay mode: the distance from the viewport's side (default 16px).
 * @cssprop --xmppmini-offset-y - Overlay mode: the distance from the viewport's bottom (default 16px).
 * @cssprop --xmppmini-launcher-size - Overlay mode: the launcher's diameter (default 56px).
 * @cssprop --xmppmini-panel-width - Overlay mode: the panel's width (default 380px; never wider than the viewport).
 * @cssprop --xmppmini-panel-height - Overlay mode: the panel's height (default 560px; never taller than the viewport).
 * @cssprop --xmppmini-badge-bg - The unread count's background (default #dc2626).
 * @cssprop --xmppmini-badge-fg - The unread count's text (default #fff).
 */
export class XmppminiChatElement extends ChatProperties {
  static override styles = [themeStyles, chatStyles, overlayStyles];

  // Not while a language catalog is on its way: the first render waits for it (see scheduleUpdate).
  readonly #parts = chatControllers(this, () => {
    if (this.isUpdatePending && !this.#parts.language.loading()) this.performUpdate();
  });

  /**
   * A burst of messages arrives one network event at a time, each asking for an update: render at most
   * once a frame. The first render is not held back, except by a language catalog still on its way, so
   * that a page in Chinese never shows English first.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const wait = this.#parts.language.loading() ?? (this.hasUpdated ? nextFrame() : undefined);
    return wait ? wait.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  // The language follows the element's own `lang` attribute (see Localisation), which is no property.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, "lang"];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === "lang") this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const { attention, problems, session, panel, rooms, desk, profiles } = this.#parts;
    for (const part of [attention, problems, session, panel, rooms, desk, profiles]) part.check(changed);
  }

  /** The header's title: the peer's name (with its address) where one is known, else its address. */
  #title(peer: string | undefined, isRoom: boolean): TemplateResult | string {
    if (!peer) return this.#parts.session.account || this.jid || "xmppmini-chat";
    const name = isRoom ? undefined : this.#parts.profiles.nameOf(peer);
    return name ? html`${name} <span part="address" class="address">${peer}</span>` : peer;
  }

  /** When set, a click on any `xmpp:` link on the host page opens that conversation in the widget (its `body` waits in the composer). */
  get interceptLinks(): boolean {
    return this.#parts.links.page.watchingPage;
  }

  set interceptLinks(value: boolean) {
    const old = this.interceptLinks;
    this.#parts.links.page.watchPage(Boolean(value));
    this.requestUpdate("interceptLinks", old);
  }

  /**
   * Signs in with the current attributes. Resolves when online or when the attempt failed (see `status`).
   * The element also connects by itself once it is in the document with what it needs to sign in.
   */
  connect(): Promise<void> {
    return this.#parts.session.connect();
  }

  /** Signs out cleanly. */
  disconnect(): Promise<void> {
    return this.#parts.session.disconnect();
  }

  /** Overlay mode: opens or closes the panel (`force` says which). Focus goes to the composer or back to the launcher. */
  toggle(force?: boolean): void {
    this.#parts.panel.toggle(force);
  }

  /**
   * Shows the conversation with `jid`: a bare JID, a room's, or a room occupant's full JID (a private
   * conversation). Throws an `XmppminiError` (`invalid-jid`) for a bad address.
   */
  openConversation(jid: string): void {
    this.#parts.panel.openConversation(jid);
  }

  /**
   * Opens the chat: the overlay panel, and the conversation with `jid` when given. An invalid address is
   * reported (the banner and `xmppmini-error`) and answers false; nothing throws.
   */
  openChat(jid?: string): boolean {
    return this.#parts.panel.openChat(jid);
  }

  /**
   * Sends `text` to `jid`. Resolves with the message once it is stored (state `pending`): it goes out now, or when
   * the connection returns; `xmppmini-delivery` events follow its state. Throws typed errors
   * (`invalid-jid`, `invalid-message`, `not-connected` before any sign-in).
   */
  async send(jid: string, text: string): Promise<XmppminiMessageDetail> {
    return messageDetail(await this.#parts.session.chat.send(jid, text));
  }

  /** Sends a `failed` message again, with its original id. */
  retry(id: string): void {
    this.#parts.session.chat.retry(id);
  }

  /**
   * Joins the room `jid` (XEP-0045) and shows it: as `nick` (default: the `nick` attribute, else our user
   * part), with `password` where the room needs one. The room is joined again after every new session.
   * Throws `invalid-jid` for an address that is no room's; a room that refuses says why in the widget
   * and with `xmppmini-error` (`room-error`).
   */
  joinRoom(jid: string, options?: { nick?: string; password?: string }): Promise<void> {
    return this.#parts.rooms.join(jid, options);
  }

  /** Leaves the room `jid`; its conversation stays, with a button to join again. */
  leaveRoom(jid: string): Promise<void> {
    return this.#parts.rooms.leave(jid);
  }

  /** Offers the conversation with `peer`, as this browser stored it, as a text file (the code is a chunk). */
  async #saveTranscript(peer: string): Promise<void> {
    const { session, problems } = this.#parts;
    try {
      const [transcript, messages] = await Promise.all([
        import("./transcript/transcript.js"),
        session.chat.storedConversation(peer),
      ]);
      const now = Date.now();
      transcript.downloadTranscript(peer, transcript.transcriptText(peer, session.account, messages, now), now);
    } catch (error) {
      problems.fail(error, "message-error", "The conversation could not be saved.");
    }
  }

  protected override render(): TemplateResult {
    const {
      language,
      problems,
      conversations,
      session,
      peers,
      pager,
      composer,
      panel,
      rooms,
      links,
      files,
      pictures,
      voice,
      calls,
      profiles,
      desk,
    } = this.#parts;
    const strings = language.strings;
    const active = conversations.active;
    const slice = active && pager.slice(active);
    const room = rooms.active;
    // While connecting or waiting to retry, messages are kept as pending and go out on reconnection.
    const canSend =
      this.status !== "offline" && active !== undefined && room?.status !== "error" && room?.status !== "left";
    const overlay = this.mode === "overlay";
    // With a roster page and no conversation yet, the contacts are what there is to show.
    const uploading = panel.view === "upload" && files.pagePeer !== undefined;
    const contacts = !uploading && Boolean(this.rosterUrl) && (panel.view === "contacts" || !active);
    const shown = html`<section part="base" class="chat" id="panel" ?hidden=${overlay && !this.open} @keydown=${(event: KeyboardEvent) => voice.keydown(event) || panel.keydown(event)}
      @dragover=${files.dragOver} @dragleave=${files.dragLeave} @drop=${files.take} @paste=${files.take}>
      <header part="header">
        ${active && !contacts && !room && !active.peer.includes("/") ? profiles.renderAvatar(active.peer) : nothing}
        <span class="title">
          <span class="name">${contacts ? strings.contacts : html`<slot name="title">${this.#title(active?.peer, room !== undefined)}</slot>`}</span>
          ${active && !contacts && !room ? peers.renderPresence(strings, active.peer) : nothing}
        </span>
        <span class="status" data-status=${this.status} role="status">${this.status === "online" ? "" : strings.status[this.status]}</span>
        ${!contacts && !uploading ? calls.renderButton(canSend) : nothing}
        ${
          active && !contacts && !uploading
            ? html`<button part="save" class="save" aria-label=${strings.saveConversation} title=${strings.saveConversation}
              @click=${() => void this.#saveTranscript(active.peer)}>${strings.save}</button>`
            : nothing
        }
        ${
          this.rosterUrl
            ? html`<button part="contacts-button" class="contacts" aria-pressed=${contacts ? "true" : "false"} ?disabled=${contacts && !active}
              @click=${() => (panel.view = contacts ? "chat" : "contacts")}>${strings.contacts}</button>`
            : nothing
        }
        ${overlay ? html`<button part="close" class="close" aria-label=${strings.closeChat} @click=${() => this.toggle(false)}>×</button>` : nothing}
      </header>
      ${renderErrorBanner(strings, problems.error, {
        status: this.status,
        retryAt: problems.retryAt,
        retryNow: () => session.chat.retryNow(),
        reconnect: () => void this.connect(),
        dismiss: () => problems.dismiss(),
      })}
      ${renderNotice(strings, problems.notice, () => problems.dismissNotice())}
      ${links.messages.render(strings)}
      ${links.page.renderRoster(strings, contacts)}
      ${uploading ? files.renderPage(strings) : nothing}
      <div class="conversation" ?hidden=${contacts || uploading}>
      ${renderConversationTabs(
        strings,
        conversations.all,
        active,
        (peer) => {
          panel.view = "chat";
          this.openConversation(peer);
        },
        profiles,
      )}
      ${rooms.renderBar(room)}
      ${renderMessageList(strings, active, slice, {
        retry: (id) => this.retry(id),
        editable: composer.editable(),
        above: html`${pager.renderAbove(strings, active, slice)}${pager.atStart(active, slice) ? desk.renderWelcome(active) : nothing}`,
        welcome: desk.renderWelcome(active),
        scrolled: (list) => pager.scrolled(list),
        footer: active ? peers.renderTyping(strings, active.peer) : nothing,
        reading: session.account !== "" && !session.storedShown,
        heldPicture: (message) => pictures.reveal(message),
        callCard: (message) => calls.renderCard(strings, message),
      })}
      ${files.renderUploads(strings)}
      ${desk.renderNotice(strings.locale, active)}
      ${desk.renderPrechat(strings.locale, active)}
      ${voice.renderRecording(strings)}
      ${composer.render(strings, canSend, files.attach, voice.renderButton(strings, canSend))}
      </div>
    </section>`;
    if (!overlay) return shown;
    return html`<div class="overlay">${shown}${renderLauncher(strings, { open: this.open, unread: conversations.unread, toggle: () => this.toggle() })}</div>`;
  }
}
