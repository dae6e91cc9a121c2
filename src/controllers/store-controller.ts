import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConversationStore, StoreTopic } from '../core/store.js';
import { storeContext } from './store-context.js';

export interface StoreHost extends ReactiveControllerHost, HTMLElement {
  /** Set directly on pages without a <conv-provider>; wins over the provided store. */
  store?: ConversationStore;
}

/**
 * Connects an element to the shared store: finds it (the element's own `store` property, else the
 * nearest <conv-provider>), subscribes to exactly the topics the element renders, re-renders the host
 * when one changes, and unsubscribes when the host leaves the page.
 */
export class StoreController implements ReactiveController {
  readonly #consumer: ContextConsumer<typeof storeContext, StoreHost>;
  #subscribed?: { store: ConversationStore; key: string; off: Array<() => void> };

  readonly #host: StoreHost;
  readonly #topics: (store: ConversationStore) => StoreTopic[];
  readonly #onStore?: (store: ConversationStore) => void;

  constructor(
    host: StoreHost,
    /** The slices this host shows; read again before every update, so a changed conversation-id re-subscribes. */
    topics: (store: ConversationStore) => StoreTopic[],
    onStore?: (store: ConversationStore) => void,
  ) {
    this.#host = host;
    this.#topics = topics;
    this.#onStore = onStore;
    this.#consumer = new ContextConsumer(host, {
      context: storeContext,
      subscribe: true,
      callback: () => host.requestUpdate(),
    });
    host.addController(this);
  }

  get store(): ConversationStore | undefined {
    return this.#host.store ?? this.#consumer.value;
  }

  hostConnected(): void {
    this.#sync();
  }

  hostUpdate(): void {
    this.#sync();
  }

  hostDisconnected(): void {
    this.#unsubscribe();
  }

  #sync(): void {
    const store = this.store;
    if (!store) return this.#unsubscribe();
    const topics = this.#topics(store);
    const key = topics.join('|');
    if (this.#subscribed?.store === store && this.#subscribed.key === key) return;
    const storeChanged = this.#subscribed?.store !== store;
    this.#unsubscribe();
    this.#subscribed = { store, key, off: topics.map((topic) => store.on(topic, () => this.#host.requestUpdate())) };
    if (storeChanged) this.#onStore?.(store);
  }

  #unsubscribe(): void {
    this.#subscribed?.off.forEach((off) => off());
    this.#subscribed = undefined;
  }
}
