import { XmppminiError } from "../errors.js";
import { hostNameProblem } from "./host-name.js";

/**
 * What an xmppmini.txt file or a get_host answer says, once believed.
 * `host` is a hostname (static: connect there, keep the address) or, with `dynamic`, the URL of a
 * directory to ask per user.
 */
export interface XmppminiRecord {
  readonly host: string;
  readonly dynamic: boolean;
  /** Browser extension: a WebSocket endpoint (RFC 7395). */
  readonly websocket?: string;
  /** Browser extension: a BOSH endpoint (XEP-0206). */
  readonly bosh?: string;
  /** Seconds this answer may be cached. */
  readonly ttlSeconds?: number;
}

/** Larger than any sensible file; an answer past this is a misconfigured server, not a record. */
export const MAX_RECORD_LENGTH = 16 * 1024;
const MAX_TTL_SECONDS = 30 * 24 * 3600;
// Control characters other than tab and line breaks mean binary junk (an image, a compressed body).
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/u;

function malformed(source: string, reason: string): XmppminiError {
  return new XmppminiError("malformed", `The xmppmini record from ${source} cannot be used: ${reason}.`);
}

/**
 * Reads `key=value` lines. The format says CRLF; we also take bare LF or CR, a byte-order mark, spaces
 * around `=` and keys in any case. Lines without `=` are ignored. The first value of a key wins.
 */
export function parseKeyValueLines(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.replace(/^\ufeff/u, "").split(/\r\n|\n|\r/u)) {
    const equals = line.indexOf("=");
    if (equals <= 0) continue;
    const key = line.slice(0, equals).trim().toLowerCase();
    if (key && !entries.has(key)) entries.set(key, line.slice(equals + 1).trim());
  }
  return entries;
}

/** A host without its `:port`, if it has one. */
export function withoutPort(host: string): string {
  return host.replace(/:\d{1,5}$/u, "");
}

function urlWithScheme(value: string, schemes: readonly string[]): boolean {
  try {
    return schemes.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/**
 * Parses an xmppmini.txt body (or a get_host answer) and checks that it means something we can act on.
 * Throws an XmppminiError with code `malformed` saying what is wrong; never anything else.
 */
export function parseXmppminiRecord(text: string, source: string): XmppminiRecord {
  if (typeof text !== "string") throw malformed(source, "the answer is not text");
  if (text.length > MAX_RECORD_LENGTH) throw malformed(source, `it is larger than ${MAX_RECORD_LENGTH} characters`);
  if (BINARY.test(text)) throw malformed(source, "it contains binary data, not key=value lines");
  const entries = parseKeyValueLines(text);
  const host = entries.get("host");
  if (!host) throw malformed(source, "it has no host= line");

  const serverDyn = entries.get("server_dyn") ?? "0";
  if (serverDyn !== "0" && serverDyn !== "1") throw malformed(source, `server_dyn must be 0 or 1, not "${serverDyn}"`);
  const dynamic = serverDyn === "1";
  if (dynamic && !urlWithScheme(host, ["http:", "https:"])) {
    throw malformed(source, `with server_dyn=1, host must be an http(s) URL, not "${host}"`);
  }
  // A hostname, an IPv4 address or a bracketed IPv6 address, with an optional port (host-name.ts).
  const hostProblem = dynamic ? undefined : hostNameProblem(host, true);
  if (hostProblem) {
    throw malformed(
      source,
      host.includes("://")
        ? `host "${host}" is a URL but server_dyn=1 is missing`
        : `host "${host}" is not a hostname: ${hostProblem}`,
    );
  }

  const websocket = entries.get("websocket");
  if (websocket !== undefined && !urlWithScheme(websocket, ["ws:", "wss:"])) {
    throw malformed(source, `websocket must be a ws:// or wss:// URL, not "${websocket}"`);
  }
  const bosh = entries.get("bosh");
  if (bosh !== undefined && !urlWithScheme(bosh, ["http:", "https:"])) {
    throw malformed(source, `bosh must be an http(s) URL, not "${bosh}"`);
  }
  const ttl = entries.get("ttl");
  let ttlSeconds: number | undefined;
  if (ttl !== undefined) {
    ttlSeconds = /^\d{1,9}$/u.test(ttl) ? Number(ttl) : Number.NaN;
    if (!(ttlSeconds <= MAX_TTL_SECONDS)) throw malformed(source, `ttl must be whole seconds up to ${MAX_TTL_SECONDS}`);
  }

  return {
    host: dynamic ? host : host.toLowerCase().replace(/\.$/u, ""),
    dynamic,
    ...(websocket !== undefined && { websocket }),
    ...(bosh !== undefined && { bosh }),
    ...(ttlSeconds !== undefined && { ttlSeconds }),
  };
}
