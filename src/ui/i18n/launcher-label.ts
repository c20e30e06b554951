// The loader's catalog: the stand-in launcher's label in the built-in languages. The loader draws it before
// the widget and its catalogs are loaded (they have the same words as `openChat`), and a site changes it
// with registerLanguage's `openChat` like the widget's own (see place-widget.ts).
import { wantsSimplifiedChinese } from "./language.js";

export const OPEN_CHAT = { en: "Open chat", zhCN: "打开聊天" } as const;

/** The launcher's label for a BCP 47 language tag: Simplified Chinese (see language.ts), else English. */
export function launcherLabel(lang: string): string {
  return wantsSimplifiedChinese(lang) ? OPEN_CHAT.zhCN : OPEN_CHAT.en;
}
