import { XmppminiError } from "../errors.js";

// A DNS label (RFC 1123 §2.1): 1–63 letters, digits or hyphens, not starting or ending with a hyphen.
// Letters and digits of any script are taken (and combining marks), for internationalised names that the
// URL parser turns into A-labels (punycode); punctuation of any kind, `_` included, is not.
const LABEL = /^(?!-)[\p{L}\p{M}\p{N}-]{1,63}(?<!-)$/u;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/iu;

/**
 * What keeps `value` from being a host name to build a URL on, or undefined when nothing does: a DNS
 * name of at most 253 characters (an IPv4 address is one), or a bracketed IPv6 literal; with `port`, an
 * optional `:port` after it. Everything that would change what a URL means (`/ @ : ? # %`, spaces, `..`)
 * is refused here, before a URL is built, so that `https://${host}/xmppmini.txt` asks the host named and
 * nothing else.
 */
export function hostNameProblem(value: string, port = false): string | undefined {
  const host = port ? value.replace(/:\d+$/u, "") : value;
  if (!IPV6_LITERAL.test(host)) {
    // One trailing dot is the DNS root, written out; it changes nothing.
    const name = host.replace(/\.$/u, "");
    const bad = /[^\p{L}\p{M}\p{N}.-]/u.exec(name);
    if (bad) return `it contains "${bad[0]}"`;
    // (An empty name is one empty label.)
    if (name.length > 253 || !name.split(".").every((label) => LABEL.test(label)))
      return "it is too long, or a label is empty, too long or starts or ends with -";
  }
  // Last, the browser's own reading (IDNA mapping, IPv4 forms, the port's range): it must see this host alone.
  try {
    const url = new URL(`https://${value}/`);
    if (url.pathname === "/" && !url.username && !url.search && !url.hash) return undefined;
  } catch {
    // said below
  }
  return "the browser does not read it as a host name";
}

/**
 * `domain` as it is when it may be put into a URL; else throws `invalid-jid` saying why, for a domain that
 * came from an address (`what` names it for people, e.g. "the domain of alice@example.org").
 */
export function requireHostName(domain: string, what: string): string {
  const problem = hostNameProblem(domain);
  if (problem)
    throw new XmppminiError("invalid-jid", `${what} ("${domain.slice(0, 100)}") is not a host name: ${problem}.`);
  return domain;
}
