/** XEP-0124 §17.2 terminal conditions, said the way a person can act on. */
const CONDITIONS: Record<string, string> = {
  "bad-request": "the server could not understand a request",
  "host-gone": "the chat domain is no longer served there",
  "host-unknown": "the server does not serve this chat domain",
  "improper-addressing": "the request was missing its destination",
  "internal-server-error": "the server had an internal error",
  "item-not-found": "the server no longer knows this session (it may have restarted)",
  "other-request": "another request replaced this session",
  "policy-violation": "the server refused the request by policy (too many requests, or too large)",
  "remote-connection-failed": "the server could not reach the XMPP service behind it",
  "remote-stream-error": "the XMPP service closed the stream",
  "see-other-uri": "the server asks to connect elsewhere",
  "system-shutdown": "the server is shutting down",
  "undefined-condition": "the server ended the session",
  network: "the server stopped answering",
};

/** A BOSH session ended; `condition` is the XEP-0124 condition (or "network" when requests kept failing). */
export class BoshError extends Error {
  override readonly name = "BoshError";

  constructor(
    readonly condition: string,
    readonly url: string,
  ) {
    super(`BOSH session at ${url} ended: ${CONDITIONS[condition] ?? condition}.`);
  }
}

/** XEP-0124 §17.1: legacy HTTP status codes and the conditions they stand for. */
export function conditionOfStatus(status: number): string | null {
  if (status === 400) return "bad-request";
  if (status === 403) return "policy-violation";
  if (status === 404) return "item-not-found";
  return null; // other statuses (5xx, proxies' 502/504) may pass: the request is retried
}
