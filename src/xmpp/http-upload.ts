// XEP-0363 HTTP File Upload: find the server's upload service, ask it for a slot, PUT the file there.
import xml, { type Element } from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";
import { XmppminiError } from "../errors.js";
import { safeFileUrl } from "./attachment.js";

const NS_UPLOAD = "urn:xmpp:http:upload:0";
const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
const NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
const NS_DATA = "jabber:x:data";
/** XEP-0363 §5: the only headers a slot may ask the client to send. */
const ALLOWED_HEADERS = new Set(["authorization", "cookie", "expires"]);

export interface UploadService {
  readonly jid: string;
  /** Bytes; undefined when the service names no limit. */
  readonly maxFileSize: number | undefined;
}

export interface UploadSlot {
  readonly putUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly getUrl: string;
}

export interface UploadFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

function serviceFrom(jid: string, info: Element): UploadService | undefined {
  const features = info.getChildren("feature").map((feature) => feature.attrs.var);
  if (!features.includes(NS_UPLOAD)) return undefined;
  const form = info
    .getChildren("x", NS_DATA)
    .find((candidate) => candidate.getChildren("field").some((field) => field.attrs.var === "FORM_TYPE" && field.getChildText("value") === NS_UPLOAD));
  const limit = form?.getChildren("field").find((field) => field.attrs.var === "max-file-size")?.getChildText("value");
  const maxFileSize = limit && /^\d{1,15}$/u.test(limit) ? Number(limit) : undefined;
  return { jid, maxFileSize };
}

/**
 * XEP-0363 §3: the server itself, or one of its items, that says it takes uploads; undefined if none does.
 * `proceed()` is asked before each query: a connection that closed meanwhile is asked nothing more.
 */
export async function findUploadService(iqCaller: IqCaller, domain: string, proceed: () => boolean = () => true): Promise<UploadService | undefined> {
  if (!proceed()) return undefined;
  const own = serviceFrom(domain, await iqCaller.get(xml("query", { xmlns: NS_DISCO_INFO }), domain));
  if (own || !proceed()) return own;
  const items = await iqCaller.get(xml("query", { xmlns: NS_DISCO_ITEMS }), domain);
  for (const item of items.getChildren("item")) {
    const jid = item.attrs.jid as string | undefined;
    if (!jid) continue;
    if (!proceed()) return undefined;
    try {
      const service = serviceFrom(jid, await iqCaller.get(xml("query", { xmlns: NS_DISCO_INFO }), jid));
      if (service) return service;
    } catch {
      // An item that does not answer is no upload service.
    }
  }
  return undefined;
}

/** Checks a file against the service before asking it: a clear message instead of the server's refusal. */
export function checkUpload(service: UploadService, file: UploadFile): void {
  if (file.size <= 0) throw new XmppminiError("upload-failed", `"${file.name}" is empty: there is nothing to send.`);
  if (service.maxFileSize !== undefined && file.size > service.maxFileSize) {
    const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
    throw new XmppminiError("upload-failed", `"${file.name}" is ${mb(file.size)}; this server takes files up to ${mb(service.maxFileSize)}.`);
  }
}

/** XEP-0363 §4: asks `service` where to put `file`. The slot's URLs must be http(s); other headers are dropped. */
export async function requestSlot(iqCaller: IqCaller, service: UploadService, file: UploadFile): Promise<UploadSlot> {
  let answer: Element;
  try {
    // The answer is a <slot/>, not an element named like the request: read it from the whole iq.
    const result = await iqCaller.request(
      xml(
        "iq",
        { type: "get", to: service.jid },
        xml("request", { xmlns: NS_UPLOAD, filename: file.name, size: String(file.size), ...(file.type && { "content-type": file.type }) }),
      ),
    );
    answer = result.getChild("slot", NS_UPLOAD) ?? xml("slot");
  } catch (error) {
    const text = (error as { text?: string }).text ?? (error as { condition?: string }).condition ?? "it refused";
    throw new XmppminiError("upload-failed", `The server would not take "${file.name}": ${text}.`, { cause: error });
  }
  const put = answer.getChild("put");
  const putUrl = safeFileUrl(put?.attrs.url);
  const getUrl = safeFileUrl(answer.getChild("get")?.attrs.url);
  if (!putUrl || !getUrl) throw new XmppminiError("upload-failed", "The server's upload slot has no usable URL.");
  const headers: Record<string, string> = {};
  for (const header of put?.getChildren("header") ?? []) {
    const name = String(header.attrs.name ?? "");
    // XEP-0363 §5: anything else is ignored; line breaks would smuggle further headers.
    if (ALLOWED_HEADERS.has(name.toLowerCase())) headers[name] = header.text().replace(/[\r\n]/gu, "");
  }
  return { putUrl, headers, getUrl };
}

/**
 * PUTs `file` to the slot, reporting progress (0–1). XMLHttpRequest, because fetch cannot report upload
 * progress. Rejects with `upload-failed` (and an AbortError's name when `signal` cancelled it).
 */
export function putFile(slot: UploadSlot, file: Blob & { name?: string }, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    const name = file.name ?? "the file";
    request.open("PUT", slot.putUrl);
    for (const [header, value] of Object.entries(slot.headers)) request.setRequestHeader(header, value);
    if (file.type) request.setRequestHeader("Content-Type", file.type);
    request.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener("load", () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new XmppminiError("upload-failed", `The upload of "${name}" failed: HTTP ${request.status}.`));
    });
    request.addEventListener("error", () => reject(new XmppminiError("upload-failed", `The upload of "${name}" failed: the file server could not be reached.`)));
    request.addEventListener("abort", () => reject(new DOMException(`The upload of "${name}" was cancelled.`, "AbortError")));
    if (signal?.aborted) {
      reject(new DOMException(`The upload of "${name}" was cancelled.`, "AbortError"));
      return;
    }
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
