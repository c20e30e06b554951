import { html, nothing, svg, type TemplateResult } from "lit";
import type { Strings } from "../i18n/catalog.js";
import { CHAT_ICON_PATH } from "./chat-icon.js";

/**
 * The overlay's round button: opens and closes the panel, and shows how many messages wait unread.
 * `aria-expanded` and `aria-controls` tell assistive technology what it does.
 */
export function renderLauncher(
  strings: Strings,
  { open, unread, toggle }: { open: boolean; unread: number; toggle: () => void },
): TemplateResult {
  const showBadge = !open && unread > 0;
  return html`<button
    part="launcher"
    class="launcher"
    aria-expanded=${open ? "true" : "false"}
    aria-controls="panel"
    aria-label=${open ? strings.closeChat : strings.openChat(unread)}
    @click=${toggle}
  >
    <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
      ${
        open
          ? svg`<path fill="currentColor" d="M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z" />`
          : svg`<path fill="currentColor" d=${CHAT_ICON_PATH} />`
      }
    </svg>
    ${showBadge ? html`<span part="launcher-badge" class="badge" aria-hidden="true">${unread}</span>` : nothing}
  </button>`;
}
