/** The notifications a host page opts into with the `notify` attribute (space-separated). */
export const NOTIFY_OPTIONS = ["title", "sound", "system"] as const;
export type NotifyOption = (typeof NOTIFY_OPTIONS)[number];

export function parseNotify(value: string | null | undefined): Set<NotifyOption> {
  const known: ReadonlySet<string> = new Set(NOTIFY_OPTIONS);
  return new Set((value ?? "").split(/\s+/).filter((token): token is NotifyOption => known.has(token)));
}
