// The bench's host page for xmppmini-chat: the element configured from the query string, in the mode asked.
const params = new URLSearchParams(location.search);
const element = document.createElement("xmppmini-chat");
element.setAttribute("mode", params.get("mode") ?? "embedded");
element.jid = params.get("jid");
element.password = params.get("password");
element.service = params.get("service");
element.peer = params.get("peer");
// Every message shown, by body: the bench counts losses and doubles from what the widget announces.
window.benchShown = [];
element.addEventListener("xmppmini-message", (event) => window.benchShown.push(event.detail.body));
document.querySelector("main").append(element);
