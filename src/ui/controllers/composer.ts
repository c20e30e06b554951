import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { XmppminiError } from "../../errors.js";
import type { ChatState } from "../../xmpp/chat-states.js";
import type { Strings } from "../i18n/catalog.js";
import type { MentionPicker } from "./mention-picker.js";

// A paper clip (24×24).
const ATTACH_ICON_PATH =
  "M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z";

/** After this long without a keystroke, "typing" becomes "stopped typing" (XEP-0085 §5.3 suggests a few seconds). */
export const PAUSE_AFTER_MS = 5000;

/** A send that failed before the message was taken (shown and queued): its text is still the person's. */
function wasRefused(error: unknown): boolean {
  return error instanceof XmppminiError && (error.code === "invalid-message" || error.code === "not-connected");
}

/** What the composer needs from the widget around it. */
export interface ComposerContext {
  /** The conversation shown, whose draft the composer holds. */
  activePeer(): string | undefined;
  /** Our last message in the shown conversation, the one that may be corrected (XEP-0308 §1). */
  lastOwn(): { id: string; body: string } | undefined;
  draft(peer: string): string;
  saveDraft(peer: string, text: string): void;
  chatState(peer: string, state: ChatState): void;
  /**
   * Sends (or, with `replaces`, corrects): shows and queues the message before it first waits; resolves once
   * it is kept, rejects with a typed error (`invalid-message`, `not-connected`: refused, nothing taken).
   */
  send(peer: string, text: string, replaces?: string): Promise<unknown>;
  failed(error: unknown): void;
  /** In a room: the names one can mention there (XEP-0045 occupants, not us); otherwise nothing. */
  mentionable?(): readonly string[] | undefined;
  /** How long typing may stop before the peer hears `paused` (default PAUSE_AFTER_MS; tests shorten it). */
  pauseAfterMs?: number;
}

/**
 * The message composer: Enter sends, Shift+Enter breaks the line; each conversation keeps its unsent text
 * (across reloads); the peer hears when we type and stop (XEP-0085); ↑ in an empty composer, or the Edit
 * button, corrects our last message (XEP-0308), Escape cancels that.
 */
