// The bench's host page for xmppmini-chat: the loader tag a site would write, its data-* attributes taken
// from the query string; embedded in <main>, or a launcher in overlay mode.
(function () {
  const params = new URLSearchParams(location.search);
  const script = document.createElement("script");
  script.src = "/cdn/xmppmini-loader.js";
  const data = {};
  for (const name of ["jid", "password", "service", "peer", "rooms", "nick"])
    if (params.has(name)) data[name] = params.get(name);
  if (params.get("mode") !== "overlay") data.target = "#slot";
  // The big-room bench (bench/big-room.mjs) joins a room.
  for (const name of ["rooms", "nick"]) if (params.has(name)) data[name] = params.get(name);
  Object.assign(script.dataset, data);
  // Every message shown, by body: the bench counts losses and doubles from what the widget announces.
  window.benchShown = [];
  script.addEventListener("load", () => window.xmppmini.on("message", (detail) => window.benchShown.push(detail.body)));
  document.head.append(script);
})();
