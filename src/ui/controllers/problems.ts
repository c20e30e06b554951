import type { PropertyValues } from "lit";
import { XmppminiError, toXmppminiError, type XmppminiErrorCode } from "../../errors.js";
import { loginProblem } from "../../session/account-source.js";
import { widgetEvent, type XmppminiErrorDetail } from "../events.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import { displayOptionProblems } from "./display-options.js";

/**
 * What went wrong, where the person and the page both learn of it: every failure is shown (the error
 * banner, or a lasting notice for what does not stop the chat) and fired as `xmppmini-error`.
 */
export class Problems {
  // Read by the render; the session controller sets `retryAt` and clears `error` when online.
  /** The failure the banner shows, until dismissed or the connection is back. */
  error: XmppminiError | null = null;
  /** A lasting condition that does not stop the chat (history cannot be kept): shown until dismissed. */
  notice: XmppminiError | null = null;
  /** When the session tries again on its own after a failure (ms since the epoch), if it does. */
  retryAt: number | undefined;

  readonly #host: XmppminiChatElement;

  constructor(host: XmppminiChatElement) {
    this.#host = host;
  }

  report(error: XmppminiError): void {
    if (error.code === "storage-unavailable") this.notice = error;
    else this.error = error;
    this.#host.requestUpdate();
    this.#host.dispatchEvent(
      widgetEvent<XmppminiErrorDetail>("xmppmini-error", { code: error.code, message: error.message }),
    );
  }

  /** Reports `error`, made a typed one with `code` and `message` when it is not one already. */
  fail(error: unknown, code: XmppminiErrorCode, message: string): void {
    this.report(toXmppminiError(error, code, message));
  }

  /** The banner goes: dismissed, or a new attempt to sign in. */
  dismiss(): void {
    this.error = null;
    this.#host.requestUpdate();
  }

  dismissNotice(): void {
    this.notice = null;
    this.#host.requestUpdate();
  }

  /**
   * Before each update: a display attribute with a value it does not know is said (its default applies
   * meanwhile), and so are a `login` it does not know and a guest without a domain (nothing can sign in).
   */
  check(changed: PropertyValues<XmppminiChatElement>): void {
    const host = this.#host;
    if (
      ["mode", "position", "theme", "notify", "loadImages"].some((name) =>
        changed.has(name as keyof XmppminiChatElement),
      )
    ) {
      const { mode, position, theme, notify } = host;
      for (const problem of displayOptionProblems({ mode, position, theme, notify, "load-images": host.loadImages })) {
        this.report(new XmppminiError("invalid-config", problem));
      }
    }
    const loginIssue = changed.has("login") || changed.has("domain") ? loginProblem(host) : undefined;
    if (loginIssue) this.report(new XmppminiError("invalid-config", loginIssue));
  }
}
