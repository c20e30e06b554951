import { XmppminiError } from "../errors.js";
import { parseJid } from "../jid/jid.js";
import { fetchText, type FetchLike } from "./fetch-text.js";
import { requireHostName } from "./host-name.js";
import { hasEndpoint, type Endpoints } from "./server-endpoints.js";
import { MAX_RECORD_LENGTH, parseXmppminiRecord, withoutPort, type XmppminiRecord } from "./record.js";
import { MemoryResolutionCache, type ResolutionCache } from "./resolution-cache.js";

/** Where an address lives, as found by the xmppmini rules. */
export interface Resolution {
  /** The address as people know it: `node@domain`. */
  readonly publicJid: string;
  /** The address the server knows: `node@host` after a dynamic lookup, else the same as `publicJid`. */
  readonly realJid: string;
  readonly websocket?: string;
  readonly bosh?: string;
  /** Which rule answered: the domain's file, its directory, XEP-0156 alone, or nothing (address kept as is). */
  readonly source: "xmppmini.txt" | "get_host" | "host-meta" | "as-is";
}

export interface ResolverOptions {
  fetch?: FetchLike;
  cache?: ResolutionCache;
  /** Per request, in ms. */
  timeoutMs?: number;
  /** The page's protocol; plain http is tried only from http pages (browsers block mixed content). */
  pageProtocol?: string;
  /** A same-origin URL template for xmppmini.txt lookups, with `{domain}`, for operators without CORS. */
  proxyTemplate?: string;
  /** How `user_name` goes to a get_host directory; the format allows both. */
  dynamicMethod?: "GET" | "POST";
  positiveTtlMs?: number;
  negativeTtlMs?: number;
}

interface FileLookup {
  record: XmppminiRecord | null;
  tried: string[];
  networkFailure: XmppminiError | null;
}

const HOUR = 3600_000;

/**
 * The address, parsed, once its domain is known to be a host name: RFC 7622 lets a domainpart hold
 * characters (`?`, `#`, `%`) that would turn `https://${domain}/xmppmini.txt` into a request to some other
 * place, and every URL below is built on that domain. Throws `invalid-jid`.
 */
function addressOf(address: string) {
  const jid = parseJid(address);
  requireHostName(jid.domain, `The domain of ${jid.bare}`);
  return jid;
}

/**
 * The xmppmini addressing rules (seed 000; docs/xmppmini.md): xmppmini.txt first, a get_host directory
 * where it says `server_dyn=1` (one level only), XEP-0156 host-meta as the fallback. Pure: the network is
 * the injected `fetch`, the memory the injected cache.
 */
export class XmppminiResolver {
  readonly #fetch: FetchLike;
  readonly #cache: ResolutionCache;
  readonly #options: Required<Omit<ResolverOptions, "fetch" | "cache" | "proxyTemplate">> & { proxyTemplate?: string };

