import { NOTIFY_OPTIONS } from "./notify-options.js";

/** The values each display attribute accepts; anything else is a mistake in the host page worth saying. */
const ALLOWED = {
  mode: ["embedded", "overlay"],
  position: ["bottom-right", "bottom-left"],
  theme: ["light", "dark"],
  notify: NOTIFY_OPTIONS,
  "load-images": ["always", "known"],
} as const;

export type DisplayOptions = { [name in keyof typeof ALLOWED]?: string | null | undefined };

/**
 * What is wrong with the display attributes, one sentence each (empty when all is well). The widget goes
 * on with the default for a bad value: a typo in `position` must not stop the chat.
 */
export function displayOptionProblems(options: DisplayOptions): string[] {
  const problems: string[] = [];
  for (const [name, allowed] of Object.entries(ALLOWED) as Array<[keyof typeof ALLOWED, readonly string[]]>) {
    const value = options[name];
    if (value === undefined || value === null || value === "") continue;
    const tokens = name === "notify" ? value.split(/\s+/).filter(Boolean) : [value];
    const unknown = tokens.filter((token) => !allowed.includes(token));
    if (unknown.length > 0) {
      problems.push(
        `${name}="${value}" is not understood (${unknown.map((token) => `"${token}"`).join(", ")}); use ${allowed.map((item) => `"${item}"`).join(name === "notify" ? ", " : " or ")}.`,
      );
    }
  }
  return problems;
}
