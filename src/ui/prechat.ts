// The pre-chat step of a support desk (`prechat="name* email"`, in the desk chunk): who the visitor is,
// asked above the composer before their first message to the desk, and sent with it as readable text.
import { html, nothing, type TemplateResult } from "lit";
import { XmppminiError } from "../errors.js";
import { deskStringsFor } from "./i18n/desk-strings.js";

type FieldName = "name" | "email";
export interface PrechatField {
  readonly name: FieldName;
  readonly required: boolean;
}

const FIELDS: readonly FieldName[] = ["name", "email"];
/** As long as people's names and addresses get; a longer value is cut, not refused. */
const MAX_VALUE = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Reads `prechat`: field names separated by spaces, `*` after one that is required. Throws `invalid-config`. */
export function parsePrechat(text: string): PrechatField[] {
  const fields: PrechatField[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean).slice(0, 10)) {
    const required = word.endsWith("*");
    const name = (required ? word.slice(0, -1) : word).toLowerCase() as FieldName;
    if (!FIELDS.includes(name))
      throw new XmppminiError(
        "invalid-config",
        `prechat "${text.slice(0, 80)}" cannot be read: "${word.slice(0, 40)}" is no field (name, email; * after a required one).`,
      );
    if (!fields.some((field) => field.name === name)) fields.push({ name, required });
  }
  return fields;
}

/** What the visitor said of themselves, and which desks heard it; kept per account in this browser. */
interface Visitor {
  name: string;
  email: string;
  told: string[];
}

const key = (account: string) => `xmppmini-chat:${account}:visitor`;

function loadVisitor(account: string): Visitor {
  try {
    const parsed = JSON.parse(localStorage.getItem(key(account)) ?? "{}") as Partial<Record<keyof Visitor, unknown>>;
    const text = (value: unknown) => (typeof value === "string" ? value.slice(0, MAX_VALUE) : "");
    const told = Array.isArray(parsed.told)
      ? parsed.told.filter((item): item is string => typeof item === "string")
      : [];
    return { name: text(parsed.name), email: text(parsed.email), told };
  } catch {
    return { name: "", email: "", told: [] }; // storage blocked, or a value we did not write
  }
}

function saveVisitor(account: string, visitor: Visitor): void {
  try {
    localStorage.setItem(key(account), JSON.stringify(visitor));
  } catch {
    // storage blocked: the step is asked again on the next page, nothing is lost
  }
}

/** What the pre-chat step needs from the element. */
export interface PrechatHost {
  /** The `user-name` and `user-email` the site gave (they fill the fields, and the step is not shown for them). */
  readonly userName: string | null;
  readonly userEmail: string | null;
  requestUpdate(): void;
}

/** What to send the desk before the visitor's message, and what to call once it was taken or refused. */
export interface PrechatDetails {
  readonly text: string;
  sent(): void;
  refused(): void;
}

/**
 * The pre-chat step of one element: the fields as typed (kept in this browser, read afresh each time: another
 * tab of the site may have changed them), which are wrong, and which desks heard the details.
 */
export class Prechat {
  readonly #invalid = new Set<FieldName>();
  /** Desks the details are on their way to (by account and desk): not sent twice meanwhile. */
  readonly #sending = new Set<string>();
  /**
   * Desks told, for an anonymous visitor (the account is the server's domain; each visit is a new address
   * the desk has not heard of): kept for this page only.
   */
  readonly #toldHere = new Set<string>();

  constructor(private readonly host: PrechatHost) {}

