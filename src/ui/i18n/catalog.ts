import { en, type Strings } from "./en.js";
import { zhCN } from "./zh-cn.js";
import { wantsSimplifiedChinese } from "./language.js";

export type { Strings };

/** The catalog for a BCP 47 language tag: Simplified Chinese (see language.ts), English otherwise. */
export function stringsFor(lang: string | undefined): Strings {
  return wantsSimplifiedChinese(lang) ? zhCN : en;
}
