/**
 * Whether a BCP 47 tag asks for Simplified Chinese: `zh`, `zh-CN`, `zh-Hans`, `zh-SG` (the
 * traditional-script variants would rather read English than the wrong script). On its own, without the
 * catalogs, so the loader can label its launcher by the same rule for a few bytes.
 */
export function wantsSimplifiedChinese(lang: string | undefined): boolean {
  const tag = (lang ?? "").toLowerCase();
  return tag === "zh" || tag.startsWith("zh-cn") || tag.startsWith("zh-hans") || tag.startsWith("zh-sg");
}
