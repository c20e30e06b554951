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

/** The pre-chat step of one element: the fields as typed, which are wrong, and what the desk was told. */
export class Prechat {
  #account = "";
  #visitor: Visitor = { name: "", email: "", told: [] };
  readonly #invalid = new Set<FieldName>();

  constructor(private readonly host: PrechatHost) {}

  #for(account: string): Visitor {
    if (account !== this.#account) {
      this.#account = account;
      this.#visitor = loadVisitor(account);
      this.#invalid.clear();
    }
    return this.#visitor;
  }

  #value(visitor: Visitor, field: FieldName): string {
    const given = field === "name" ? this.host.userName : this.host.userEmail;
    return (given ?? "").trim().slice(0, MAX_VALUE) || visitor[field];
  }

  /** The visitor's name as known (given by the site or typed), for the nickname (XEP-0172). */
  nameFor(account: string): string {
    return this.#value(this.#for(account), "name");
  }

  /**
   * Before a message to `desk`: a typed refusal (`invalid-message`) while a required field is empty or an
   * address is wrong; else what to send first (the details, once per desk), or nothing.
   */
  beforeSend(account: string, desk: string, fields: readonly PrechatField[], locale: string): string | undefined {
    const visitor = this.#for(account);
    if (visitor.told.includes(desk) || fields.length === 0) return undefined;
    const strings = deskStringsFor(locale);
    this.#invalid.clear();
    for (const field of fields) {
      const value = this.#value(visitor, field.name);
      if ((field.required && !value) || (field.name === "email" && value && !EMAIL.test(value)))
        this.#invalid.add(field.name);
    }
    const wrong = fields.find((field) => this.#invalid.has(field.name));
    if (wrong) {
      this.host.requestUpdate();
      const value = this.#value(visitor, wrong.name);
      throw new XmppminiError("invalid-message", value ? strings.invalidEmail : strings.missing(strings[wrong.name]));
    }
    const asked = (field: FieldName) => fields.some((item) => item.name === field);
    const details = strings.details(
      asked("name") ? this.#value(visitor, "name") : "",
      asked("email") ? this.#value(visitor, "email") : "",
    );
    visitor.told = [...visitor.told, desk];
    saveVisitor(account, visitor);
    this.host.requestUpdate();
    return details || undefined;
  }

  /** Above the composer of the desk's conversation: the fields until the desk heard them, then who we said we are. */
  render(
    account: string,
    desk: string,
    fields: readonly PrechatField[],
    locale: string,
  ): TemplateResult | typeof nothing {
    const visitor = this.#for(account);
    const strings = deskStringsFor(locale);
    const shown = fields.filter((field) => !(field.name === "name" ? this.host.userName : this.host.userEmail));
    if (shown.length === 0) return nothing;
    if (visitor.told.includes(desk)) {
      const said = shown.map((field) => visitor[field.name]).filter(Boolean);
      return html`<p part="prechat-done" class="prechat-done">${strings.you} ${said.join(" · ")}
        <button type="button" part="prechat-edit" class="link" @click=${() => this.#edit(desk)}>${strings.edit}</button></p>`;
    }
    const input = (field: PrechatField) => {
      const id = `prechat-${field.name}`;
      const invalid = this.#invalid.has(field.name);
      return html`<label for=${id}>${strings[field.name]}${field.required ? html` <span class="required">(${strings.required})</span>` : nothing}</label>
        <input id=${id} type=${field.name === "email" ? "email" : "text"} autocomplete=${field.name}
          maxlength=${MAX_VALUE} .value=${visitor[field.name]} ?required=${field.required} aria-invalid=${invalid ? "true" : "false"}
          @input=${(event: Event) => {
            visitor[field.name] = (event.target as HTMLInputElement).value.slice(0, MAX_VALUE);
            saveVisitor(account, visitor);
            if (this.#invalid.delete(field.name)) this.host.requestUpdate();
          }} />`;
    };
    return html`<fieldset part="prechat" class="prechat"><legend>${strings.prechatIntro}</legend>${shown.map(input)}</fieldset>`;
  }

  /** The visitor changes what they said: the fields come back, and go to the desk again with the next message. */
  #edit(desk: string): void {
    this.#visitor.told = this.#visitor.told.filter((told) => told !== desk);
    saveVisitor(this.#account, this.#visitor);
    this.host.requestUpdate();
  }
}
