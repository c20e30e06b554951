import { html, nothing, type TemplateResult } from "lit";
import type { XmppminiError } from "../../errors.js";
import type { SessionStatus } from "../../session/chat-session.js";
import type { Strings } from "../i18n/catalog.js";

// Errors after which trying again may help; the others need the page or the person to change something.
const RETRYABLE = new Set(["connection-failed", "connection-lost", "timeout", "stream-error"]);

export interface ErrorActions {
  status: SessionStatus;
  /** When the next attempt runs on its own, if one is scheduled (ms since the epoch). */
  retryAt: number | undefined;
  retryNow(): void;
  reconnect(): void;
  dismiss(): void;
}

/** The error banner (role=alert): what went wrong, in the page's language, and what the person can do. */
export function renderErrorBanner(
  strings: Strings,
  error: XmppminiError | null,
  actions: ErrorActions,
): TemplateResult | typeof nothing {
  if (!error) return nothing;
  return html`<div part="error" class="error" role="alert" data-code=${error.code}>
    <p>${strings.errorText(error)}</p>
    ${renderAction(strings, error, actions)}
  </div>`;
}

function renderAction(strings: Strings, error: XmppminiError, actions: ErrorActions): TemplateResult {
  if (actions.retryAt !== undefined && actions.status === "error") {
    const seconds = Math.max(1, Math.round((actions.retryAt - Date.now()) / 1000));
    return html`<span class="retry-note">${strings.retryingIn(seconds)}</span>
      <button @click=${actions.retryNow}>${strings.retryNow}</button>`;
  }
  if (RETRYABLE.has(error.code) && actions.status === "error") {
    return html`<button @click=${actions.reconnect}>${strings.reconnect}</button>`;
  }
  return html`<button aria-label=${strings.dismiss} @click=${actions.dismiss}>×</button>`;
}

/** A lasting condition that does not stop the chat (history cannot be kept), shown until dismissed. */
export function renderNotice(
  strings: Strings,
  notice: XmppminiError | null,
  dismiss: () => void,
): TemplateResult | typeof nothing {
  if (!notice) return nothing;
  return html`<div part="notice" class="notice" role="status" data-code=${notice.code}>
    <p>${strings.errorText(notice)}</p>
    <button aria-label=${strings.dismiss} @click=${dismiss}>×</button>
  </div>`;
}
