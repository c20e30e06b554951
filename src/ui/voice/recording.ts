// Recording a voice message from the microphone (a chunk of its own, loaded at the first click on the record
// button: most visitors never record one).
import { XmppminiError } from "../../errors.js";

/** Opus, in the container this browser records it in: Ogg (Firefox), WebM (Chromium); else what it has. */
const WANTED_TYPES = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/mp4"];

const EXTENSIONS: Readonly<Record<string, string>> = {
  "audio/ogg": "ogg",
  "audio/webm": "webm",
  "audio/mp4": "m4a",
};

/** A recording under way: `stop` gives the clip, `cancel` throws it away. Either way the microphone is let go. */
export interface Recording {
  stop(): Promise<File>;
  cancel(): void;
}

/**
 * Starts recording from the microphone. Rejects with `media-refused` when the person or the browser says no
 * (or there is no microphone), with the reason in words.
 */
export async function startRecording(now: () => Date = () => new Date()): Promise<Recording> {
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    throw new XmppminiError("media-refused", refusal(error), { cause: error });
  }
  const mimeType = WANTED_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
  let recorder: MediaRecorder;
  try {
    recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
    recorder.start();
  } catch (error) {
    release(stream);
    throw new XmppminiError("media-refused", "This browser cannot record sound.", { cause: error });
  }
  const chunks: Blob[] = [];
  recorder.addEventListener("dataavailable", (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  });
  let failure: unknown;
  recorder.addEventListener("error", (event) => {
    failure = event;
  });
  /** The clip recorded so far; rejects when the recorder failed or heard nothing. */
  const clip = (): File => {
    release(stream);
    if (failure !== undefined)
      throw new XmppminiError("media-refused", "The recording failed: the microphone went away.", { cause: failure });
    const type = (recorder.mimeType || mimeType || "audio/webm").split(";")[0]!.trim();
    const recorded = new Blob(chunks, { type });
    if (recorded.size === 0)
      throw new XmppminiError("media-refused", "Nothing was recorded: the microphone gave no sound.");
    return new File([recorded], clipName(now(), type), { type });
  };
  return {
    stop: () =>
      new Promise<File>((resolve, reject) => {
        const settle = () => {
          try {
            resolve(clip());
          } catch (error) {
            reject(error);
          }
        };
        // A recorder that stopped by itself (the microphone unplugged, its permission taken back) has given
        // its last data already: what it recorded is the clip.
        if (recorder.state === "inactive") {
          settle();
          return;
        }
        recorder.addEventListener("stop", settle, { once: true });
        recorder.stop();
      }),
    cancel: () => {
      if (recorder.state !== "inactive") recorder.stop();
      release(stream);
    },
  };
}

/** voice-message-2026-12-07-0930.webm: sorted by time in a downloads folder, the type in its extension. */
function clipName(at: Date, type: string): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const stamp = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `voice-message-${stamp}.${EXTENSIONS[type] ?? "audio"}`;
}

function release(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}

/** getUserMedia's failure (W3C Media Capture §9.2) in words a person can act on. */
function refusal(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError")
    return "The microphone was not allowed: allow it for this site in the browser to record a voice message.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No microphone was found.";
  if (name === "NotReadableError") return "The microphone is in use by another program, or failed.";
  return "The microphone could not be used.";
}
