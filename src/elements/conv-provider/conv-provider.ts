import { ContextProvider } from '@lit/context';
import { LitElement, css, html } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import { storeContext } from '../../controllers/store-context.js';

/**
 * Gives one store to every conv-kit element inside it.
 *
 * @summary Shares a conversation store with the elements it contains.
 * @slot - The workspace: any mix of conv-kit elements and the host page's own markup.
 */
export class ConvProvider extends LitElement {
  static override properties = { store: { attribute: false } };
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The store the contained elements share. */
  declare store?: ConversationStore;
  private readonly provider = new ContextProvider(this, { context: storeContext });

  protected override willUpdate(): void {
    this.provider.setValue(this.store);
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
