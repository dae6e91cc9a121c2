import { nothing, type PropertyValues } from 'lit';
import { ConvElement } from '../shared/conv-element.js';
import { convEmojiPickerStyles } from './conv-emoji-picker.styles.js';
import { bundledEmojiLanguage, type EmojiSource } from './emoji-data.js';
import { EmojiPickerView } from './emoji-picker-view.js';

export type { ConvEmojiPickDetail } from '../../events/index.js';

/**
 * An emoji picker whose emoji load when the element first connects, from conv-kit's own modules;
 * `<conv-composer>` imports this module only when the agent first opens its emoji button. Search, nine categories
 * (frequently used first), a skin tone choice and a keyboard-navigable grid, all rendered without
 * HTML strings or inline styles, so it works under a strict Content-Security-Policy and Trusted Types.
 *
 * Keyboard: Down arrow moves from the search box into the emoji; arrow keys, Home, End (Ctrl for the
 * first and last emoji), Page Up and Page Down move between them; Enter or Space chooses.
 *
 * @summary Lazily loaded, keyboard-usable emoji picker.
 *
 * @event {CustomEvent<ConvEmojiPickDetail>} conv-emoji-pick - An emoji was chosen.
 *
 * @cssproperty --conv-surface - Background of the picker.
 * @cssproperty --conv-surface-raised - Background of an emoji under the pointer.
 * @cssproperty --conv-text - Text colour.
 * @cssproperty --conv-text-muted - Category caption and status text.
 * @cssproperty --conv-border - Borders of the search box and under the category tabs.
 * @cssproperty --conv-accent - Selected category indicator.
 * @cssproperty --conv-focus-ring - Focus outline.
 * @cssproperty --conv-radius - Corner radius of the search box.
 * @cssproperty --conv-touch-target - Size of each emoji and category tab (default 44px).
 */
export class ConvEmojiPicker extends ConvElement {
  static override properties = {
    ...ConvElement.properties,
    dataSource: { attribute: 'data-source' },
    unavailableText: { attribute: 'unavailable-text' },
  };
  static override styles = convEmojiPickerStyles;

  /**
   * URL of emoji data the host serves itself, in emoji-picker-element-data's format (for example its
   * `it/cldr/data.json`), used as given. Without it the picker uses conv-kit's own data, which follows the element's
   * language: German names and search words under `lang="de"`; English where conv-kit has none.
   */
  declare dataSource?: string;
  /** Shown when the emoji data cannot be loaded; default from `strings.emojiUnavailable`. */
  declare unavailableText?: string;
  #view?: EmojiPickerView;
  /** The first showing already starts fresh; later ones refresh. */
  #shown = false;
  /** The data the view has open. */
  #openSource?: string;

  /**
   * Called each time the picker is shown: moves focus to the search box. A picker shown again starts
   * from a cleared search with frequently used brought up to date, and retries data that failed to load.
   */
  override async focus(): Promise<void> {
    await this.updateComplete;
    if (this.#shown) this.#view?.refresh();
    this.#shown = true;
    this.#view?.focusSearch();
  }

  protected override update(changed: PropertyValues): void {
    // Here rather than in willUpdate(): the language is known once the controllers' hostUpdate() has run.
    this.#showSource();
    super.update(changed);
  }

  /** The data loads with the first render; a new address or language later means another data set. */
  #showSource(): void {
    const source: EmojiSource = { url: this.dataSource || undefined, language: bundledEmojiLanguage(this.text.$code) };
    const key = source.url ?? source.language;
    if (!this.#view)
      this.#view = new EmojiPickerView(this, {
        source,
        strings: () => this.text,
        unavailableText: () => this.unavailableText ?? this.text.emojiUnavailable,
        pick: (emoji) => this.emit('conv-emoji-pick', { emoji }),
      });
    else if (key !== this.#openSource) this.#view.useSource(source);
    this.#openSource = key;
  }

  protected override render() {
    return this.#view?.render() ?? nothing;
  }
}

if (!customElements.get('conv-emoji-picker')) customElements.define('conv-emoji-picker', ConvEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'conv-emoji-picker': ConvEmojiPicker;
  }
}
