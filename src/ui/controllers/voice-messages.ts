import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import type { Strings } from "../i18n/catalog.js";
import { formatDuration } from "../templates/attachment-view.js";
import type { Recording } from "../voice/recording.js";

/** What recording a voice message needs from the widget around it. */
export interface VoiceContext {
  /** The conversation shown: where the clip goes. */
  activePeer(): string | undefined;
  /** Files can be shared here (the host's upload page, or the server's service). */
  canShare(): boolean;
  /** The panel is shown (an overlay's may be closed): a recording nobody sees is not left running. */
  shown(): boolean;
  /** Sends the clip to `peer` the way files go, with its length in milliseconds. */
  share(peer: string, clip: File, duration: number): void;
  failed(error: unknown): void;
}

/** Longer than a voice message needs; a forgotten recording stops (and is sent) here. */
export const MAX_RECORDING_MS = 5 * 60_000;

/**
 * Voice messages: the record button (click to start, again to stop and send, Escape cancels), and while
 * recording, how long it has run. The recording itself (microphone, MediaRecorder) is a chunk loaded on the
 * first click; the clip then goes the way files go (file-sharing.ts), with its length (XEP-0446).
 */
export class VoiceMessages implements ReactiveController {
  #recording: Recording | undefined;
  #starting = false;
  #peer: string | undefined;
  #startedAt = 0;
  #tick: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: VoiceContext,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.cancel();
  }

  /** A recording belongs to the conversation it began in, while it is in view: otherwise it is thrown away. */
  hostUpdate(): void {
    if (this.#recording && (this.context.activePeer() !== this.#peer || !this.context.shown())) this.cancel();
  }

  /** Recording needs a browser that records and a place for the clip. */
  get #available(): boolean {
    return (
      typeof MediaRecorder === "function" &&
      typeof navigator.mediaDevices?.getUserMedia === "function" &&
      this.context.canShare()
    );
  }

  get recording(): boolean {
    return this.#recording !== undefined || this.#starting;
  }

  readonly #toggle = (): void => {
    if (this.#recording) void this.#stopAndSend();
    else if (!this.#starting) void this.#start();
  };

  async #start(): Promise<void> {
    const peer = this.context.activePeer();
    if (!peer) return;
    this.#starting = true;
    this.host.requestUpdate();
    try {
      const { startRecording } = await import("../voice/recording.js");
      const recording = await startRecording();
      if (!this.#starting) {
        recording.cancel(); // cancelled while the microphone was being asked for
        return;
      }
      this.#recording = recording;
      this.#peer = peer;
      this.#startedAt = Date.now();
      this.#tick = setInterval(() => {
        if (Date.now() - this.#startedAt >= MAX_RECORDING_MS) void this.#stopAndSend();
        this.host.requestUpdate();
      }, 1000);
    } catch (error) {
      this.context.failed(error);
    } finally {
      this.#starting = false;
      this.host.requestUpdate();
    }
  }

  async #stopAndSend(): Promise<void> {
    const recording = this.#recording;
    const peer = this.#peer;
    const duration = Date.now() - this.#startedAt;
    this.#reset();
    if (!recording || !peer) return;
    try {
      this.context.share(peer, await recording.stop(), duration);
    } catch (error) {
      this.context.failed(error);
    }
  }

  /** Throws the recording away (Escape, the conversation or the widget gone). */
  cancel(): void {
    if (!this.recording) return;
    this.#recording?.cancel();
    this.#reset();
  }

  #reset(): void {
    clearInterval(this.#tick);
    this.#recording = undefined;
    this.#starting = false;
    this.#peer = undefined;
    this.host.requestUpdate();
  }

  /** The panel's keys, before its own: Escape while recording cancels it (and does not also close the chat). */
  keydown(event: KeyboardEvent): boolean {
    if (event.key !== "Escape" || !this.recording) return false;
    event.preventDefault();
    event.stopPropagation();
    this.cancel();
    return true;
  }

  /** The record button (where recording can work), pressed while recording. */
  renderButton(strings: Strings, canSend: boolean): TemplateResult | typeof nothing {
    if (!this.#available && !this.recording) return nothing;
    const label = this.#recording ? strings.stopAndSend : strings.record;
    return html`<button part="record" class="record" type="button" aria-label=${label} title=${label}
      aria-pressed=${this.recording ? "true" : "false"} ?disabled=${!canSend && !this.recording} @click=${this.#toggle}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><path fill="currentColor" d=${this.#recording ? STOP_ICON_PATH : MICROPHONE_ICON_PATH} /></svg>
    </button>`;
  }

  /** While recording: how long so far, and Cancel. */
  renderRecording(strings: Strings): TemplateResult | typeof nothing {
    if (!this.#recording) return nothing;
    return html`<div part="recording" class="recording" role="status">
      <span class="recording-dot" aria-hidden="true"></span>
      <span>${strings.recording(formatDuration(Date.now() - this.#startedAt))}</span>
      <button type="button" class="link" @click=${() => this.cancel()}>${strings.cancel}</button>
    </div>`;
  }
}

const MICROPHONE_ICON_PATH =
  "M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11z";
const STOP_ICON_PATH = "M7 7h10v10H7z";
