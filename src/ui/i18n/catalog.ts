import { en, type Strings } from "./en.js";
import { registeredTagsFor, wantsSimplifiedChinese } from "./language.js";
import type { CallStrings } from "./call-strings.js";
import type { DeskStrings } from "./desk-strings.js";
import type { RoomStrings } from "./room-strings.js";

export type { Strings };

/**
 * What a site gives `registerLanguage`: any of the catalog's strings (those that take numbers or names are
 * functions), `room` for the room pane's, `desk` for the support desk's and `call` for calls'. Missing ones come from the built-in catalog of that language,
 * else English.
 */
export type XmppminiStrings = Partial<Omit<Strings, "locale">> & {
  room?: Partial<RoomStrings>;
  desk?: Partial<DeskStrings>;
  call?: Partial<CallStrings>;
};

let simplifiedChinese: Strings | undefined;
let loading: Promise<void> | undefined;
/** Catalogs a site added or changed at run time, by lower-case language tag. */
const added = new Map<string, XmppminiStrings>();
/** Each language's merged catalog, made once (a new object at each render would build every row again). */
const merged = new Map<string, { builtIn: Strings; strings: Strings }>();
/** Elements to render again when a catalog changes. */
const readers = new Set<{ requestUpdate(): void }>();

/**
 * Adds the catalog for language `tag` (`de`, `pt-BR`), or changes some words of one (`en`, `zh-CN`); the
 * widgets on the page show it at once. A tag also serves its regional variants (`de` for `de-AT`).
 */
export function registerLanguage(tag: string, strings: XmppminiStrings): void {
  const key = tag.toLowerCase();
  const before = added.get(key);
  added.set(key, {
    ...before,
    ...strings,
    room: { ...before?.room, ...strings.room },
    desk: { ...before?.desk, ...strings.desk },
    call: { ...before?.call, ...strings.call },
  });
  merged.clear();
  for (const reader of readers) reader.requestUpdate();
}

/** `reader` renders again whenever `registerLanguage` changes a catalog, until the returned call. */
export function readCatalogs(reader: { requestUpdate(): void }): () => void {
  readers.add(reader);
  return () => readers.delete(reader);
}

/** What a site registered for `lang`: under its full tag, else its language alone (`de` for `de-AT`). */
function addedFor(lang: string | undefined): { tag: string; strings: XmppminiStrings } | undefined {
  const [tag, primary] = registeredTagsFor(lang);
  const strings = added.get(tag) ?? added.get(primary);
  return strings && { tag: added.has(tag) ? tag : primary, strings };
}

/**
 * The catalog for a BCP 47 language tag: what a site registered for it over the built-in one, Simplified
 * Chinese (see language.ts) once loaded, English otherwise.
 */
export function stringsFor(lang: string | undefined): Strings {
  const builtIn = wantsSimplifiedChinese(lang) ? (simplifiedChinese ?? en) : en;
  const own = addedFor(lang);
  if (!own) return builtIn;
  const key = (lang ?? "").toLowerCase();
  let entry = merged.get(key);
  if (entry?.builtIn !== builtIn) {
    // A language of the site's own formats dates and times by its tag.
    entry = { builtIn, strings: { ...builtIn, ...(builtIn === en && { locale: own.tag }), ...own.strings } };
    merged.set(key, entry);
  }
  return entry.strings;
}

/**
 * A chunk's words (`room`: the room pane's, `desk`: the support desk's, `call`: calls') for a catalog's
 * locale: what the site registered (see registerLanguage) over Simplified Chinese, else English.
 */
export function chunkStringsFor<T extends object>(key: "room" | "desk" | "call", locale: string, en: T, zhCN: T): T {
  const builtIn = locale === "zh-CN" ? zhCN : en;
  const added = addedFor(locale)?.strings[key] as Partial<T> | undefined;
  return added ? { ...builtIn, ...added } : builtIn;
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
