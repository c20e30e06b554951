// The sample host page's own script: fills the account picker from the demo server's config and hands
// the chosen credentials to the widget. A real site would render these server-side.
import type { XmppminiChatElement } from "../src/ui/xmppmini-chat-element.js";

interface DemoConfig {
  /** The same-origin proxy template for xmppmini.txt; no service URL: the widget looks the server up. */
  resolver: string;
  accounts: Array<{ jid: string; password: string; label: string }>;
  peers: Array<{ jid: string; label: string }>;
}

const chat = document.querySelector<XmppminiChatElement>("#chat")!;
const accountSelect = document.querySelector<HTMLSelectElement>("#account")!;
const peerSelect = document.querySelector<HTMLSelectElement>("#peer")!;
const eventsList = document.querySelector<HTMLOListElement>("#events")!;

function option(value: string, label: string): HTMLOptionElement {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = label;
  return element;
}

function logEvent(event: Event): void {
  const item = document.createElement("li");
  item.textContent = `${event.type} ${JSON.stringify((event as CustomEvent).detail)}`;
  eventsList.prepend(item);
}

const config: DemoConfig = await (await fetch("/demo-config.json")).json();
accountSelect.append(...config.accounts.map((account) => option(account.jid, account.label)));
peerSelect.append(...config.peers.map((peer) => option(peer.jid, peer.label)));

for (const type of ["xmppmini-status", "xmppmini-message", "xmppmini-error"] as const) {
  chat.addEventListener(type, logEvent);
}

document.querySelector("#login")!.addEventListener("submit", (event) => {
  event.preventDefault();
  const account = config.accounts.find((candidate) => candidate.jid === accountSelect.value)!;
  chat.mode = document.querySelector<HTMLSelectElement>("#mode")!.value;
  chat.setAttribute("lang", document.querySelector<HTMLSelectElement>("#lang")!.value);
  if (chat.mode === "overlay") chat.toggle(true);
  chat.peer = peerSelect.value === account.jid ? "" : peerSelect.value;
  chat.resolver = config.resolver;
  chat.jid = account.jid;
  chat.password = account.password;
  void chat.connect();
});

document.querySelector("#logout")!.addEventListener("click", () => void chat.disconnect());
document.querySelector<HTMLButtonElement>("#sign-in")!.disabled = false;
