import { html, nothing, type TemplateResult } from "lit";

/** At most this many names are suggested at once. */
const MAX_SUGGESTIONS = 8;

/**
 * The `@name` being typed at the caret: where its `@` is and what follows it. Null when the caret is not in
 * one (an `@` inside a word, as in an e-mail address, starts none).
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  if (at > 0 && /[\p{L}\p{N}_.]/u.test(before[at - 1]!)) return null;
  const query = before.slice(at + 1);
  // A name may hold a space ("Ann Lee") but the query ends at a line break or a second space in a row.
  if (/\n| {2}/.test(query) || query.length > 64) return null;
  return { start: at, query };
}

/** The names that start with `query` (case aside), then those that contain it. */
export function suggestNames(names: readonly string[], query: string): string[] {
  const wanted = query.toLowerCase();
  const starts = names.filter((name) => name.toLowerCase().startsWith(wanted));
  const contains = names.filter(
    (name) => !name.toLowerCase().startsWith(wanted) && name.toLowerCase().includes(wanted),
  );
  return [...starts, ...contains].slice(0, MAX_SUGGESTIONS);
}

/**
 * Suggests room occupants' names while `@` is typed (XEP-0045 rooms): ↓/↑ move, Enter or Tab takes the
 * name, Escape closes the list. The textarea stays focused throughout (a combobox, not a focus trap).
 */
export class MentionPicker {
  #names: string[] = [];
  #index = 0;
  #start = -1;

  constructor(
    private readonly changed: () => void,
    /** The list's name for screen readers, in the widget's language. */
    private readonly label: () => string,
  ) {}

  get open(): boolean {
    return this.#names.length > 0;
  }

  /** The suggestion under the keyboard, for aria-activedescendant. */
  get activeId(): string | undefined {
    return this.open ? `mention-${this.#index}` : undefined;
  }

  /** Looks at the text around the caret after each input; `names` are whom one can mention here. */
  update(input: HTMLTextAreaElement, names: readonly string[] | undefined): void {
    const found = names && names.length > 0 ? mentionAt(input.value, input.selectionStart ?? input.value.length) : null;
    const suggested = found ? suggestNames(names!, found.query) : [];
    // Nothing to suggest once the name typed is complete and the only match.
    const done = suggested.length === 1 && suggested[0]!.toLowerCase() === found?.query.toLowerCase();
    this.#set(done ? [] : suggested, found?.start ?? -1);
  }

  close(): void {
    this.#set([], -1);
  }

  #set(names: string[], start: number): void {
    const same = names.length === this.#names.length && names.every((name, index) => name === this.#names[index]);
    if (!same) this.#index = 0;
    this.#names = names;
    this.#start = start;
    if (!same) this.changed();
  }

  /** Handles the list's keys; true when the key was for it (the composer then does nothing with it). */
  keydown(event: KeyboardEvent, input: HTMLTextAreaElement): boolean {
    if (!this.open) return false;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.#index = (this.#index + step + this.#names.length) % this.#names.length;
      this.changed();
    } else if (event.key === "Enter" || event.key === "Tab") {
      this.pick(this.#names[this.#index]!, input);
    } else if (event.key === "Escape") {
      // Only the list closes; a second Escape is the composer's (or the overlay panel's).
      event.stopPropagation();
      this.close();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  /** Puts `@name ` in place of what was typed after the `@`, and the caret after it. */
  pick(name: string, input: HTMLTextAreaElement): void {
    if (this.#start < 0) return;
    const caret = input.selectionStart ?? input.value.length;
    const inserted = `@${name} `;
    input.setRangeText(inserted, this.#start, caret, "end");
    this.close();
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  }

  render(input: () => HTMLTextAreaElement | null): TemplateResult | typeof nothing {
    if (!this.open) return nothing;
    return html`<ul part="mentions" class="mentions" id="mentions" role="listbox" aria-label=${this.label()}>
      ${this.#names.map(
        (name, index) =>
          html`<li id=${`mention-${index}`} role="option" aria-selected=${index === this.#index ? "true" : "false"}
            @pointerdown=${(event: Event) => {
              // Keeps the focus in the textarea while a name is picked with the pointer.
              event.preventDefault();
              const target = input();
              if (target) this.pick(name, target);
            }}>${name}</li>`,
      )}
    </ul>`;
  }
}
