import { en, type Strings } from "./en.js";
import { wantsSimplifiedChinese } from "./language.js";

export type { Strings };

let simplifiedChinese: Strings | undefined;
let loading: Promise<void> | undefined;

/** The catalog for a BCP 47 language tag: Simplified Chinese (see language.ts) once loaded, English otherwise. */
export function stringsFor(lang: string | undefined): Strings {
  return wantsSimplifiedChinese(lang) ? (simplifiedChinese ?? en) : en;
}

/**
 * Fetches the catalog `lang` asks for when it is not English and not here yet: a chunk of its own, so
 * that pages in English do not carry the Chinese text. Resolves once `stringsFor(lang)` gives it (or
 * English, where it could not be fetched; a later call tries again); undefined when nothing is to fetch.
 */
export function loadCatalogFor(lang: string | undefined): Promise<void> | undefined {
  if (!wantsSimplifiedChinese(lang) || simplifiedChinese) return undefined;
  loading ??= import("./zh-cn.js").then(
    (module) => {
      simplifiedChinese = module.zhCN;
    },
    () => {
      loading = undefined;
    },
  );
  return loading;
}
