import { ContextProvider } from '@lit/context';
import { LitElement, css, html, type PropertyValues } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import { storeContext } from '../../controllers/store-context.js';
import { localeChanged } from '../../controllers/localize-controller.js';
import type { ConvStrings } from '../shared/strings.js';

/**
 * Gives one store to every conv-kit element inside it, and one language: set `lang` on the provider
 * (`<conv-provider lang="de">`) and every element inside speaks it, unless one has a `lang` of its own.
 * `strings` overrides single words of that language for all of them.
 *
 * @summary Shares a conversation store with the elements it contains.
 * @slot - The workspace: any mix of conv-kit elements and the host page's own markup.
 */
export class ConvProvider extends LitElement {
  static override properties = { store: { attribute: false }, strings: { attribute: false } };
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The store the contained elements share. */
  declare store?: ConversationStore;
  /** Overrides any words of the catalog for every element inside, e.g. `{ endChat: 'Close case' }`. */
  declare strings?: Partial<ConvStrings>;
  readonly #provider = new ContextProvider(this, { context: storeContext });

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#provider.setValue(this.store);
    if (changed.has('strings')) localeChanged();
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}

if (!customElements.get('conv-provider')) customElements.define('conv-provider', ConvProvider);

declare global {
  interface HTMLElementTagNameMap {
    'conv-provider': ConvProvider;
  }
}
