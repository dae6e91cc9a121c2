import { LitElement } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import { createConvEvent, type ConvEventDetails, type ConvEventName } from '../../events/index.js';
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

  /** Dispatches one of conv-kit's events (see src/events/); returns false when a listener prevented it. */
  protected emit<Name extends ConvEventName>(
    name: Name,
    detail: ConvEventDetails[Name],
    options: { cancelable?: boolean } = {},
  ): boolean {
    return this.dispatchEvent(createConvEvent(name, detail, options));
  }
}
