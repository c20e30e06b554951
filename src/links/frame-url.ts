import { XmppminiError } from "../errors.js";

/**
 * A host page for a frame (`roster-url`, `upload-url`), resolved against the page; throws `invalid-config`
 * unless it is http(s). A `javascript:` URL in a frame runs in the host page's own origin, a `data:` or
 * `blob:` page has an opaque origin that a postMessage check cannot tell apart: neither is a host's page.
 */
export function frameUrl(value: string, attribute: string, base: string = document.baseURI): URL {
  let url: URL | undefined;
  try {
    url = new URL(value, base);
  } catch {
    // said below
  }
  if (url?.protocol === "http:" || url?.protocol === "https:") return url;
  throw new XmppminiError(
    "invalid-config",
    `${attribute} "${value.slice(0, 60)}" is not loaded: the page must be an http:// or https:// URL.`,
  );
}
