// The shop's contact page: who the signed-in customer may chat with, from the shop's backend. Each
// contact is an ordinary link to ?xmppmini-chat=<address>: inside the widget the link opens the
// conversation; opened on its own, it is just a page. Block is the shop's business: its backend keeps
// the list, and a blocked contact has no chat link. The shop's rooms are xmpp:…?join links (RFC 5122,
// XEP-0045 §15.5): the widget joins the room and shows it.
interface Contact {
  jid: string;
  label: string;
  blocked: boolean;
}

interface Room {
  jid: string;
  label: string;
}

const list = document.querySelector<HTMLUListElement>("#contacts")!;
const roomList = document.querySelector<HTMLUListElement>("#rooms")!;
const roomsHeading = document.querySelector<HTMLElement>("#rooms-heading")!;
const state = document.querySelector<HTMLElement>("#state")!;

function render(contacts: Contact[]): void {
  list.replaceChildren(
    ...contacts.map((contact) => {
      const item = document.createElement("li");
      item.classList.toggle("blocked", contact.blocked);
      const name = document.createElement(contact.blocked ? "span" : "a");
      name.className = "name";
      if (name instanceof HTMLAnchorElement) name.href = `?xmppmini-chat=${encodeURIComponent(contact.jid)}`;
      name.textContent = contact.label;
      const address = document.createElement("span");
      address.className = "address";
      address.textContent = contact.jid;
      name.append(address);
      const block = document.createElement("button");
      block.type = "button";
      block.textContent = contact.blocked ? "Unblock" : "Block";
      block.addEventListener("click", () => void setBlocked(contact, !contact.blocked));
      item.append(name, block);
      return item;
    }),
  );
}

function renderRooms(rooms: Room[]): void {
  roomsHeading.hidden = rooms.length === 0;
  roomList.replaceChildren(
    ...rooms.map((room) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.className = "name";
      link.href = `xmpp:${room.jid}?join`;
      link.textContent = room.label;
      const address = document.createElement("span");
      address.className = "address";
      address.textContent = room.jid;
      link.append(address);
      item.append(link);
      return item;
    }),
  );
}

async function setBlocked(contact: Contact, block: boolean): Promise<void> {
  const response = await fetch("/demo/api/block", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jid: contact.jid, block }),
  });
  if (response.ok) await load();
}

async function load(): Promise<void> {
  const response = await fetch("/demo/api/contacts");
  const answer: { signedIn: boolean; contacts: Contact[]; rooms?: Room[] } = response.ok
    ? await response.json()
    : { signedIn: false, contacts: [] };
  state.textContent = answer.signedIn ? "Choose someone to chat with." : "Sign in to the shop to see your contacts.";
  render(answer.contacts);
  renderRooms(answer.rooms ?? []);
}

await load();
