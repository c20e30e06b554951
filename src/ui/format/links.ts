/** The only schemes a message may link to; anything else (javascript:, data:, file:, …) stays text. */
const SAFE_SCHEMES = new Set(["http:", "https:", "mailto:", "xmpp:"]);

/** The link target for `raw` when it is an absolute URL with a safe scheme, else undefined. */
export function safeLink(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined; // not an absolute URL: shown as the text it is
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return undefined;
  if ((url.protocol === "http:" || url.protocol === "https:") && !url.hostname) return undefined;
  return url.href;
}
