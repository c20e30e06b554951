// A React app that uses the widget's React component: properties as props, events as onXmppmini* props.
import { createElement as h } from "react";
import { createRoot } from "react-dom/client";
import { XmppminiChat } from "xmppmini-chat/react";

const account = Object.fromEntries(new URLSearchParams(location.search));
window.heard = [];

function App() {
  return h(XmppminiChat, {
    jid: account.jid,
    password: account.password,
    service: account.service,
    peer: account.peer,
    style: { display: "block", height: "480px" },
    onXmppminiStatus: (event) => (document.body.dataset.status = event.detail.status),
    onXmppminiMessage: (event) => window.heard.push(`${event.detail.direction}: ${event.detail.body}`),
  });
}

createRoot(document.getElementById("root")).render(h(App));
