import { LitElement } from 'lit';
import type { ConversationStore } from '../../core/store.js';
import { createConvEvent, type ConvEventDetails, type ConvEventName } from '../../events/index.js';
import { LocalizeController } from '../../controllers/localize-controller.js';
import type { ConvStrings, PageStrings } from './strings.js';

/**
 * What every conv-kit element has: an optional `store` (else the nearest <conv-provider>'s),
 * words in the language of its `lang` (else the nearest ancestor's) with replaceable `strings`,
 * a light/dark `theme`, and `emit` for public events.
 */
export class ConvElement extends LitElement {
  static override properties = {
    store: { attribute: false },
    strings: { attribute: false },
    theme: { reflect: true },
  };

  /** The shared store, for pages without a <conv-provider>. */
  declare store?: ConversationStore;
  /** Overrides any of the strings of the element's language (and of the nearest <conv-provider>'s `strings`). */
  declare strings?: Partial<ConvStrings>;
  /** `light`, `dark`, or unset to follow the system (`prefers-color-scheme`). */
  declare theme?: 'light' | 'dark';

  readonly #localize = new LocalizeController(this);

  /** The words to show: the catalog of the element's language, with `strings` on top; `$code` is the locale for Intl. */
  protected get text(): PageStrings {
    return this.#localize.text(this.strings);
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
