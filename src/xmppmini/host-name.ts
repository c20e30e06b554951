import { XmppminiError } from "../errors.js";

// A DNS label (RFC 1123 §2.1): 1–63 letters, digits or hyphens, not starting or ending with a hyphen.
// Letters and digits of any script are taken (and combining marks), for internationalised names that the
// URL parser turns into A-labels (punycode); punctuation of any kind, `_` included, is not.
const LABEL = /^(?!-)[\p{L}\p{M}\p{N}-]{1,63}(?<!-)$/u;
const IPV6_LITERAL = /^\[[0-9a-f:.]+\]$/iu;
const PORT = /:(\d{1,5})$/u;
const MAX_LENGTH = 253;

/**
 * What keeps `value` from being a host name to build a URL on, or undefined when nothing does: a DNS
 * name (an IPv4 address is one), or a bracketed IPv6 literal; with `port`, an optional `:port` after it.
 * Everything that would change what a URL means (`/ @ : ? # %`, spaces, `..`) is refused here, before a
 * URL is built, so that `https://${host}/xmppmini.txt` asks the host named and nothing else.
 */
export function hostNameProblem(value: string, { port = false }: { port?: boolean } = {}): string | undefined {
  if (typeof value !== "string" || value === "") return "it is empty";
  let host = value;
  const withPort = PORT.exec(host);
  if (port && withPort) {
    if (Number(withPort[1]) > 65535) return "its port is above 65535";
    host = host.slice(0, withPort.index);
  }
  if (IPV6_LITERAL.test(host)) return parsesAsHost(host) ? undefined : "it is no IPv6 address";
  // One trailing dot is the DNS root, written out; it changes nothing.
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  if (name.length > MAX_LENGTH) return `it is longer than ${MAX_LENGTH} characters`;
  const bad = /[^\p{L}\p{M}\p{N}.-]/u.exec(name);
  if (bad) return `it contains "${bad[0] === " " ? "a space" : bad[0]}", which no host name has`;
  const labels = name.split(".");
  if (labels.some((label) => label === "")) return "it has an empty label (two dots in a row, or a dot at the start)";
  if (labels.some((label) => label.length > 63)) return "a label (between dots) is longer than 63 characters";
  if (!labels.every((label) => LABEL.test(label))) return "a label starts or ends with a hyphen";
  // Last, the browser's own reading (IDNA mapping, IPv4 forms): what it cannot take as a host is refused.
  return parsesAsHost(name) ? undefined : "the browser does not read it as a host name";
}

function parsesAsHost(host: string): boolean {
  try {
    const url = new URL(`https://${host}/`);
    return url.hostname !== "" && url.pathname === "/" && url.username === "" && url.search === "" && url.hash === "";
  } catch {
    return false;
  }
}

/** Whether `value` is a host name (see hostNameProblem). */
export function isHostName(value: string, options?: { port?: boolean }): boolean {
  return hostNameProblem(value, options) === undefined;
}

/**
 * `domain` as it is when it may be put into a URL; else throws `invalid-jid` saying why, for a domain that
 * came from an address (`what` names it for people, e.g. "the domain of alice@example.org").
 */
export function requireHostName(domain: string, what: string): string {
  const problem = hostNameProblem(domain);
  if (problem) throw new XmppminiError("invalid-jid", `${what} ("${domain.slice(0, 100)}") is not a host name: ${problem}.`);
  return domain;
}
