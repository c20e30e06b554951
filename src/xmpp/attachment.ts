import xml, { type Element } from "@xmpp/xml";

/** A file shared in a message: its URL (XEP-0066 out-of-band data) and what is known about it. */
export interface Attachment {
  /** http(s) URL the file is fetched from. */
  readonly url: string;
  /** The file's name, for people (XEP-0066 `desc`, XEP-0446 `name`). */
  readonly name?: string;
  /** Bytes (XEP-0446 `size`). */
  readonly size?: number;
  /** Media type, e.g. `image/png` (XEP-0446 `media-type`). */
  readonly mime?: string;
  /** A recording's length in milliseconds (XEP-0446 `length`): a voice message's duration. */
  readonly duration?: number;
}

export const NS_OOB = "jabber:x:oob";
export const NS_FILE_METADATA = "urn:xmpp:file:metadata:0";
/** URLs longer than this are no file links a person shares. */
const MAX_URL_LENGTH = 2048;
const MAX_NAME_LENGTH = 255;

/** The URL if it is one the widget may link to and load: absolute http(s) only (no javascript:, data:, blob:). */
export function safeFileUrl(text: string | null | undefined): string | undefined {
  if (!text || text.length > MAX_URL_LENGTH) return undefined;
  try {
    const url = new URL(text.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The elements that carry `attachment` in a message: XEP-0066 OOB and XEP-0446 file metadata. */
export function attachmentElements(attachment: Attachment): Element[] {
  const { url, name, size, mime, duration } = attachment;
  const oob = xml("x", { xmlns: NS_OOB }, xml("url", {}, url), name ? xml("desc", {}, name) : null);
  if (name === undefined && size === undefined && mime === undefined && duration === undefined) return [oob];
  return [
    oob,
    xml(
      "file",
      { xmlns: NS_FILE_METADATA },
      mime ? xml("media-type", {}, mime) : null,
      name ? xml("name", {}, name) : null,
      size !== undefined ? xml("size", {}, String(size)) : null,
      duration !== undefined ? xml("length", {}, String(Math.round(duration))) : null,
    ),
  ];
}

/**
 * The attachment a received message carries, or undefined: an OOB URL that is http(s), with the name,
 * size and type the sender gave (each checked; a wrong one is dropped, never trusted into markup).
 */
export function parseAttachment(stanza: Element): Attachment | undefined {
  const oob = stanza.getChild("x", NS_OOB);
  const url = safeFileUrl(oob?.getChildText("url"));
  if (!url) return undefined;
  const file = stanza.getChild("file", NS_FILE_METADATA);
  const name = (file?.getChildText("name") ?? oob?.getChildText("desc") ?? "").trim().slice(0, MAX_NAME_LENGTH);
  const sizeText = file?.getChildText("size") ?? "";
  const size = /^\d{1,15}$/u.test(sizeText) ? Number(sizeText) : undefined;
  const lengthText = file?.getChildText("length") ?? "";
  const duration = /^\d{1,10}$/u.test(lengthText) ? Number(lengthText) : undefined;
  const mime = file?.getChildText("media-type")?.trim().toLowerCase();
  return {
    url,
    ...(name && { name }),
    ...(size !== undefined && { size }),
    ...(mime && /^[\w.+-]+\/[\w.+-]+$/u.test(mime) && { mime }),
    ...(duration !== undefined && { duration }),
  };
}

const AUDIO_EXTENSIONS = /\.(aac|flac|m4a|mp3|oga|ogg|opus|wav)$/iu;

/** Whether to play it inline: an audio type, or (without a type) an audio file name in the URL. */
export function isAudio(attachment: Attachment): boolean {
  if (attachment.mime) return attachment.mime.startsWith("audio/");
  return AUDIO_EXTENSIONS.test(new URL(attachment.url).pathname);
}

const IMAGE_EXTENSIONS = /\.(avif|gif|jpe?g|png|webp)$/iu;

/** Whether to show it as a picture: an image type, or (without a type) an image file name in the URL. */
export function isImage(attachment: Attachment): boolean {
  if (attachment.mime) return /^image\/(avif|gif|jpeg|png|webp)$/u.test(attachment.mime);
  return IMAGE_EXTENSIONS.test(new URL(attachment.url).pathname);
}

/** The name to show: the one given, else the URL's last path segment. */
export function displayName(attachment: Attachment): string {
  if (attachment.name) return attachment.name;
  const last = new URL(attachment.url).pathname.split("/").filter(Boolean).pop() ?? attachment.url;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
