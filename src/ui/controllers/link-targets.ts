import { XmppminiError } from "../../errors.js";
import type { XmppUri } from "../../links/xmpp-uri.js";
import type { XmppminiChatElement } from "../xmppmini-chat-element.js";
import type { Composer } from "./composer.js";
import { HostLinks } from "./host-links.js";
import { MessageLinks } from "./message-links.js";
import type { Problems } from "./problems.js";

/**
 * Where `xmpp:` links lead in the widget, wherever they were clicked: the host's page (`intercept-links`),
 * its roster and upload pages, or a message (which asks before joining a room, see message-links.ts).
 */
export class LinkTargets {
  /** The host page's own links and its roster page. */
  readonly page: HostLinks;
  /** Links in what peers wrote. */
  readonly messages: MessageLinks;

  readonly #host: XmppminiChatElement;
  readonly #composer: Composer;
  readonly #problems: Problems;

  constructor(
    host: XmppminiChatElement,
    composer: Composer,
    problems: Problems,
    account: () => string,
    /** The roster page called `jid` `name` (a `name` in one of its chat links or its `xmppmini:open`). */
    named: (jid: string, name: string) => void,
  ) {
    this.#host = host;
    this.#composer = composer;
    this.#problems = problems;
    const failed = (error: unknown) => problems.fail(error, "invalid-jid", "That link names no valid address.");
    const follow = (target: XmppUri) => this.follow(target);
    // Only the roster page names people (it is the site's list of them): not a link in a peer's message, nor
    // one on the host page, which may carry what its visitors wrote; and only for a conversation it opens.
    const followNamed = (target: XmppUri, fromRoster?: boolean) => {
      const name = target.params.get("name");
      if (fromRoster && name && (target.action === "" || target.action === "message")) named(target.jid, name);
      this.follow(target);
    };
    this.page = new HostLinks(host, {
      rosterUrl: () => host.rosterUrl,
      chatParam: () => host.chatParam,
      account,
      follow: followNamed,
      failed,
    });
    this.messages = new MessageLinks(host, { follow, failed });
  }

  /**
   * A link asked for a conversation: it opens (the overlay panel with it), and a `body` in the link waits
   * in the composer for the person to send. A `?join` joins at once: the host's links come here directly;
   * a peer's reach here only once the person said yes (message-links.ts).
   */
  follow(target: XmppUri): void {
    const host = this.#host;
    if (target.action === "join") {
      // RFC 5122 / XEP-0045 §15.5: `xmpp:room@service?join` (with an optional `password`).
      const password = target.params.get("password") ?? undefined;
      void host.joinRoom(target.jid, password ? { password } : {}).then(
        () => host.openChat(target.jid),
        (error: unknown) => this.#problems.fail(error, "invalid-jid", `"${target.jid}" is not a room address.`),
      );
      return;
    }
    if (target.action !== "" && target.action !== "message") {
      this.#problems.report(
        new XmppminiError(
          "unsupported",
          `This chat cannot "${target.action}" (the link to ${target.jid}); it opens conversations and joins rooms.`,
        ),
      );
      return;
    }
    if (!host.openChat(target.jid)) return;
    const body = target.params.get("body");
    if (body) this.#composer.prefill(target.jid, body);
    // (Opening the overlay panel focuses the composer already.)
    if (host.mode !== "overlay")
      void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>("textarea")?.focus());
  }
}
