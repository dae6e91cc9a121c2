import { LitElement } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import { withStrings, type ConvStrings } from './strings.js';

/**
 * What every conv-kit element has: an optional `store` (else the nearest <conv-provider>'s),
 * replaceable `strings`, a light/dark `theme`, and `emit` for public events.
 */
export class ConvElement extends LitElement {
  static override properties = {
    store: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
  };

  /** The shared store, for pages without a <conv-provider>. */
  declare store?: ConversationStore;
  /** Overrides any of the default English strings. */
  declare strings?: Partial<ConvStrings>;
  /** `light`, `dark`, or unset to follow the system (`prefers-color-scheme`). */
  declare theme?: 'light' | 'dark';

  protected get text(): ConvStrings {
    return withStrings(this.strings);
  }

  /** Dispatches a bubbling, composed `conv-*` event; returns false when a listener prevented it. */
  protected emit<T>(name: `conv-${string}`, detail: T, options: { cancelable?: boolean } = {}): boolean {
    return this.dispatchEvent(publicEvent(name, detail, options.cancelable ?? false));
  }
}

/** Built outside the class so the manifest lists each element's own `@event`s, not this helper's parameter. */
function publicEvent<T>(name: string, detail: T, cancelable: boolean): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true, cancelable });
}
