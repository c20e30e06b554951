// The support desk's notice above the composer (a chunk of its own, loaded when a page sets
// `away-message` or `office-hours`): closed, nobody there, or away, and what happens to a message.
import { css, html, nothing, type TemplateResult } from "lit";
import { deskStringsFor } from "./i18n/desk-strings.js";
import type { Availability } from "../xmpp/presence.js";
import { deskTime, parseOfficeHours, type OfficeHours } from "../support/office-hours.js";

export { Prechat, parsePrechat, type PrechatDetails, type PrechatField } from "./prechat.js";

export interface DeskState {
  /** The catalog's locale: the words, and how the opening time is written. */
  locale: string;
  /** The page's `away-message`, said in place of the widget's own when nobody is there or the desk is closed. */
  awayMessage: string;
  hours: OfficeHours | undefined;
  /** The peer's availability, when it sent its presence. */
  availability: Availability | undefined;
  now: Date;
}

export function renderDeskNotice(state: DeskState): TemplateResult | typeof nothing {
  const strings = deskStringsFor(state.locale);
  const desk = state.hours && deskTime(state.hours, state.now);
  if (desk && !desk.open) {
    const when = new Intl.DateTimeFormat(state.locale, { weekday: "long", hour: "numeric", minute: "2-digit" });
    return notice("closed", state.awayMessage || strings.closed, strings.opensAt(when.format(desk.opensAt)));
  }
  const { availability } = state;
  if (availability === "offline") return notice("nobody", state.awayMessage || strings.nobody);
  if (availability === "away" || availability === "xa" || availability === "dnd") return notice("away", strings.away);
  return nothing;
}

function notice(state: "closed" | "nobody" | "away", text: string, opens?: string): TemplateResult {
  return html`<p part="availability" class="availability" data-state=${state} role="status">${text}${
    opens ? html` <span class="opens">${opens}</span>` : nothing
  }</p>`;
}

export const deskStyles = css`
  .availability {
    margin: 0;
    padding: 6px 14px;
    border-top: 1px solid var(--xmppmini-border);
    color: var(--xmppmini-muted);
    font-size: 12px;
  }
  .availability .opens {
    font-weight: 600;
  }
  .prechat {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 6px 8px;
    align-items: center;
    margin: 0;
    padding: 8px 14px;
    border: none;
    border-top: 1px solid var(--xmppmini-border);
    font-size: 13px;
  }
  .prechat legend {
    float: left;
    grid-column: 1 / -1;
    padding: 0;
    color: var(--xmppmini-muted);
  }
  .prechat input {
    min-width: 0;
    padding: 4px 8px;
    border: 1px solid var(--xmppmini-border-strong);
    border-radius: 6px;
    background: var(--xmppmini-bg);
    color: inherit;
    font: inherit;
  }
  .prechat input[aria-invalid="true"] {
    border-color: #dc2626;
  }
  .prechat .required,
  .prechat-done {
    color: var(--xmppmini-muted);
    font-size: 12px;
  }
  .prechat-done {
    margin: 0;
    padding: 4px 14px;
    border-top: 1px solid var(--xmppmini-border);
  }
`;

/** While office hours are set, the desk's state is looked at again at each minute: it opens and closes by the clock. */
const MINUTE_MS = 60_000;

/** What the clock reads of the element: its office hours (null once the attribute is removed), and how to render again. */
export interface DeskHost {
  readonly officeHours: string | null;
  readonly isConnected: boolean;
  requestUpdate(): void;
}

/** The office hours as read, and a clock that renders again while they are set (the desk opens and closes by it). */
export class DeskClock {
  hours: OfficeHours | undefined;
  #read = "";
  #clock: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: DeskHost,
    /** Office hours it cannot read (`invalid-config`). */
    private readonly fail: (error: unknown) => void,
  ) {}

  /** After an attribute changed, or the element was connected or disconnected. */
  update(): void {
    const { host } = this;
    const text = (host.officeHours ?? "").trim();
    if (text !== this.#read) {
      this.#read = text;
      this.hours = undefined;
      try {
        if (text) this.hours = parseOfficeHours(text);
      } catch (error) {
        this.fail(error);
      }
    }
    const wanted = host.isConnected && this.hours !== undefined;
    if (wanted && !this.#clock) this.#tick();
    if (!wanted) this.stop();
  }

  /** Renders again as each minute begins, when the desk opens or closes. */
  #tick(): void {
    this.#clock = setTimeout(
      () => {
        this.host.requestUpdate();
        this.#tick();
      },
      MINUTE_MS - (Date.now() % MINUTE_MS),
    );
  }

  stop(): void {
    clearTimeout(this.#clock);
    this.#clock = undefined;
  }
}
