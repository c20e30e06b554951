// XEP-0363 HTTP File Upload: find the server's upload service. Asking it for a slot and putting the file
// there is in upload-transfer.ts, loaded when a file is first sent.
import xml, { type Element } from "@xmpp/xml";
import type { IqCaller } from "@xmpp/iq/caller.js";

export const NS_UPLOAD = "urn:xmpp:http:upload:0";
const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";
const NS_DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
const NS_DATA = "jabber:x:data";

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
    .find((candidate) =>
      candidate
        .getChildren("field")
        .some((field) => field.attrs.var === "FORM_TYPE" && field.getChildText("value") === NS_UPLOAD),
    );
  const limit = form
    ?.getChildren("field")
    .find((field) => field.attrs.var === "max-file-size")
    ?.getChildText("value");
  const maxFileSize = limit && /^\d{1,15}$/u.test(limit) ? Number(limit) : undefined;
  return { jid, maxFileSize };
}

/**
 * XEP-0363 §3: the server itself, or one of its items, that says it takes uploads; undefined if none does.
 * `proceed()` is asked before each query: a connection that closed meanwhile is asked nothing more.
 */
export async function findUploadService(
  iqCaller: IqCaller,
  domain: string,
  proceed: () => boolean = () => true,
): Promise<UploadService | undefined> {
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
