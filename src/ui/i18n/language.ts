/**
 * Whether a BCP 47 tag asks for Simplified Chinese: `zh`, `zh-CN`, `zh-Hans`, `zh-SG` (the
 * traditional-script variants would rather read English than the wrong script). On its own, without the
 * catalogs, so the loader can label its launcher by the same rule for a few bytes.
 */
export function wantsSimplifiedChinese(lang: string | undefined): boolean {
  const tag = (lang ?? "").toLowerCase();
  return tag === "zh" || tag.startsWith("zh-cn") || tag.startsWith("zh-hans") || tag.startsWith("zh-sg");
}

/**
 * The tags a language the site registered is looked up by for `lang`, most specific first: the full tag,
 * then the language alone (`de` serves `de-AT`). Shared by the widget's catalogs and the loader's launcher.
 */
export function registeredTagsFor(lang: string | undefined): [string, string] {
  const tag = (lang ?? "").toLowerCase();
  return [tag, tag.split("-")[0]!];
}
