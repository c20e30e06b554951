// The sample shop's own script: its sign-in form, which tells the widget who the visitor is through
// window.xmppmini (the widget then asks the shop's backend for the chat account, credentials-url), and
// an event log. It never imports the widget: the loader tag in index.html provides it.
import type { XmppminiApi } from "../src/loader/api.js";

const api = (window as unknown as { xmppmini: XmppminiApi }).xmppmini;
const accountSelect = document.querySelector<HTMLSelectElement>("#account")!;
const who = document.querySelector<HTMLElement>("#who")!;
const eventsList = document.querySelector<HTMLOListElement>("#events")!;
const CREDENTIALS_URL = "/demo/api/chat-account";

function option(value: string, label: string): HTMLOptionElement {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = label;
  return element;
}

for (const name of ["status", "message", "error"] as const) {
  api.on(name, (detail) => {
    const item = document.createElement("li");
    item.textContent = `${name} ${JSON.stringify(detail)}`;
    eventsList.prepend(item);
  });
}

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

function showSignedIn(label: string | undefined): void {
  who.textContent = label ? `Signed in to the shop as ${label}.` : "Not signed in to the shop.";
}

const visitors: Array<{ user: string; label: string }> = await (await fetch("/demo/api/accounts")).json();
accountSelect.append(...visitors.map(({ user, label }) => option(user, label)));

// A visitor already signed in to the shop (the cookie survives reloads) chats at once.
const me: { user: string | null; label?: string } = await (await fetch("/demo/api/whoami")).json();
/** The shop's name for the visitor ("Alice (customer)" → "Alice"): the widget sends it as the visitor's nickname. */
const nameOf = (label: string | undefined) => label?.replace(/\s*\(.*\)$/u, "") ?? "";

if (me.user) {
  showSignedIn(me.label);
  void api.setUser({ credentialsUrl: CREDENTIALS_URL, name: nameOf(me.label) });
}

document.querySelector("#login")!.addEventListener("submit", async (event) => {
  event.preventDefault();
  const widget = await api.load();
  widget.mode = document.querySelector<HTMLSelectElement>("#mode")!.value;
  widget.setAttribute("lang", document.querySelector<HTMLSelectElement>("#lang")!.value);
  const answer = await post("/demo/api/sign-in", { user: accountSelect.value });
  if (!answer.ok) return;
  const { label } = (await answer.json()) as { label: string };
  showSignedIn(label);
  // Signing in as someone else: the widget leaves the old account first.
  await api.setUser(null);
  await api.setUser({ credentialsUrl: CREDENTIALS_URL, name: nameOf(label) });
  if (widget.mode === "overlay") void api.open();
});

document.querySelector("#logout")!.addEventListener("click", async () => {
  await post("/demo/api/sign-out", {});
  showSignedIn(undefined);
  await api.setUser(null);
});
document.querySelector<HTMLButtonElement>("#sign-in")!.disabled = false;
