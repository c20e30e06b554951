// The shop's call page: the room the widget made up (?room=), and the visitor's own camera once they ask.
// Where a real shop would connect the two sides (its video service), this demo only shows the one.
const room = new URLSearchParams(location.search).get("room") ?? "";
const state = document.querySelector<HTMLElement>("#state")!;
document.querySelector<HTMLElement>("#room")!.textContent = room
  ? `Room ${room}: everyone with this page's address meets here.`
  : "No room was given.";

document.querySelector<HTMLButtonElement>("#start")!.addEventListener("click", async () => {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    document.querySelector<HTMLVideoElement>("#self")!.srcObject = stream;
    state.textContent = "This is you. The demo has no video service: a real shop's page connects you here.";
  } catch (error) {
    state.textContent = `The camera could not be used: ${error instanceof Error ? error.message : String(error)}.`;
  }
});