  constructor(options: ResolverOptions = {}) {
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#cache = options.cache ?? new MemoryResolutionCache();
    if (options.proxyTemplate !== undefined && !options.proxyTemplate.includes("{domain}")) {
      throw new XmppminiError(
        "invalid-config",
        `The resolver template "${options.proxyTemplate}" must contain {domain}.`,
      );
    }
    this.#options = {
      timeoutMs: options.timeoutMs ?? 8000,
      pageProtocol: options.pageProtocol ?? globalThis.location?.protocol ?? "https:",
      dynamicMethod: options.dynamicMethod ?? "GET",
      positiveTtlMs: options.positiveTtlMs ?? HOUR,
      negativeTtlMs: options.negativeTtlMs ?? 60_000,
      ...(options.proxyTemplate !== undefined && { proxyTemplate: options.proxyTemplate }),
    };
  }

  /** Finds the real address and a WebSocket/BOSH endpoint for signing in as `address`. */
  async resolveAccount(address: string, signal?: AbortSignal): Promise<Resolution> {
    const jid = addressOf(address);
    const file = await this.#lookupFile(jid.domain, signal);
    if (!file.record) {
      const endpoints = await this.#discover(jid.domain, signal);
      if (hasEndpoint(endpoints)) return { publicJid: jid.bare, realJid: jid.bare, ...endpoints, source: "host-meta" };
      const tried = [...file.tried, ...this.#hostMetaUrls(jid.domain)].join(", ");
      if (file.networkFailure) {
        throw new XmppminiError(
          "network-or-cors",
          `Could not find the chat server for ${jid.domain}: no answer from ${tried}. ${this.#hint()}`,
          {
            cause: file.networkFailure,
          },
        );
      }
      throw new XmppminiError("not-found", `Could not find the chat server for ${jid.domain}: tried ${tried}.`);
    }
    const { realJid, answer, serverHost, source } = await this.#real(jid.local, jid.bare, file.record, signal);
    const endpoints = hasEndpoint(answer) ? answer : await this.#discover(serverHost, signal);
    if (!hasEndpoint(endpoints)) {
      throw new XmppminiError(
        "not-found",
        `${source} for ${jid.domain} names the server ${serverHost}, but gives no websocket= or bosh= ` +
          "endpoint and that server publishes no XEP-0156 host-meta. Set the service attribute, or add websocket= to the file.",
      );
    }
    return {
      publicJid: jid.bare,
      realJid,
      ...(endpoints.websocket !== undefined && { websocket: endpoints.websocket }),
      ...(endpoints.bosh !== undefined && { bosh: endpoints.bosh }),
      source,
    };
  }

  /**
   * Finds the real address of a peer. A domain without xmppmini.txt keeps the address as it is (ordinary
   * XMPP federation); a directory that fails is an error, so nothing is sent to a wrong address.
   */
  async resolveAddress(address: string, signal?: AbortSignal): Promise<Resolution> {
    const jid = addressOf(address);
    const file = await this.#lookupFile(jid.domain, signal);
    if (!file.record) return { publicJid: jid.bare, realJid: jid.bare, source: "as-is" };
    const { realJid, source } = await this.#real(jid.local, jid.bare, file.record, signal);
    return { publicJid: jid.bare, realJid, source };
  }

  /**
   * Drops what is cached for an address (its domain's file, its directory answer, its host-meta), so the
   * next lookup asks again: called when a remembered endpoint no longer answers.
   */
  async forget(address: string): Promise<void> {
    const jid = parseJid(address);
    const user = await this.#cache.get<XmppminiRecord>(`user:${jid.bare}`);
    const file = await this.#cache.get<XmppminiRecord>(`file:${jid.domain}`);
    const hosts = new Set([jid.domain]);
    if (user?.found) hosts.add(withoutPort(user.value.host));
    if (file?.found && !file.value.dynamic) hosts.add(withoutPort(file.value.host));
    await Promise.all([
      this.#cache.delete(`file:${jid.domain}`),
      this.#cache.delete(`user:${jid.bare}`),
      ...[...hosts].map((host) => this.#cache.delete(`host-meta:${host}`)),
    ]);
  }

  async #real(
    local: string,
    publicJid: string,
    record: XmppminiRecord,
    signal?: AbortSignal,
  ): Promise<{ realJid: string; answer: Endpoints; serverHost: string; source: Resolution["source"] }> {
    // Static host: MX-like, the address keeps its domain and only the server to reach changes.
    if (!record.dynamic)
      return { realJid: publicJid, answer: record, serverHost: withoutPort(record.host), source: "xmppmini.txt" };
    // Dynamic host: the directory's host becomes the address's domain (node@host).
    const answer = await this.#askDirectory(record, publicJid, signal);
    const serverHost = withoutPort(answer.host);
    return { realJid: local ? `${local}@${serverHost}` : serverHost, answer, serverHost, source: "get_host" };
  }

  #fileUrls(domain: string): string[] {
    // `domain` is an address's, checked by addressOf.
    const { proxyTemplate, pageProtocol } = this.#options;
    if (proxyTemplate) return [proxyTemplate.replaceAll("{domain}", encodeURIComponent(domain))];
    const urls = [`https://${domain}/xmppmini.txt`];
    if (pageProtocol === "http:") urls.push(`http://${domain}/xmppmini.txt`);
    return urls;
  }

  #hostMetaUrls(host: string): string[] {
    // Also a host from a cached record (a record is checked when parsed, the cache may be older).
    requireHostName(host, "The host");
    const schemes = this.#options.pageProtocol === "http:" ? ["https", "http"] : ["https"];
    return schemes.flatMap((scheme) => [
      `${scheme}://${host}/.well-known/host-meta.json`,
      `${scheme}://${host}/.well-known/host-meta`,
    ]);
  }

  #hint(): string {
    return this.#options.proxyTemplate
      ? "Check the resolver proxy."
      : "If the site does not allow cross-origin reads of xmppmini.txt, set the resolver attribute to a same-origin proxy.";
  }

  /** Seed 000 step 1: `http(s)://domain/xmppmini.txt`; 404 and 410 mean "no file", anything else non-2xx is an error. */
  async #lookupFile(domain: string, signal?: AbortSignal): Promise<FileLookup> {
    const key = `file:${domain}`;
    const cached = await this.#cache.get<XmppminiRecord>(key);
    if (cached)
      return { record: cached.found ? cached.value : null, tried: this.#fileUrls(domain), networkFailure: null };

    const tried: string[] = [];
    let networkFailure: XmppminiError | null = null;
    let answeredNotFound = false;
    for (const url of this.#fileUrls(domain)) {
      tried.push(url);
      let answer;
      try {
        answer = await this.#get(url, signal);
      } catch (error) {
        if (error instanceof XmppminiError && error.code === "network-or-cors") {
          networkFailure = error;
          continue;
        }
        throw error;
      }
      if (answer.status === 404 || answer.status === 410) {
        answeredNotFound = true;
        continue;
      }
      if (answer.text === undefined) {
        throw new XmppminiError(
          "http-status",
          `${url} answered HTTP ${answer.status}; the site's xmppmini.txt cannot be read.`,
        );
      }
      const record = parseXmppminiRecord(answer.text, url);
      await this.#cache.set(key, { found: true, value: record }, this.#ttl(record));
      return { record, tried, networkFailure: null };
    }
    // A clear 404 from any candidate means "no file", whatever the others did (https refused, http 404).
    if (answeredNotFound) networkFailure = null;
    // Only a clean "no file" is remembered; a network failure may be gone on the next try.
    if (!networkFailure) await this.#cache.set(key, { found: false }, this.#options.negativeTtlMs);
    return { record: null, tried, networkFailure };
  }

  /** Seed 000 step 3: ask the directory with `user_name`; its answer's host is final. */
  async #askDirectory(record: XmppminiRecord, publicJid: string, signal?: AbortSignal): Promise<XmppminiRecord> {
    const key = `user:${publicJid}`;
    const cached = await this.#cache.get<XmppminiRecord>(key);
    if (cached?.found) return cached.value;

    const post = this.#options.dynamicMethod === "POST";
    const url = new URL(record.host);
    if (!post) url.searchParams.append("user_name", publicJid);
    const answer = await this.#get(
      url.href,
      signal,
      post ? { method: "POST", body: new URLSearchParams({ user_name: publicJid }) } : {},
    );
    if (answer.status === 404)
      throw new XmppminiError("not-found", `The directory ${record.host} does not know ${publicJid}.`);
    if (answer.text === undefined) {
      throw new XmppminiError(
        "http-status",
        `The directory ${record.host} answered HTTP ${answer.status} when asked for ${publicJid}.`,
      );
    }
    const found = parseXmppminiRecord(answer.text, record.host);
    if (found.dynamic) {
      throw new XmppminiError(
        "nested-dynamic",
        `The directory ${record.host} answered with another dynamic lookup for ${publicJid}; xmppmini allows one level only.`,
      );
    }
    await this.#cache.set(key, { found: true, value: found }, this.#ttl(found));
    return found;
  }

  /** XEP-0156 §3: host-meta.json first, then the XML host-meta; nothing found is an empty answer. */
  async #discover(host: string, signal?: AbortSignal): Promise<Endpoints> {
    const key = `host-meta:${host}`;
    const cached = await this.#cache.get<Endpoints>(key);
    if (cached) return cached.found ? cached.value : {};
    for (const url of this.#hostMetaUrls(host)) {
      let answer;
      try {
        answer = await this.#get(url, signal);
      } catch (error) {
        if (error instanceof XmppminiError && error.code === "network-or-cors") continue;
        throw error;
      }
      if (answer.text === undefined) continue;
      const { parseHostMetaJson, parseHostMetaXml } = await import("./host-meta.js");
      const endpoints = url.endsWith(".json") ? parseHostMetaJson(answer.text) : parseHostMetaXml(answer.text);
      if (hasEndpoint(endpoints)) {
        await this.#cache.set(key, { found: true, value: endpoints }, this.#options.positiveTtlMs);
        return endpoints;
      }
    }
    await this.#cache.set(key, { found: false }, this.#options.negativeTtlMs);
    return {};
  }

  #get(url: string, signal: AbortSignal | undefined, init: RequestInit = {}) {
    return fetchText(this.#fetch, url, {
      init,
      ...(signal && { signal }),
      timeoutMs: this.#options.timeoutMs,
      maxLength: MAX_RECORD_LENGTH,
    });
  }

  #ttl(record: XmppminiRecord): number {
    return record.ttlSeconds !== undefined ? record.ttlSeconds * 1000 : this.#options.positiveTtlMs;
  }
}
