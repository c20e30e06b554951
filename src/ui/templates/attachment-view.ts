import { html, nothing, type TemplateResult } from "lit";
import { displayName, isAudio, isImage, type Attachment } from "../../xmpp/attachment.js";
import type { Strings } from "../i18n/catalog.js";

const sizeFormats = new Map<string, Intl.NumberFormat>();

/** 1.5 MB, 320 kB, 12 byte: in the person's language. */
export function formatSize(bytes: number, locale: string): string {
  const [value, unit] =
    bytes >= 1_000_000 ? [bytes / 1_000_000, "megabyte"] : bytes >= 1000 ? [bytes / 1000, "kilobyte"] : [bytes, "byte"];
  const key = `${locale}:${unit}`;
  let format = sizeFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "unit", unit, maximumFractionDigits: 1 });
    sizeFormats.set(key, format);
  }
  return format.format(value);
}

/** 0:07, 1:02:03: a recording's length. */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  const [hours, minutes] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60];
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds % 60)}` : `${minutes}:${pad(seconds % 60)}`;
}

// A picture that cannot be loaded (gone, expired, blocked) shows its name instead.
const onImageError = (event: Event) => (event.currentTarget as HTMLElement).closest("a")?.classList.add("broken");

/**
 * A shared file: a picture inline (in a fixed box, so loading it moves nothing; a click opens it), any
 * recording as an audio player (with its length where the sender gave it), any other file as a card with its
 * name and size. The URL was checked to be http(s) when the message was
 * read; names are text bindings like every remote string. With `reveal`, a picture is held back behind a
 * button that calls it (see MessageListActions.heldPicture).
 */
export function renderAttachment(strings: Strings, attachment: Attachment, reveal?: () => void): TemplateResult {
  const name = displayName(attachment);
  const size = attachment.size !== undefined ? formatSize(attachment.size, strings.locale) : undefined;
  if (isImage(attachment) && reveal) {
    // Held back (a stranger's picture): nothing is fetched until the person asks.
    return html`<button part="attachment" class="attachment held" title=${strings.heldPicture} @click=${reveal}>
      ${strings.showPicture(name, new URL(attachment.url).host)}
    </button>`;
  }
  if (isImage(attachment)) {
    return html`<a part="attachment" class="attachment image" href=${attachment.url} target="_blank" rel="noopener noreferrer" title=${name}>
      <img src=${attachment.url} alt=${name} loading="lazy" decoding="async" referrerpolicy="no-referrer" @error=${onImageError} />
      <span class="caption">${name}</span>
    </a>`;
  }
  if (isAudio(attachment)) {
    // Fetched only when played (preload none): a stranger's link learns nothing until the person listens.
    const length = attachment.duration !== undefined ? formatDuration(attachment.duration) : undefined;
    return html`<div part="attachment" class="attachment audio">
      <audio part="audio" controls preload="none" src=${attachment.url} aria-label=${strings.voiceMessage(length ?? "")}></audio>
      ${length ? html`<span class="file-size">${length}</span>` : nothing}
    </div>`;
  }
  return html`<a part="attachment" class="attachment file" href=${attachment.url} target="_blank" rel="noopener noreferrer">
    <span class="file-icon" aria-hidden="true">⬇</span>
    <span class="file-name">${name}</span>
    ${size ? html`<span class="file-size">${size}</span>` : nothing}
  </a>`;
}