export class Composer implements ReactiveController {
  /** Whose draft the textarea holds. */
  #peer: string | undefined;
  /** The message being corrected, and the draft it displaced. */
  #editing: { peer: string; id: string; draft: string } | undefined;
  /** Our chat state as last told to the shown conversation's peer. */
  #state: ChatState = "active";
  #pauseTimer: ReturnType<typeof setTimeout> | undefined;
  /** Suggests names after `@` in rooms; set once the room pane's code is loaded (see useMentions). */
  #mentions: MentionPicker | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & { renderRoot: HTMLElement | DocumentFragment },
    private readonly context: ComposerContext,
  ) {
    host.addController(this);
  }

  /** Our newest message in the shown conversation, and what its Edit button does (XEP-0308 §1). */
  editable(): { id: string; edit(): void } | undefined {
    const last = this.context.lastOwn();
    return last && { id: last.id, edit: () => this.editLast() };
  }

  /** Turns on @-suggestions (rooms): `create` makes the picker, given how it asks for a new render. */
  useMentions(create: (changed: () => void) => MentionPicker): void {
    this.#mentions ??= create(() => this.host.requestUpdate());
  }

  get #input(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector<HTMLTextAreaElement>("textarea");
  }

  /** The shown conversation changed (opened, or the first to arrive): its draft goes into the composer. */
  hostUpdated(): void {
    const peer = this.context.activePeer();
    const input = this.#input;
    if (!input || peer === this.#peer) return;
    if (this.#editing) this.#stopEditing();
    else if (this.#peer) this.context.saveDraft(this.#peer, input.value);
    // The conversation left hears that we stopped typing; the next starts from `active`.
    if (this.#state === "composing") this.#setState("paused");
    clearTimeout(this.#pauseTimer);
    this.#state = "active";
    input.value = peer ? this.context.draft(peer) : "";
    this.#peer = peer;
    this.#mentions?.close();
  }

  hostDisconnected(): void {
    clearTimeout(this.#pauseTimer);
  }

  /**
   * The stored drafts are read (the conversation may have opened before them, at sign-in): an empty
   * composer takes its conversation's draft; what the person typed meanwhile stays.
   */
  draftsRead(): void {
    const input = this.#input;
    if (!input || !this.#peer || this.#editing || input.value !== "") return;
    input.value = this.context.draft(this.#peer);
  }

  /** Starts correcting our last message in the shown conversation (nothing when there is none). */
  editLast(): void {
    const peer = this.#peer;
    const last = this.context.lastOwn();
    const input = this.#input;
    if (!peer || !last || !input) return;
    if (!this.#editing) this.#editing = { peer, id: last.id, draft: input.value };
    else this.#editing.id = last.id;
    input.value = last.body;
    this.host.requestUpdate();
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
  }

  /** Puts `text` into `peer`'s draft (a link's `body`), shown at once when that conversation is open. */
  prefill(peer: string, text: string): void {
    this.context.saveDraft(peer, text);
    const input = this.#input;
    if (peer !== this.#peer || !input) return;
    if (this.#editing) this.#stopEditing();
    input.value = text;
    this.host.requestUpdate();
  }

  get editingId(): string | undefined {
    return this.#editing?.id;
  }

  /** Leaves correction mode; the draft it displaced comes back. */
  cancelEdit(): void {
    const input = this.#input;
    if (!this.#editing || !input) return;
    input.value = this.#stopEditing();
    this.host.requestUpdate();
  }

  #stopEditing(): string {
    const draft = this.#editing?.draft ?? "";
    this.#editing = undefined;
    return draft;
  }

  async #submit(): Promise<void> {
    const input = this.#input;
    const peer = this.#peer;
    if (!input || !peer || input.value.trim() === "") return;
    const text = input.value;
    const editing = this.#editing;
    clearTimeout(this.#pauseTimer);
    // A message says `active` itself (XEP-0085 §5.4): no separate notification.
    this.#state = "active";
    if (editing) {
      const unchanged = this.context.lastOwn()?.body === text;
      input.value = this.#stopEditing();
      this.host.requestUpdate();
      if (unchanged) return;
      try {
        await this.context.send(peer, text, editing.id);
      } catch (error) {
        this.context.failed(error);
      }
      return;
    }
    // The message takes over from the draft at once: it is shown and held by the outbox before `send` first
    // waits, so the composer clears in the same task (the store writes it right behind). A message refused
    // before it was taken gives its text back; one taken is shown, and goes out, whatever the store says.
    const sending = this.context.send(peer, text);
    input.value = "";
    this.context.saveDraft(peer, "");
    try {
      await sending;
    } catch (error) {
      if (wasRefused(error)) {
        if (this.#peer === peer && input.value === "") input.value = text;
        this.context.saveDraft(peer, text);
      }
      this.context.failed(error);
    }
  }

  readonly #onKeydown = (event: KeyboardEvent) => {
    // An IME composition (e.g. pinyin) owns its keys.
    if (event.isComposing) return;
    const input = event.currentTarget as HTMLTextAreaElement;
    if (this.#mentions?.keydown(event, input)) return;
    if (event.key === "Enter" && !event.shiftKey) {
      // Enter sends; Shift+Enter is a new line.
      event.preventDefault();
      void this.#submit();
    } else if (event.key === "ArrowUp" && input.value === "" && !this.#editing) {
      event.preventDefault();
      this.editLast();
    } else if (event.key === "Escape" && this.#editing) {
      // Escape cancels the correction first; only a second one closes an overlay panel.
      event.stopPropagation();
      this.cancelEdit();
    }
  };

  readonly #onInput = (event: Event) => {
    const input = event.currentTarget as HTMLTextAreaElement;
    const text = input.value;
    const peer = this.#peer;
    if (!peer) return;
    this.#mentions?.update(input, this.context.mentionable?.());
    // Unsent text is kept as the conversation's draft (it survives a reload); a correction is not a draft.
    if (!this.#editing) this.context.saveDraft(peer, text);
    clearTimeout(this.#pauseTimer);
    if (text.trim() === "") {
      this.#setState("active", "composing", "paused");
      return;
    }
    this.#setState("composing");
    this.#pauseTimer = setTimeout(
      () => this.#setState("paused", "composing"),
      this.context.pauseAfterMs ?? PAUSE_AFTER_MS,
    );
  };

  /** Moves our chat state to `state` (only from one of `from`, when given) and tells the peer. */
  #setState(state: ChatState, ...from: ChatState[]): void {
    const peer = this.#peer;
    if (this.#state === state || (from.length > 0 && !from.includes(this.#state))) return;
    this.#state = state;
    if (state !== "composing") clearTimeout(this.#pauseTimer);
    if (peer) this.context.chatState(peer, state);
  }

  readonly #onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.#submit();
  };

  /** `attach`: where files can be shared, what the attach button does; `record`: the record button, if any. */
  render(
    strings: Strings,
    canSend: boolean,
    attach?: () => void,
    record: TemplateResult | typeof nothing = nothing,
  ): TemplateResult {
    return html`${
      this.#editing
        ? html`<div part="editing" class="editing" role="status">
            <span>${strings.editing}</span>
            <button type="button" class="link" @click=${() => this.cancelEdit()}>${strings.cancel}</button>
          </div>`
        : nothing
    }
      ${this.#mentions?.render(() => this.#input) ?? nothing}
      <form part="composer" @submit=${this.#onSubmit}>
        <label class="visually-hidden" for="input">${strings.inputLabel}</label>
        <textarea
          id="input"
          part="input"
          rows="1"
          placeholder=${strings.inputPlaceholder}
          aria-autocomplete=${this.context.mentionable?.() ? "list" : nothing}
          aria-expanded=${this.#mentions?.open ? "true" : nothing}
          aria-controls=${this.#mentions?.open ? "mentions" : nothing}
          aria-activedescendant=${this.#mentions?.activeId ?? nothing}
          @keydown=${this.#onKeydown}
          @input=${this.#onInput}
        ></textarea>
        ${
          attach
            ? html`<button part="attach" class="attach" type="button" aria-label=${strings.attach} title=${strings.attach} ?disabled=${!canSend} @click=${attach}>
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d=${ATTACH_ICON_PATH} /></svg>
            </button>`
            : nothing
        }
        ${record}
        <button part="send" class="primary" type="submit" ?disabled=${!canSend}>${strings.send}</button>
      </form>`;
  }
}
