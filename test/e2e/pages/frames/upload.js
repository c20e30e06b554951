// A host's upload page as a site would write it: it uploads the chosen file to the site's own endpoint
// and says where the file is, the way ?report= asks: `navigate` to xmpp:<peer>?message;body=<url>, or
// `post` {type: "xmppmini:uploaded", url, name, size, mime} to the page that embeds it. ?to=<jid> makes
// it a page gone wrong: its link names that address instead of the peer it was opened for. Opened with
// ?clip=1 (a voice message recorded in the widget), it says it is ready and stores the clip it is given;
// ?clip-silent makes it a page that never says so.
const params = new URLSearchParams(location.search);
const peer = params.get("peer") ?? "";
document.getElementById("for").textContent = `To ${peer}, from ${params.get("jid")}`;
const state = document.getElementById("state");

async function upload(file) {
  state.textContent = "Uploading…";
  const query = new URLSearchParams({ name: file.name, type: file.type });
  const response = await fetch(`/api/upload?${query}`, { method: "POST", body: file });
  const { path } = await response.json();
  const url = new URL(path, location.href).href;
  state.textContent = "Uploaded.";
  if (params.get("report") === "post") {
    parent.postMessage({ type: "xmppmini:uploaded", url, name: file.name, size: file.size, mime: file.type }, "*");
  } else {
    location.assign(`xmpp:${params.get("to") ?? peer}?message;body=${encodeURIComponent(url)}`);
  }
}

document.getElementById("file").addEventListener("change", (event) => {
  const file = event.target.files[0];
  if (file) void upload(file);
});

if (params.get("clip") === "1" && !params.has("clip-silent")) {
  window.addEventListener("message", (event) => {
    if (event.source !== parent || event.data?.type !== "xmppmini:clip" || !(event.data.file instanceof Blob)) return;
    void upload(event.data.file);
  });
  parent.postMessage({ type: "xmppmini:ready" }, "*");
}
