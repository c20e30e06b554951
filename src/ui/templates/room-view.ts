import { html, nothing, type TemplateResult } from "lit";
import { guard } from "lit/directives/guard.js";
import type { RoomView } from "../../session/rooms.js";
import type { RoomStrings } from "../i18n/room-strings.js";
import { renderAvatar } from "../avatars/avatar.js";

export interface RoomActions {
  /** Muted: only messages that mention us notify and count in the launcher and the page title. */
  muted: boolean;
  toggleMute(): void;
  joinAgain(): void;
  leave(): void;
  toggleOccupants(): void;
  occupantsShown: boolean;
}

/**
 * The most rows the occupant list draws: thousands of rows made a big room's list a second's work to draw,
 * and nobody reads that far down (moderators come first; @ in the composer finds anyone by name).
 */
const OCCUPANT_ROWS = 200;

/**
 * Under the header of a room (XEP-0045): its subject, how many are in it (a button that lists them), and
 * why we are not in it, with the way back. The subject is the room's text: bound as text, never as HTML.
 */
export function renderRoomBar(strings: RoomStrings, view: RoomView, actions: RoomActions): TemplateResult {
  const inRoom = view.status === "joined";
  return html`<div part="room" class="room" data-status=${view.status}>
    <div class="room-line">
      <span part="subject" class="subject" title=${view.subject}>${view.subject}</span>
      ${
        inRoom
          ? html`<button part="occupants-button" class="link" aria-expanded=${actions.occupantsShown ? "true" : "false"} aria-controls="occupants"
              @click=${actions.toggleOccupants}>${strings.occupants(view.occupants.length)}</button>
            <button part="mute" class="link" aria-pressed=${actions.muted ? "true" : "false"} title=${strings.muteHint} @click=${actions.toggleMute}>${strings.mute}</button>
            <button part="leave" class="link" @click=${actions.leave}>${strings.leaveRoom}</button>`
          : nothing
      }
    </div>
    ${view.status === "joining" ? html`<p class="room-state" role="status">${strings.joiningRoom}</p>` : nothing}
    ${
      view.status === "left" || view.status === "error"
        ? html`<p class="room-state" role="status">${view.problem ?? strings.leftRoom}
          <button part="join-again" class="link" @click=${actions.joinAgain}>${strings.joinAgain}</button></p>`
        : nothing
    }
    ${inRoom && view.wantedNick ? html`<p class="room-state">${strings.renamed(view.wantedNick, view.nick)}</p>` : nothing}
    ${
      inRoom && actions.occupantsShown
        ? html`<ul part="occupants" id="occupants" class="occupants">
          ${
            // Redrawn only for a new list (the session tells one per task of presences), not for each message:
            // a big room's list is thousands of rows.
            guard([view.occupants, view.nick, strings], () => [
              ...view.occupants.slice(0, OCCUPANT_ROWS).map(
                (
                  occupant,
                ) => html`<li data-role=${occupant.role} data-self=${occupant.nick === view.nick ? "true" : "false"}>
                  ${renderAvatar(occupant.nick, occupant.nick, undefined)}<span class="occupant-nick">${occupant.nick}</span>${strings.roles[occupant.role] ? html` <span class="role">${strings.roles[occupant.role]}</span>` : nothing}
                </li>`,
              ),
              view.occupants.length > OCCUPANT_ROWS
                ? html`<li class="more">${strings.moreOccupants(view.occupants.length - OCCUPANT_ROWS)}</li>`
                : nothing,
            ])
          }
        </ul>`
        : nothing
    }
  </div>`;
}
