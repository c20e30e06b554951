import { XmppminiError } from "../errors.js";

/** A parsed, normalised address (RFC 7622). */
export interface Jid {
  readonly local: string;
  readonly domain: string;
  readonly resource: string;
  /** `local@domain` (or `domain` alone). */
  readonly bare: string;
  /** `bare/resource` when there is a resource, else `bare`. */
  readonly full: string;
}

// RFC 7622 §3.1: each part is at most 1023 octets once encoded as UTF-8.
const MAX_PART_BYTES = 1023;
// RFC 7622 §3.3.1: these may not appear in a localpart.
const FORBIDDEN_IN_LOCAL = /["&'/:<>@]/u;
// Spaces and control characters are disallowed by the PRECIS IdentifierClass (RFC 8264 §4.2) and by
// domain name syntax; resources (OpaqueString) may hold inner spaces but no controls.
const SPACE_OR_CONTROL = /[\s\p{Cc}]/u;
const CONTROL = /\p{Cc}/u;
const encoder = new TextEncoder();

function invalid(input: string, reason: string): XmppminiError {
  return new XmppminiError("invalid-jid", `"${input}" is not a valid XMPP address: ${reason}.`);
}

function checkLength(input: string, part: string, name: string): void {
  if (encoder.encode(part).length > MAX_PART_BYTES) {
    throw invalid(input, `its ${name} is longer than ${MAX_PART_BYTES} bytes`);
  }
}

// RFC 7622 §3.2: a domainpart is a hostname (IDNA-aware), an IPv4 address or a bracketed IPv6 address.
function checkDomain(input: string, domain: string): void {
  if (domain === "") throw invalid(input, "the domain is missing");
  if (domain.startsWith("[") && domain.endsWith("]")) {
    if (!/^\[[0-9a-f:.]+\]$/iu.test(domain)) throw invalid(input, "the IPv6 address is malformed");
    return;
  }
  if (SPACE_OR_CONTROL.test(domain) || /[@/"&'<>\\:]/u.test(domain)) {
    throw invalid(input, "the domain contains characters a hostname may not have");
  }
  const labels = domain.split(".");
  if (labels.some((label) => label === "")) throw invalid(input, "the domain has an empty label");
  if (labels.some((label) => label.startsWith("-") || label.endsWith("-"))) {
    throw invalid(input, "a domain label starts or ends with a hyphen");
  }
}

/**
 * Parses and validates an address, normalising case and Unicode form the way servers compare them
 * (RFC 7622 §3.2.2, §3.3.2: domain and localpart case-mapped, NFC throughout). Throws an
 * `XmppminiError` with code `invalid-jid` and a message that says what is wrong.
 */
export function parseJid(input: string): Jid {
  if (typeof input !== "string" || input.trim() === "") throw invalid(String(input ?? ""), "it is empty");
  const text = input.trim();
  const slash = text.indexOf("/");
  const bareText = slash === -1 ? text : text.slice(0, slash);
  const resource = slash === -1 ? "" : text.slice(slash + 1).normalize("NFC");
  const at = bareText.lastIndexOf("@");
  const local = (at === -1 ? "" : bareText.slice(0, at)).normalize("NFC").toLowerCase();
  // A trailing dot is the DNS root label; RFC 7622 §3.2 says to strip it before comparison.
  const domain = (at === -1 ? bareText : bareText.slice(at + 1)).normalize("NFC").toLowerCase().replace(/\.$/u, "");

  if (at !== -1 && local === "") throw invalid(input, "the part before @ is empty");
  if (slash !== -1 && resource === "") throw invalid(input, "the part after / is empty");
  if (FORBIDDEN_IN_LOCAL.test(local) || SPACE_OR_CONTROL.test(local)) {
    throw invalid(input, "the part before @ may not contain spaces or any of \" & ' / : < > @");
  }
  if (CONTROL.test(resource)) throw invalid(input, "the resource contains control characters");
  checkLength(input, local, "local part");
  checkLength(input, domain, "domain");
  checkLength(input, resource, "resource");
  checkDomain(input, domain);

  const bare = local ? `${local}@${domain}` : domain;
  return { local, domain, resource, bare, full: resource ? `${bare}/${resource}` : bare };
}
