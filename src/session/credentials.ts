import { XmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";
import { redirectedElsewhere, type FetchLike } from "../xmppmini/fetch-text.js";

export interface Credentials {
  jid: string;
  password: string;
}

function unavailable(url: string, reason: string, cause?: unknown): XmppminiError {
  return new XmppminiError("credentials-unavailable", `The site gave no chat account at ${url}: ${reason}.`, { cause });
}

/** How long the site's backend has to answer: longer than any sane single sign-on, short enough to say so. */
export const CREDENTIALS_TIMEOUT_MS = 15_000;

export interface CredentialsOptions {
  /** What a relative `url` resolves against. */
  base?: string;
  /** The page's origin: the only one trusted to answer. */
  origin?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
}

/**
 * Asks the host's own backend who the visitor is: the intranet's single sign-on case. `url` must be on
 * the page's own origin, because it is sent the page's cookies and answers with a password; the answer is
 * JSON `{"jid": "...", "password": "..."}`. Throws `invalid-config` for a URL elsewhere, `timeout` when
 * the backend does not answer in `timeoutMs`, and `credentials-unavailable` for any answer that is no
 * account (401 when nobody is signed in to the site; an answer redirected from another origin).
 */
export async function fetchCredentials(
  url: string,
  {
    base = document.baseURI,
    origin = location.origin,
    fetch: fetchImpl = (input, init) => globalThis.fetch(input, init),
    timeoutMs = CREDENTIALS_TIMEOUT_MS,
  }: CredentialsOptions = {},
): Promise<Credentials> {
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch (error) {
    throw new XmppminiError("invalid-config", `credentials-url "${url}" is not a URL.`, { cause: error });
  }
  if (resolved.origin !== origin) {
    throw new XmppminiError(
      "invalid-config",
      `credentials-url must be on this page's own origin (${origin}), not ${resolved.origin}.`,
    );
  }
  // One deadline for the request and its body: a backend that hangs would otherwise leave the widget
  // "connecting" for ever, with nothing said.
  const signal = AbortSignal.timeout(timeoutMs);
  const timedOut = (error: unknown) =>
    new XmppminiError(
      "timeout",
      `The site's credentials endpoint ${resolved.pathname} did not answer within ${timeoutMs / 1000} s; no chat account was given.`,
      { cause: error },
    );
  let response: Response;
  try {
    response = await fetchImpl(resolved.href, {
      credentials: "same-origin",
      cache: "no-store",
      headers: { accept: "application/json" },
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw timedOut(error);
    throw unavailable(resolved.pathname, "the request failed", error);
  }
  // Same rule as the xmppmini lookups (fetch-text.ts): a redirect within the site is the site answering;
  // another origin answering would choose the account (and read nothing of ours, but sign us in as it likes).
  const elsewhere = redirectedElsewhere(response, resolved.href);
  if (elsewhere !== undefined) {
    await response.body?.cancel().catch(() => undefined);
    // Kept under credentials-unavailable: the usual cause is a sign-in page elsewhere, i.e. nobody signed in.
    throw unavailable(
      resolved.pathname,
      `it redirected to ${elsewhere.slice(0, 200)}, another site, and an account from there is not used`,
    );
  }
  if (!response.ok)
    throw unavailable(
      resolved.pathname,
      `HTTP ${response.status}${response.status === 401 ? " (nobody is signed in to the site)" : ""}`,
    );
  let answer: unknown;
  try {
    answer = await response.json();
  } catch (error) {
    if (signal.aborted) throw timedOut(error);
    throw unavailable(resolved.pathname, "the answer is not JSON", error);
  }
  const { jid, password } = (answer ?? {}) as Partial<Record<keyof Credentials, unknown>>;
  if (typeof jid !== "string" || typeof password !== "string" || password === "") {
    throw unavailable(resolved.pathname, 'the answer is not {"jid": "…", "password": "…"}');
  }
  return { jid: parseJid(jid).bare, password };
}
