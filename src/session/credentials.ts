import { XmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";

export interface Credentials {
  jid: string;
  password: string;
}

function unavailable(url: string, reason: string, cause?: unknown): XmppminiError {
  return new XmppminiError("credentials-unavailable", `The site gave no chat account at ${url}: ${reason}.`, { cause });
}

/**
 * Asks the host's own backend who the visitor is: the intranet's single sign-on case. `url` must be on
 * the page's own origin, because it is sent the page's cookies and answers with a password; the answer is
 * JSON `{"jid": "...", "password": "..."}`. Throws `invalid-config` for a URL elsewhere and
 * `credentials-unavailable` for any answer that is no account (401 when nobody is signed in to the site).
 */
export async function fetchCredentials(url: string, base: string = document.baseURI, origin: string = location.origin): Promise<Credentials> {
  let resolved: URL;
  try {
    resolved = new URL(url, base);
  } catch (error) {
    throw new XmppminiError("invalid-config", `credentials-url "${url}" is not a URL.`, { cause: error });
  }
  if (resolved.origin !== origin) {
    throw new XmppminiError("invalid-config", `credentials-url must be on this page's own origin (${origin}), not ${resolved.origin}.`);
  }
  let response: Response;
  try {
    response = await fetch(resolved, { credentials: "same-origin", cache: "no-store", headers: { accept: "application/json" } });
  } catch (error) {
    throw unavailable(resolved.pathname, "the request failed", error);
  }
  if (!response.ok) throw unavailable(resolved.pathname, `HTTP ${response.status}${response.status === 401 ? " (nobody is signed in to the site)" : ""}`);
  let answer: unknown;
  try {
    answer = await response.json();
  } catch (error) {
    throw unavailable(resolved.pathname, "the answer is not JSON", error);
  }
  const { jid, password } = (answer ?? {}) as Partial<Record<keyof Credentials, unknown>>;
  if (typeof jid !== "string" || typeof password !== "string" || password === "") {
    throw unavailable(resolved.pathname, 'the answer is not {"jid": "…", "password": "…"}');
  }
  return { jid: parseJid(jid).bare, password };
}
