import { ArchivePosition } from "../store/archive-position.js";
import { ConversationStore } from "../store/conversation-store.js";
import { MessageStore } from "../store/message-store.js";
import { StreamState } from "../store/stream-state.js";
import { lazyResolver, type AddressResolver } from "../xmppmini/lazy-resolver.js";
import { signIn } from "./sign-in.js";
import type { SessionOptions } from "./session-types.js";
import type { OpenTabChannel } from "./tab-relay.js";
import { TabCoordinator } from "./tab-coordinator.js";

/** What a session works with, passed in so that tests can give it a fake connection and throwaway stores. */
export interface SessionDependencies {
  messages: MessageStore;
  position: ArchivePosition;
  conversations: ConversationStore;
  streamState: StreamState;
  /** Finds where an account and its peers live (the xmppmini rules). */
  resolver(options: SessionOptions): AddressResolver;
  openTabChannel: OpenTabChannel;
  /** Opens, authenticates and binds (or resumes) one connection. */
  signIn: typeof signIn;
  now(): number;
}

/**
 * A resolver template made absolute against the page. The URL parser percent-encodes braces in a path
 * (`/xmppmini/{domain}.txt` becomes `…/%7Bdomain%7D.txt`; in a query it keeps them): the placeholder is put
 * back after parsing.
 */
export function absoluteTemplate(template: string, base = globalThis.location?.href): string {
  return new URL(template, base).href.replaceAll("%7Bdomain%7D", "{domain}");
}

/** The real ones: this browser's IndexedDB, its tabs, and XMPP over WebSocket or BOSH. */
export function browserDependencies(): SessionDependencies {
  return {
    messages: new MessageStore(),
    position: new ArchivePosition(),
    conversations: new ConversationStore(),
    streamState: new StreamState(),
    resolver: (options) =>
      lazyResolver(async () => ({
        cache: (await import("../store/indexeddb-resolution-cache.js")).sharedResolutionCache(),
        ...(options.resolverTemplate && {
          proxyTemplate: absoluteTemplate(options.resolverTemplate),
        }),
      })),
    openTabChannel: (name, receive) => new TabCoordinator(name, receive),
    signIn,
    now: Date.now,
  };
}
