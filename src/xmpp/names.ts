const MAX_NAME_LENGTH = 100;

/** A name someone gives (a nickname, a vCard's), as shown: one line, trimmed, at most 100 characters; undefined when empty. */
export function cleanName(text: string | null | undefined): string | undefined {
  const name = (text ?? "").replace(/\s+/gu, " ").trim();
  if (!name) return undefined;
  const points = [...name];
  return points.length <= MAX_NAME_LENGTH ? name : points.slice(0, MAX_NAME_LENGTH).join("");
}
