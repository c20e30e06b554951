import { css } from "lit";

/** The room pane's own styles (its bar, the occupants, the @-suggestions), adopted with the room-ui chunk. */
export const roomStyles = css`
  .room { padding: 4px 14px 6px; border-bottom: 1px solid var(--xmppmini-border); font-size: 12px; }
  .room-line { display: flex; align-items: center; gap: 6px; }
  .subject { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--xmppmini-muted); }
  .room-state { margin: 4px 0 0; color: var(--xmppmini-muted); }
  .occupants { margin: 6px 0 0; padding: 0; list-style: none; max-height: 120px; overflow-y: auto; }
  .occupants li { display: flex; align-items: center; gap: 6px; padding: 1px 0; }
  .occupants .avatar { width: 20px; height: 20px; font-size: 9px; }
  .occupants li[data-self="true"] .occupant-nick { font-weight: 600; }
  .occupants .role { color: var(--xmppmini-muted); }
  .mentions { margin: 0 12px; padding: 4px 0; list-style: none; border: 1px solid var(--xmppmini-border-strong); border-radius: var(--xmppmini-radius); background: var(--xmppmini-bg); max-height: 160px; overflow-y: auto; }
  .mentions li { padding: 4px 10px; cursor: pointer; }
  .mentions li[aria-selected="true"] { background: var(--xmppmini-bubble-in); }
`;