  /** What the site said of the visitor: the field is not asked, and is sent as given. */
  #given(field: FieldName): string {
    return ((field === "name" ? this.host.userName : this.host.userEmail) ?? "").trim().slice(0, MAX_VALUE);
  }

  #value(visitor: Visitor, field: FieldName): string {
    return this.#given(field) || visitor[field].trim();
  }

  #told(account: string, desk: string, visitor: Visitor): boolean {
    const key = `${account} ${desk}`;
    return this.#sending.has(key) || this.#toldHere.has(key) || (account.includes("@") && visitor.told.includes(desk));
  }

  /** The visitor's name as known (given by the site or typed), for the nickname (XEP-0172). */
  nameFor(account: string): string {
    return this.#value(loadVisitor(account), "name");
  }

  /**
   * Before a message to `desk`: a typed refusal (`invalid-message`) while a required field is empty or a
   * typed address is wrong; else the details to send first (once per desk), or nothing.
   */
  beforeSend(
    account: string,
    desk: string,
    fields: readonly PrechatField[],
    locale: string,
  ): PrechatDetails | undefined {
    const visitor = loadVisitor(account);
    if (fields.length === 0 || this.#told(account, desk, visitor)) return undefined;
    const strings = deskStringsFor(locale);
    this.#invalid.clear();
    for (const field of fields) {
      if (this.#given(field.name)) continue;
      const value = visitor[field.name].trim();
      if ((field.required && !value) || (field.name === "email" && value && !EMAIL.test(value)))
        this.#invalid.add(field.name);
    }
    const wrong = fields.find((field) => this.#invalid.has(field.name));
    if (wrong) {
      this.host.requestUpdate();
      const typed = visitor[wrong.name].trim();
      throw new XmppminiError("invalid-message", typed ? strings.invalidEmail : strings.missing(strings[wrong.name]));
    }
    const asked = (field: FieldName) => fields.some((item) => item.name === field);
    const text = strings.details(
      asked("name") ? this.#value(visitor, "name") : "",
      asked("email") ? this.#value(visitor, "email") : "",
    );
    if (!text) return undefined;
    const key = `${account} ${desk}`;
    this.#sending.add(key);
    return {
      text,
      sent: () => {
        this.#sending.delete(key);
        if (account.includes("@")) {
          const now = loadVisitor(account);
          if (!now.told.includes(desk)) saveVisitor(account, { ...now, told: [...now.told, desk] });
        } else {
          this.#toldHere.add(key);
        }
        this.host.requestUpdate();
      },
      refused: () => {
        this.#sending.delete(key);
        this.host.requestUpdate();
      },
    };
  }

  /** Above the composer of the desk's conversation: the fields until the desk heard them, then who we said we are. */
  render(
    account: string,
    desk: string,
    fields: readonly PrechatField[],
    locale: string,
  ): TemplateResult | typeof nothing {
    const visitor = loadVisitor(account);
    const strings = deskStringsFor(locale);
    const shown = fields.filter((field) => !this.#given(field.name));
    if (shown.length === 0) return nothing;
    if (this.#told(account, desk, visitor)) {
      const said = shown.map((field) => visitor[field.name].trim()).filter(Boolean);
      return html`<p part="prechat-done" class="prechat-done">${strings.you} ${said.join(" · ")}
        <button type="button" part="prechat-edit" class="link" @click=${() => this.#edit(account, desk)}>${strings.edit}</button></p>`;
    }
    const input = (field: PrechatField) => {
      const id = `prechat-${field.name}`;
      const invalid = this.#invalid.has(field.name);
      return html`<label for=${id}>${strings[field.name]}${field.required ? html` <span class="required">(${strings.required})</span>` : nothing}</label>
        <input id=${id} type=${field.name === "email" ? "email" : "text"} autocomplete=${field.name}
          maxlength=${MAX_VALUE} .value=${visitor[field.name]} ?required=${field.required} aria-invalid=${invalid ? "true" : "false"}
          @input=${(event: Event) => {
            const now = loadVisitor(account);
            saveVisitor(account, {
              ...now,
              [field.name]: (event.target as HTMLInputElement).value.slice(0, MAX_VALUE),
            });
            if (this.#invalid.delete(field.name)) this.host.requestUpdate();
          }} />`;
    };
    return html`<fieldset part="prechat" class="prechat"><legend>${strings.prechatIntro}</legend>${shown.map(input)}</fieldset>`;
  }

  /** The visitor changes what they said: the fields come back, and go to the desk again with the next message. */
  #edit(account: string, desk: string): void {
    const now = loadVisitor(account);
    saveVisitor(account, { ...now, told: now.told.filter((told) => told !== desk) });
    this.#toldHere.delete(`${account} ${desk}`);
    this.host.requestUpdate();
  }
}
