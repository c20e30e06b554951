// XEP-0363 HTTP File Upload, once a file is sent: check it against the service, ask for a slot, PUT it.
// Apart from the discovery (http-upload.ts) so that pages where nobody shares a file never load it.
import xml, { type Element } from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";
import { XmppminiError } from "../errors.js";
import { safeFileUrl } from "./attachment.js";
import { NS_UPLOAD, type UploadFile, type UploadService, type UploadSlot } from "./http-upload.js";

/** XEP-0363 §5: the only headers a slot may ask the client to send. */
const ALLOWED_HEADERS = new Set(["authorization", "cookie", "expires"]);

/** Checks a file against the service before asking it: a clear message instead of the server's refusal. */
export function checkUpload(service: UploadService, file: UploadFile): void {
  if (file.size <= 0) throw new XmppminiError("upload-failed", `"${file.name}" is empty: there is nothing to send.`);
  if (service.maxFileSize !== undefined && file.size > service.maxFileSize) {
    const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
    throw new XmppminiError(
      "upload-failed",
      `"${file.name}" is ${mb(file.size)}; this server takes files up to ${mb(service.maxFileSize)}.`,
    );
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
        xml("request", {
          xmlns: NS_UPLOAD,
          filename: file.name,
          size: String(file.size),
          ...(file.type && { "content-type": file.type }),
        }),
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
export function putFile(
  slot: UploadSlot,
  file: Blob & { name?: string },
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<void> {
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
    request.addEventListener("error", () =>
      reject(
        new XmppminiError("upload-failed", `The upload of "${name}" failed: the file server could not be reached.`),
      ),
    );
    request.addEventListener("abort", () =>
      reject(new DOMException(`The upload of "${name}" was cancelled.`, "AbortError")),
    );
    if (signal?.aborted) {
      reject(new DOMException(`The upload of "${name}" was cancelled.`, "AbortError"));
      return;
    }
    signal?.addEventListener("abort", () => request.abort(), { once: true });
    request.send(file);
  });
}
