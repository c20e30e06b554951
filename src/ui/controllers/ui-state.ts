/** How the widget looked when the page last changed it, per account: the panel open or not, and whose conversation. */
export interface UiState {
  open?: boolean;
  peer?: string;
  /** Rooms muted here: only messages that mention us notify and count in the launcher and title. */
  muted?: string[];
  /** Rooms left here: the `rooms` attribute does not take the person back in on the site's next page. */
  left?: string[];
}

const key = (account: string) => `xmppmini-chat:${account}:ui`;

/**
 * Kept in localStorage (small, read synchronously at start, shared by the site's pages). Where storage is
 * blocked, the widget simply starts closed on each page.
 */
export function loadUiState(account: string): UiState {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key(account)) ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return {};
    const { open, peer, muted, left } = parsed as Record<string, unknown>;
    const strings = (value: unknown) =>
      Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined;
    return {
      ...(typeof open === "boolean" && { open }),
      ...(typeof peer === "string" && { peer }),
      ...(Array.isArray(muted) && { muted: strings(muted) }),
      ...(Array.isArray(left) && { left: strings(left) }),
    };
  } catch {
    return {}; // storage blocked or a value we did not write: start afresh
  }
}

export function saveUiState(account: string, change: UiState): void {
  try {
    localStorage.setItem(key(account), JSON.stringify({ ...loadUiState(account), ...change }));
  } catch {
    // storage blocked or full: the state is a convenience, the chat works without it
  }
}
