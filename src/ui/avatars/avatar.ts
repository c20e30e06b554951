import { html, unsafeCSS, type CSSResult, type TemplateResult } from "lit";
import type { Avatar } from "../../xmpp/profile-queries.js";
import { consistentHue } from "./consistent-color.js";

/** XEP-0392's hue, in steps of this many degrees: a class each, so no inline style (which a strict CSP refuses). */
const HUE_STEP = 10;

/**
 * The initials' colours: XEP-0392's hue at a lightness that keeps white letters readable on every hue
 * (CIE LCh, lightness 40). Added to the widget's styles with this chunk.
 */
export const avatarStyles: CSSResult = unsafeCSS(
  Array.from(
    { length: 360 / HUE_STEP },
    (_, step) => `.avatar.hue-${step} { background-color: lch(40% 50 ${step * HUE_STEP}); }`,
  ).join("\n"),
);

/**
 * Up to two letters for someone without a picture: the first letters of the first two words of their
 * name, else the first letter of their address.
 */
export function initialsOf(name: string | undefined, address: string): string {
  const words = (name ?? "").split(/[\s._-]+/u).filter((word) => /\p{L}|\p{N}/u.test(word));
  const letters = words.length > 0 ? words.slice(0, 2).map((word) => [...word][0]!) : [[...address][0] ?? "?"];
  return letters.join("").toLocaleUpperCase();
}

/** The class of `key`'s colour (see avatarStyles). */
export function hueClass(key: string): string {
  return `hue-${Math.round(consistentHue(key) / HUE_STEP) % (360 / HUE_STEP)}`;
}

/**
 * A picture (the contact's avatar: data it sent, as a data: URL, which no script runs in) or its initials on
 * the colour XEP-0392 gives its address. `key`: what the colour is made from (the bare address; in a room
 * the occupant's nickname). Decorative next to the name it goes with: hidden from assistive technology.
 */
export function renderAvatar(key: string, name: string | undefined, avatar: Avatar | undefined): TemplateResult {
  if (avatar)
    return html`<img part="avatar" class="avatar" alt="" aria-hidden="true" src=${`data:${avatar.type};base64,${avatar.data}`} />`;
  return html`<span part="avatar" class="avatar initials ${hueClass(key)}" aria-hidden="true">${initialsOf(name, key)}</span>`;
}
