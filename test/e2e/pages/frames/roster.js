// A host's contact page as a site would write it: ordinary links and buttons that follow the link
// conventions (xmpp: URIs, ?xmppmini-chat=<jid>, postMessage), and nothing of the widget's code.
// The test says whom to list: ?peer=<first>&peer=<second>&peer=<third>; ?post=<jid> posts at once;
// ?elsewhere=<url> links to another page.
const params = new URLSearchParams(location.search);
const [first = "", second = first, third = second] = params.getAll("peer");
const list = document.getElementById("contacts");

function add(element) {
  const item = document.createElement("li");
  item.append(element);
  list.append(item);
}

function link(id, href, text) {
  const anchor = document.createElement("a");
  anchor.id = id;
  anchor.href = href;
  anchor.textContent = text;
  add(anchor);
}

function button(id, text, onClick) {
  const element = document.createElement("button");
  element.id = id;
  element.type = "button";
  element.textContent = text;
  element.addEventListener("click", onClick);
  add(element);
}

const chatLink = (jid) => `contact.html?xmppmini-chat=${encodeURIComponent(jid)}`;
link("xmpp-link", `xmpp:${first}?message;body=${encodeURIComponent("Hello from the roster")}`, `Chat with ${first}`);
link("chat-link", chatLink(second), `Chat with ${second}`);
button("scripted", `Chat with ${third} (scripted)`, () => location.assign(chatLink(third)));
button("post-open", `Chat with ${first} (postMessage)`, () =>
  parent.postMessage({ type: "xmppmini:open", jid: first }, "*"),
);
link("bad-link", "xmpp:not%20an%20address@", "A broken link");
link("profile", "contact.html?id=1", "An ordinary page");
if (params.has("elsewhere")) link("elsewhere", params.get("elsewhere"), "Another site");
if (params.has("post")) parent.postMessage({ type: "xmppmini:open", jid: params.get("post") }, "*");
