import { XmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";

/** What an `xmpp:` URI asks for (RFC 5122), reduced to what a chat widget acts on. */
export interface XmppUri {
  /** The bare address the URI points at. */
  readonly jid: string;
  /** The query type (XEP-0147): `message`, `join`, `subscribe`…; empty when the URI has none. */
  readonly action: string;
  /** The query's `key=value` pairs, decoded (e.g. `body` for `?message;body=…`). */
  readonly params: ReadonlyMap<string, string>;
}

function invalid(uri: string, reason: string): XmppminiError {
  return new XmppminiError("invalid-jid", `"${uri.slice(0, 200)}" is not a usable xmpp: link: ${reason}.`);
}

function decode(uri: string, text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(uri, "it has a broken %-escape");
  }
}

/** Whether `href` is an `xmpp:` URI at all (the scheme is case-insensitive, RFC 3986 §3.1). */
export function isXmppUri(href: string): boolean {
  return /^xmpp:/iu.test(href.trim());
}

/**
 * Parses `xmpp:bob@example.org?message;body=Hello` (RFC 5122 §2). An authority part
 * (`xmpp://me@example.org/bob@example.org`) names the account to act as; the widget acts as its own
 * account, so it is skipped. Throws `invalid-jid` for anything that is no usable address.
 */
export function parseXmppUri(href: string): XmppUri {
  const uri = href.trim();
  if (!isXmppUri(uri)) throw invalid(uri, "it does not start with xmpp:");
  let rest = uri.slice("xmpp:".length);
  const hash = rest.indexOf("#");
  if (hash !== -1) rest = rest.slice(0, hash);
  const question = rest.indexOf("?");
  const path = question === -1 ? rest : rest.slice(0, question);
  const query = question === -1 ? "" : rest.slice(question + 1);

  let target = path;
  if (target.startsWith("//")) {
    const slash = target.indexOf("/", 2);
    if (slash === -1) throw invalid(uri, "it names an account but no one to talk to");
    target = target.slice(slash + 1);
  }
  const jid = parseJid(decode(uri, target)).bare;

  const [action = "", ...pairs] = query === "" ? [] : query.split(";");
  const params = new Map<string, string>();
  for (const pair of pairs) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const key = decode(uri, equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? "" : decode(uri, pair.slice(equals + 1));
    params.set(key, value);
  }
  return { jid, action: decode(uri, action), params };
}
