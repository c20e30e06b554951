// Helpers for serving xmppmini records (the demo's and the tests' own operators): the `key=value` format
// with network line endings, and a get_host directory backed by a small mapping.

/** `{ host: "a.example.org", websocket: "ws://…" }` → "host=a.example.org\r\nwebsocket=ws://…\r\n". */
export function formatRecord(entries) {
  return Object.entries(entries)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${value}\r\n`)
    .join("");
}

/**
 * Reads a mapping file: one `public-address=host` per line, `#` comments allowed.
 * Returns a Map from lower-cased public address to host.
 */
export function parseDirectoryMapping(text) {
  const mapping = new Map();
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) continue;
    const [address, host] = trimmed.split("=").map((part) => part.trim());
    if (address && host) mapping.set(address.toLowerCase(), host);
  }
  return mapping;
}

/**
 * Answers a get_host request (GET query or POST form) from `mapping`: the record for the user, or 404.
 * `extra` adds keys to every answer (e.g. the shard's websocket endpoint).
 */
export async function answerGetHost(request, url, mapping, extra = () => ({})) {
  let userName = url.searchParams.get("user_name");
  if (!userName && request.method === "POST") {
    let body = "";
    for await (const chunk of request) body += chunk;
    userName = new URLSearchParams(body).get("user_name");
  }
  const host = userName ? mapping.get(userName.toLowerCase()) : undefined;
  if (!host) return { status: 404, body: "unknown user\r\n" };
  return { status: 200, body: formatRecord({ host, ...extra(host) }) };
}
