import type { ReactiveController, ReactiveControllerHost } from "lit";
import { loadCatalogFor, readCatalogs, stringsFor, type Strings } from "../i18n/catalog.js";
import { prepareTimeFormat } from "../templates/message-list.js";

/**
 * The widget's language: its own `lang` attribute, else the nearest ancestor's (the page's), else the
 * browser's. English, or Simplified Chinese (`zh-CN`), whose catalog is a chunk of its own.
 */
export class Localisation implements ReactiveController {
  readonly #host: HTMLElement & ReactiveControllerHost;
  #stopReading?: () => void;

  constructor(host: HTMLElement & ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  // A catalog a site registers while the widget is shown takes effect at once (see registerLanguage).
  hostConnected(): void {
    this.#stopReading = readCatalogs(this.#host);
  }

  hostDisconnected(): void {
    this.#stopReading?.();
  }

  /** The catalog for the language as it is now (the attribute may change at any time). */
  get strings(): Strings {
    return stringsFor(this.#lang);
  }

  /** The language's catalog while it is still on its way (the first render waits: never English first). */
  loading(): Promise<void> | undefined {
    return loadCatalogFor(this.#lang);
  }

  /** Readies the time format when the page has nothing else to do. */
  prepareTimes(): void {
    const idle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 50));
    idle(() => prepareTimeFormat(this.strings.locale));
  }

  get #lang(): string {
    return this.#host.closest("[lang]")?.getAttribute("lang") || navigator.language;
  }
}
