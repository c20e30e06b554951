import { XmppminiError } from "../errors.js";

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export type TextAnswer =
  { readonly status: number; readonly text: string } | { readonly status: number; readonly text?: undefined };

/**
 * The URL a redirected answer finally came from, when that is another origin than the one `asked`;
 * undefined for an answer that was not redirected, or only within its origin. A redirect within the
 * origin is taken: the same party answers (a file moved to /static/, a trailing slash), and whoever can
 * redirect there could serve the answer directly anyway. Any other origin (another host, port or scheme)
 * is a third party answering for a domain it is not, which is what a hijacked or careless redirect looks
 * like. (Not even http → https on the same host: https is asked first, so an http answer is only used
 * where https did not answer at all.)
 */
export function redirectedElsewhere(response: Response, asked: string): string | undefined {
  const to = new URL(response.url, asked);
  return response.redirected && to.origin !== new URL(asked).origin ? to.href : undefined;
}

/**
 * Fetches a small text resource. Resolves with the status and, for 2xx, the body (at most `maxLength`
 * characters are read; a larger body is cut there, which the record parser then refuses). Rejects with
 * `network-or-cors` or `timeout`, naming the URL, and with `redirected` for an answer from another origin
 * (see redirectedElsewhere): xmppmini.txt, get_host and host-meta speak for one domain only.
 */
export async function fetchText(
  fetchImpl: FetchLike,
  url: string,
  {
    init = {},
    signal,
    timeoutMs,
    maxLength,
  }: { init?: RequestInit; signal?: AbortSignal; timeoutMs: number; maxLength: number },
): Promise<TextAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await fetchImpl(url, {
      ...init,
      signal: combined,
      credentials: "omit",
      redirect: "follow",
      cache: "no-cache",
    });
    const elsewhere = redirectedElsewhere(response, url);
    if (elsewhere !== undefined) {
      await response.body?.cancel().catch(() => undefined);
      throw new XmppminiError(
        "redirected",
        `${url} redirected to ${elsewhere.slice(0, 200)}, another site, whose answer is not believed.`,
      );
    }
    if (!response.ok) {
      // Nothing to read: release the connection.
      await response.body?.cancel().catch(() => undefined);
      return { status: response.status };
    }
    return { status: response.status, text: await readCapped(response, maxLength) };
  } catch (error) {
    if (error instanceof XmppminiError) throw error;
    if (timeout.aborted) {
      throw new XmppminiError("timeout", `No answer from ${url} within ${Math.round(timeoutMs / 1000)} s.`, {
        cause: error,
      });
    }
    if (signal?.aborted) throw signal.reason ?? error;
    throw new XmppminiError(
      "network-or-cors",
      `Could not fetch ${url}: the server is unreachable, or it does not allow this page to read it (CORS).`,
      { cause: error },
    );
  }
}

async function readCapped(response: Response, maxLength: number): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (text.length > maxLength) {
      await reader.cancel();
      return text; // longer than maxLength: the caller's parser reports it as too large
    }
  }
  return text + decoder.decode();
}
