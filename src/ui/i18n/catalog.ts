import { en, type Strings } from "./en.js";
import { zhCN } from "./zh-cn.js";

export type { Strings };

/**
 * The catalog for a BCP 47 language tag: Simplified Chinese for `zh` (except the traditional-script
 * variants, which would rather read English than the wrong script), English otherwise.
 */
export function stringsFor(lang: string | undefined): Strings {
  const tag = (lang ?? "").toLowerCase();
  if (tag === "zh" || tag.startsWith("zh-cn") || tag.startsWith("zh-hans") || tag.startsWith("zh-sg")) return zhCN;
  return en;
}
