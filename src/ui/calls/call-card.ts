// Calls through the host's call page (a chunk of its own, loaded when a page sets `call-url` or a conversation
// shows a call invitation): the card an invitation shows as, its words and styles, and the call page's URL.
import { css, html, nothing, type TemplateResult } from "lit";
import type { ShownMessage } from "../../session/conversations.js";
import { frameUrl } from "../../links/frame-url.js";
import { randomId } from "../../random-id.js";
import { callStringsFor, type CallStrings } from "../i18n/call-strings.js";

export { callStringsFor, type CallStrings };

/** An invitation nobody answered is a missed call after this long: a phone stops ringing too. */
export const RING_MS = 60_000;

/** What became of an invitation: its answer, else ringing until RING_MS, then missed. */
export type CallState = "ringing" | "accepted" | "rejected" | "retracted" | "missed";

const ANSWERED: Readonly<Record<string, CallState>> = { accept: "accepted", reject: "rejected", retract: "retracted" };

export function callState(invite: ShownMessage, now: number): CallState {
  if (invite.answer) return ANSWERED[invite.answer]!;
  return now - invite.timestamp >= RING_MS ? "missed" : "ringing";
}

/**
 * A new call page from `call-url`: `{room}` becomes a room name nobody can guess (else every call would
 * meet in one room). Throws `invalid-config` for a template that is no http(s) page.
 */
export function newCallPage(template: string): string {
  return frameUrl(template.replaceAll("{room}", `xmppmini-${randomId()}`), "call-url").href;
}

/** What the card's buttons do. */
export interface CallCardActions {
  /** The person takes the call: the page opens (the link's own click), and the caller hears `accept`. */
  join(invite: ShownMessage): void;
  decline(invite: ShownMessage): void;
  /** Our own invitation, withdrawn. */
  cancel(invite: ShownMessage): void;
}

/**
 * An invitation as a card: who calls and what became of it, with *Join* and *Decline* while one rings for
 * us, *Cancel* while ours rings, and the call page's link once taken. The URL was checked to be http(s)
 * when the message was read; it opens in a new tab, never in this page.
 */
export function renderCallCard(
  strings: CallStrings,
  invite: ShownMessage,
  now: number,
  actions: CallCardActions,
): TemplateResult {
  const state = callState(invite, now);
  const incoming = invite.direction === "in";
  const uri = invite.call!.uri;
  const open = html`<a part="call-open" class="call-link" href=${uri} target="_blank" rel="noopener noreferrer">${strings.open}</a>`;
  let title: string;
  let controls: TemplateResult | typeof nothing = nothing;
  if (state === "ringing") {
    title = incoming ? (invite.call!.video ? strings.incomingVideo : strings.incoming) : strings.calling;
    controls = incoming
      ? html`<a part="call-join" class="call-link" href=${uri} target="_blank" rel="noopener noreferrer" @click=${() => actions.join(invite)}>${strings.join}</a>
          <button type="button" part="call-decline" @click=${() => actions.decline(invite)}>${strings.decline}</button>`
      : html`${open}
          <button type="button" part="call-cancel" @click=${() => actions.cancel(invite)}>${strings.cancel}</button>`;
  } else if (state === "accepted") {
    title = incoming ? strings.joined : strings.accepted;
    controls = open;
  } else if (state === "rejected") {
    title = incoming ? strings.youDeclined : strings.declined;
  } else {
    title = incoming ? strings.missed : state === "retracted" ? strings.cancelled : strings.noAnswer;
  }
  return html`<div part="call-card" class="call-card" data-state=${state === "retracted" && incoming ? "missed" : state}>
    <svg class="call-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d=${PHONE_ICON_PATH} /></svg>
    <span class="call-title">${title}</span>
    <span class="call-controls">${controls}</span>
  </div>`;
}

/** A handset (drawn, not an emoji: not every system has an emoji font). */
const PHONE_ICON_PATH =
  "M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z";

export const callStyles = css`
  .call-card { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; white-space: normal; }
  .call-title { font-weight: 600; }
  .call-card[data-state="missed"] .call-title, .call-card[data-state="rejected"] .call-title { color: #c5221f; }
  .call-controls { display: inline-flex; gap: 6px; }
  .call-card .call-link, [part="call-decline"], [part="call-cancel"] {
    font: inherit;
    font-size: 13px;
    padding: 4px 10px;
    border-radius: 999px;
    border: 1px solid currentColor;
    color: inherit;
    background: transparent;
    text-decoration: none;
    cursor: pointer;
  }
  .call-card [part="call-join"] { background: #188038; border-color: #188038; color: #fff; }
`;
