// The shop's upload page: uploads one file to the shop's endpoint (which keeps it for a limited time),
// then tells the widget where it is with postMessage to its own origin: {type: "xmppmini:uploaded", url,
// name, size, mime}. (Navigating to xmpp:<peer>?message;body=<url> would do too, without name and size.)
// Opened with ?clip=1, it stores a voice message recorded in the widget: it says {type: "xmppmini:ready"},
// and the widget answers {type: "xmppmini:clip", file, name, mime, duration}.
const params = new URLSearchParams(location.search);
const peer = params.get("peer") ?? "";
const state = document.querySelector<HTMLElement>("#state")!;
const progress = document.querySelector<HTMLProgressElement>("#progress")!;
const drop = document.querySelector<HTMLElement>("#drop")!;
const input = document.querySelector<HTMLInputElement>("#file")!;

state.textContent = `For ${peer}. Files are kept for a day, then deleted.`;

function upload(file: File): void {
  const request = new XMLHttpRequest();
  const query = new URLSearchParams({ name: file.name, type: file.type });
  request.open("POST", `/demo/api/upload?${query}`);
  request.responseType = "json";
  progress.hidden = false;
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) progress.value = event.loaded / event.total;
  });
  request.addEventListener("load", () => {
    const answer = request.response as { url?: string; error?: string } | null;
    if (request.status !== 201 || !answer?.url) {
      state.textContent = `The file could not be stored: ${answer?.error ?? `HTTP ${request.status}`}.`;
      return;
    }
    state.textContent = "Stored. Sending the link…";
    parent.postMessage(
      {
        type: "xmppmini:uploaded",
        url: new URL(answer.url, location.href).href,
        name: file.name,
        size: file.size,
        mime: file.type,
      },
      location.origin,
    );
  });
  request.addEventListener(
    "error",
    () => (state.textContent = "The upload failed: the shop's server could not be reached."),
  );
  request.send(file);
}

input.addEventListener("change", () => {
  const file = input.files?.[0];
  if (file) upload(file);
});
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  const file = event.dataTransfer?.files[0];
  if (file) upload(file);
});

if (params.get("clip") === "1") {
  state.textContent = `Storing your voice message for ${peer}…`;
  window.addEventListener("message", (event) => {
    const data = event.data as { type?: unknown; file?: unknown } | null;
    if (event.origin !== location.origin || event.source !== parent || data?.type !== "xmppmini:clip") return;
    if (data.file instanceof File) upload(data.file);
  });
  parent.postMessage({ type: "xmppmini:ready" }, location.origin);
}
