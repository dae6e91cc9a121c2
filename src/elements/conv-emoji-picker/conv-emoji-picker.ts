import { html, nothing, type PropertyValues } from 'lit';
import { ConvElement } from '../shared/conv-element.js';
import { convEmojiPickerStyles } from './conv-emoji-picker.styles.js';
import type { EmojiPickerView } from './emoji-picker-view.js';

/**
 * Where the emoji data ships: conv-kit's own copy of emoji-picker-element-data, never a CDN.
 * The path is relative to this module, so the dev server and the test runner serve the file straight
 * from node_modules; the library and single-file builds copy it beside their modules and rewrite the URL.
 * `?no-inline` keeps the 440 KB file out of the JavaScript (a library build would otherwise inline it
 * as a `data:` URL, which a strict CSP refuses to fetch).
 */
export const bundledEmojiDataUrl = new URL(
  '../../../node_modules/emoji-picker-element-data/en/emojibase/data.json?no-inline',
  import.meta.url,
).href;

export type { ConvEmojiPickDetail } from '../../events/index.js';

/**
 * An emoji picker that costs nothing until it is shown: its code and the emoji database load when the
 * element first connects, and the data comes from conv-kit's own files. Search, nine categories
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
    view: { state: true },
    failed: { state: true },
  };
  static override styles = convEmojiPickerStyles;

  /** URL of the emoji data (emoji-picker-element-data's `en/emojibase/data.json`). */
  declare dataSource: string;
  /** Shown when the picker's code or data cannot be loaded; default from `strings.emojiUnavailable`. */
  declare unavailableText?: string;
  declare private view?: EmojiPickerView;
  declare private failed: boolean;

  private loading?: Promise<EmojiPickerView | undefined>;

  constructor() {
    super();
    this.dataSource = bundledEmojiDataUrl;
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /**
   * Called each time the picker is shown: moves focus to the search box. A picker shown again starts
   * from a cleared search with frequently used brought up to date, and retries data that failed to load.
   */
  override async focus(): Promise<void> {
    const alreadyLoaded = !!this.view;
    const view = await this.load();
    await this.updateComplete;
    if (alreadyLoaded) view?.refresh();
    if (view) view.focusSearch();
    else this.renderRoot.querySelector<HTMLElement>('.unavailable')?.focus();
  }

  private load(): Promise<EmojiPickerView | undefined> {
    this.loading ??= import('./emoji-picker-view.js').then(
      ({ EmojiPickerView }) => {
        this.failed = false;
        this.view = new EmojiPickerView(this, {
          dataSource: this.dataSource,
          strings: () => this.text,
          unavailableText: () => this.unavailableText ?? this.text.emojiUnavailable,
          pick: (emoji) => this.emit('conv-emoji-pick', { emoji }),
        });
        return this.view;
      },
      () => {
        this.failed = true;
        this.loading = undefined; // the next open tries again
        return undefined;
      },
    );
    return this.loading;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new address means another data set: the view opens a fresh database for it.
    if (changed.has('dataSource')) this.view?.useDataSource(this.dataSource);
  }

  protected override render() {
    if (this.view) return this.view.render();
    return this.failed
      ? html`<p class="unavailable" role="alert" tabindex="-1">
          ${this.unavailableText ?? this.text.emojiUnavailable}
        </p>`
      : nothing;
  }
}

if (!customElements.get('conv-emoji-picker')) customElements.define('conv-emoji-picker', ConvEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'conv-emoji-picker': ConvEmojiPicker;
  }
}
