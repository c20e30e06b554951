// The bench's host page for Converse.js, configured through its own options: one account, one chat
// open with the peer, WebSocket or BOSH, stream management and the message archive on, as ours.
(function () {
  const params = new URLSearchParams(location.search);
  const service = params.get("service");
  const peer = params.get("peer");
  converse.plugins.add("bench", {
    initialize() {
      const { api } = this._converse;
      api.listen.on("connected", () => performance.mark("online"));
      api.listen.on("reconnected", () => performance.mark("online"));
      // What the chat holds (it renders only part of it): the bodies of the peer's chat, in order.
      window.benchBodies = async () => ((await api.chats.get(peer))?.messages.pluck("body") ?? []).filter(Boolean);
    },
  });
  converse.initialize({
    whitelisted_plugins: ["bench"],
    view_mode: params.get("mode") === "overlay" ? "overlayed" : "embedded",
    singleton: params.get("mode") !== "overlay",
    auto_join_private_chats: [peer],
    ...(service.startsWith("ws") ? { websocket_url: service } : { bosh_service_url: service }),
    discover_connection_methods: false,
    jid: params.get("jid"),
    password: params.get("password"),
    auto_login: true,
    allow_non_roster_messaging: true,
    enable_smacks: true,
    message_archiving: "always",
    persistent_store: "IndexedDB",
    play_sounds: false,
    show_desktop_notifications: false,
    assets_path: "/converse/",
    i18n: "en",
    loglevel: "error",
  });
})();
