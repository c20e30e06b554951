import { css } from "lit";

// Scoped to the shadow root: nothing here reaches the host page. Theme through the custom properties.
export const chatStyles = css`
  :host {
    --xmppmini-radius: 12px;
    --xmppmini-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans SC", sans-serif;
    display: block;
    contain: content;
    color: var(--xmppmini-fg);
    font: 14px/1.4 var(--xmppmini-font);
  }
  :host([mode="embedded"]),
  :host(:not([mode])) {
    height: 100%;
    min-height: 240px;
    /* Narrow boxes get a tighter layout: the box's width counts, not the viewport's. */
    container-type: inline-size;
  }
  @container (max-width: 360px) {
    header, form { padding: 8px; }
    .messages { padding: 8px; }
    .messages > ol > li { max-width: 92%; }
  }
  :host([hidden]) {
    display: none;
  }
  .chat[hidden],
  .conversation[hidden],
  .roster[hidden],
  .host-page[hidden] { display: none; }
  .conversation {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  /* The host's contact and upload pages fill the panel below the header. */
  .roster,
  .host-page {
    flex: 1;
    min-height: 0;
    width: 100%;
    border: none;
    background: var(--xmppmini-bg);
  }
  button.contacts,
  button.save { font-size: 12px; padding: 2px 8px; }
  button.contacts[aria-pressed="true"] { background: var(--xmppmini-bubble-in); }
  .chat {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    height: 100%;
    background: var(--xmppmini-bg);
    border: 1px solid var(--xmppmini-border);
    border-radius: var(--xmppmini-radius);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 10px 14px;
    border-bottom: 1px solid var(--xmppmini-border);
  }
  .title {
    flex: 1;
    min-width: 0;
    display: flex;
    flex-direction: column;
  }
  .title .name,
  .presence {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .title .name { font-weight: 600; }
  .title .address {
    display: block;
    overflow: hidden;
    text-overflow: ellipsis;
    font-weight: 400;
    font-size: 12px;
    color: var(--xmppmini-muted);
  }
  .avatar {
    flex-shrink: 0;
    width: 32px;
    height: 32px;
    border-radius: 50%;
    object-fit: cover;
  }
  .avatar.initials {
    display: inline-grid;
    place-items: center;
    color: #fff;
    font-size: 13px;
    font-weight: 600;
    line-height: 1;
  }
  nav .avatar { width: 20px; height: 20px; font-size: 9px; margin-inline-end: 6px; }
  .presence { color: var(--xmppmini-muted); font-size: 12px; }
  .presence::before {
    content: "";
    display: inline-block;
    width: 7px;
    height: 7px;
    margin-inline-end: 5px;
    border-radius: 50%;
    background: var(--xmppmini-muted);
    vertical-align: 1px;
  }
  .presence[data-availability="chat"]::before,
  .presence[data-availability="online"]::before { background: #16a34a; }
  .presence[data-availability="away"]::before,
  .presence[data-availability="xa"]::before { background: #f59e0b; }
  .presence[data-availability="dnd"]::before { background: #dc2626; }
  .status {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    color: var(--xmppmini-muted);
    font-size: 12px;
  }
  .status::before {
    content: "";
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--xmppmini-muted);
  }
  /* Online, our connection shows nothing: the only green dot is the peer's (the live region stays). */
  .status[data-status="online"]::before { content: none; }
  .status[data-status="connecting"]::before { background: #f59e0b; }
  .status[data-status="error"]::before { background: #dc2626; }
  .error,
  .notice {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    padding: 8px 14px;
    background: var(--xmppmini-error-bg);
    color: var(--xmppmini-error-fg);
  }
  .error p,
  .notice p { flex: 1; margin: 0; overflow-wrap: anywhere; }
  .notice { background: var(--xmppmini-bubble-in); color: var(--xmppmini-fg); }
  nav {
    display: flex;
    gap: 4px;
    padding: 6px 10px;
    overflow-x: auto;
    border-bottom: 1px solid var(--xmppmini-border);
  }
  nav button[aria-selected="true"] { background: var(--xmppmini-bubble-in); font-weight: 600; }
  nav button { display: inline-flex; align-items: center; flex-shrink: 0; max-width: 180px; white-space: nowrap; }
  nav .peer { overflow: hidden; text-overflow: ellipsis; }
  .badge {
    margin-inline-start: 4px;
    padding: 0 6px;
    border-radius: 999px;
    background: var(--xmppmini-accent);
    color: var(--xmppmini-accent-text);
    font-size: 11px;
  }
  .messages {
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    display: flex;
    flex-direction: column;
    padding: 12px 14px;
  }
  /*
   * Block flow, not a flex column: a row added at the end is laid out alone, the others keep theirs. Rows
   * are spaced by their own top margin, never by selectors on their neighbours (:first-child, +), so that
   * adding or removing one restyles no other.
   */
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
    display: flow-root;
  }
  .empty { margin: auto; color: var(--xmppmini-muted); text-align: center; }
  /* The site's greeting: said by the widget, never a message of anyone's. */
  .welcome {
    margin: 6px 0;
    padding: 10px 14px;
    border: 1px solid var(--xmppmini-border);
    border-radius: var(--xmppmini-radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .messages > ol > li {
    display: flex;
    flex-direction: column;
    width: fit-content;
    max-width: 80%;
    margin-top: 6px;
    /* What happens inside a row stays there: a window sliding 40 rows in and out lays out and restyles those. */
    contain: layout style;
  }
  .messages > ol > li.out { margin-inline-start: auto; align-items: flex-end; }
  .messages > ol > li.in { margin-inline-end: auto; align-items: flex-start; }
  /* A run of one sender sits tighter, its bubbles joined on the sender's side. */
  .messages > ol > li.continued { margin-top: 3px; }
  li.in.continued [part="message"] { border-start-start-radius: 4px; }
  li.out.continued [part="message"] { border-start-end-radius: 4px; }
  .messages > ol > li.day {
    width: auto;
    max-width: none;
    flex-direction: row;
    align-items: center;
    gap: 8px;
    margin-top: 12px;
    padding-bottom: 2px;
    color: var(--xmppmini-muted);
    font-size: 12px;
  }
  li.day::before,
  li.day::after { content: ""; flex: 1; border-top: 1px solid var(--xmppmini-border); }
  .messages > ol > li.headline { margin-inline: auto; align-items: center; max-width: 92%; }
  [part="headline"] {
    padding: 6px 12px;
    border: 1px dashed var(--xmppmini-border-strong);
    border-radius: var(--xmppmini-radius);
    font-size: 13px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .meta { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 6px; }
  .edited { color: var(--xmppmini-muted); font-size: 11px; font-style: italic; }
  button.edit { font-size: 11px; padding: 0 6px; border-color: transparent; color: var(--xmppmini-muted); }
  button.edit:hover, button.edit:focus-visible { border-color: var(--xmppmini-border-strong); color: inherit; }
  .typing { margin: 6px 0 0; color: var(--xmppmini-muted); font-size: 12px; font-style: italic; }
  .editing, .recording {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 6px 12px 0;
    color: var(--xmppmini-muted);
    font-size: 12px;
  }
  .recording { justify-content: flex-start; color: inherit; }
  .recording-dot { width: 8px; height: 8px; border-radius: 50%; background: #d93025; }
  .recording button.link { margin-inline-start: auto; }
  button.link { border: none; padding: 0 4px; text-decoration: underline; font-size: 12px; }
  .nick { font-size: 12px; font-weight: 600; color: var(--xmppmini-muted); }
  [part="message"][data-mention="true"] { box-shadow: inset 3px 0 0 var(--xmppmini-accent); font-weight: 500; }
  [part="message"] {
    padding: 8px 12px;
    border-radius: var(--xmppmini-radius);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  [part="message"] blockquote {
    margin: 2px 0;
    padding-inline-start: 8px;
    border-inline-start: 3px solid currentColor;
    opacity: 0.85;
  }
  [part="message"] pre { margin: 2px 0; white-space: pre-wrap; }
  [part="message"] code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
  [part="message"] ul { margin: 2px 0; padding-inline-start: 18px; white-space: normal; }
  [part="message"] a { color: inherit; text-decoration: underline; }
  [part="message"] .marker { opacity: 0.55; }
  [part="message"] .more summary { cursor: pointer; text-decoration: underline; font-size: 12px; }
  .attachment { display: block; color: inherit; text-decoration: none; }
  .attachment.image img {
    display: block;
    /* A fixed box: a picture arriving late moves no message. */
    width: min(240px, 100%);
    height: 180px;
    object-fit: contain;
    border-radius: 8px;
    background: rgb(0 0 0 / 0.06);
  }
  .attachment.image .caption { display: none; }
  .attachment.image.broken img { display: none; }
  button.attachment.held { font: inherit; font-size: 13px; text-decoration: underline; background: rgb(0 0 0 / 0.06); border: none; border-radius: 8px; padding: 8px 10px; cursor: pointer; text-align: start; }
  .attachment.audio { display: flex; align-items: center; gap: 8px; }
  /* A fixed width: a percentage of a bubble that takes its width from its content would be none at all. */
  .attachment.audio audio { width: 240px; height: 40px; }
  .attachment.image.broken .caption { display: inline; text-decoration: underline; }
  .attachment.file {
    display: flex;
    align-items: center;
    gap: 8px;
    min-width: 160px;
    padding: 6px 4px;
  }
  .file-name { flex: 1; font-weight: 600; overflow-wrap: anywhere; text-decoration: underline; }
  .file-size { font-size: 12px; opacity: 0.8; white-space: nowrap; }
  .file-icon { font-size: 18px; }
  [part="message"][data-direction="in"] { background: var(--xmppmini-bubble-in); }
  [part="message"][data-direction="out"] { background: var(--xmppmini-accent); color: var(--xmppmini-accent-text); }
  time { color: var(--xmppmini-muted); font-size: 11px; margin-top: 2px; }
  li.day time { font-size: 12px; margin: 0; }
  .delivery { color: var(--xmppmini-muted); font-size: 11px; }
  .delivery[data-state="failed"] { color: #dc2626; overflow-wrap: anywhere; }
  button.retry { font-size: 12px; padding: 2px 8px; margin-top: 2px; }
  .retry-note { font-size: 12px; }
  .load-older { display: block; margin: 0 auto 8px; font-size: 12px; }
  .older-end { text-align: center; color: var(--xmppmini-muted); font-size: 12px; margin: 0 0 8px; }
  form {
    display: flex;
    gap: 8px;
    padding: 10px;
    border-top: 1px solid var(--xmppmini-border);
  }
  textarea {
    flex: 1;
    resize: none;
    min-height: 38px;
    max-height: 140px;
    padding: 8px 10px;
    border: 1px solid var(--xmppmini-border-strong);
    border-radius: 8px;
    font: inherit;
    color: inherit;
    background: transparent;
  }
  button {
    font: inherit;
    border: 1px solid var(--xmppmini-border-strong);
    border-radius: 8px;
    padding: 6px 12px;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  button.primary { background: var(--xmppmini-accent); color: var(--xmppmini-accent-text); border-color: transparent; }
  button.attach, button.record { display: inline-grid; place-items: center; padding: 6px 8px; }
  button.record[aria-pressed="true"] { color: #d93025; border-color: currentColor; }
  .uploads { list-style: none; margin: 0; padding: 6px 12px 0; display: flex; flex-direction: column; gap: 4px; font-size: 12px; }
  .uploads li { display: flex; align-items: center; gap: 8px; }
  .upload-name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  .uploads progress { width: 96px; accent-color: var(--xmppmini-accent); }
  .uploads button { font-size: 12px; padding: 1px 8px; }
  .chat.dropping { outline: 2px dashed var(--xmppmini-accent); outline-offset: -4px; }
  .upload-bar {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 6px 14px;
    border-bottom: 1px solid var(--xmppmini-border);
    font-size: 13px;
  }
  .upload-bar span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  button:disabled { opacity: 0.5; cursor: default; }
  button:focus-visible, textarea:focus-visible { outline: 2px solid var(--xmppmini-accent); outline-offset: 2px; }
  /*
   * Inside a run only its last message shows time and delivery (screen readers still hear them); what
   * asks for attention (edited, failed, the edit button) stays visible.
   */
  .visually-hidden,
  li.mid-run time,
  li.mid-run .delivery:not([data-state="failed"]) {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
