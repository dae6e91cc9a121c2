import { LitElement, css, html, nothing } from 'lit';
import type Picker from 'emoji-picker-element/picker.js';
import type { EmojiClickEvent } from 'emoji-picker-element/shared.js';

/**
 * Where the emoji data ships: inside the emoji-picker-element-data package, never a CDN.
 * Vite (the demo, the library build and most integrators' builds) turns this into a served asset URL;
 * `?no-inline` keeps the 440 KB file out of the JavaScript (library builds would inline it as a `data:`
 * URL, which a strict CSP also refuses to fetch). Setups that do not rewrite `new URL(…, import.meta.url)`
 * set `data-source` themselves.
 */
export const bundledEmojiDataUrl = new URL('emoji-picker-element-data/en/emojibase/data.json?no-inline', import.meta.url).href;

export interface ConvEmojiPickDetail {
  /** The chosen emoji as text, with the agent's skin tone applied. */
  emoji: string;
}

/**
 * An emoji picker that costs nothing until it is shown: the picker's code (emoji-picker-element) is
 * imported when this element first connects, and its data comes from conv-kit's own files.
 *
 * @summary Lazily loaded, keyboard-usable emoji picker.
 *
 * @event conv-emoji-pick - An emoji was chosen. `detail: { emoji }`.
 *
 * @cssproperty --conv-surface - Background of the picker.
 * @cssproperty --conv-accent - Selected category indicator.
 */
export class ConvEmojiPicker extends LitElement {
  static override properties = {
    dataSource: { attribute: 'data-source' },
    theme: { reflect: true },
    unavailableText: { attribute: 'unavailable-text' },
    picker: { state: true },
    failed: { state: true },
  };

  static override styles = css`
    :host {
      display: block;
    }
    emoji-picker {
      width: min(22rem, calc(100vw - 1rem));
      height: 20rem;
      --background: var(--_surface, #fff);
      --border-color: var(--_border, #d5dae3);
      --indicator-color: var(--_accent, #2557d6);
      --outline-color: var(--_focus, #1a73e8);
      --input-font-color: var(--_text, #17202e);
      --input-border-color: var(--_border, #d5dae3);
    }
    p {
      margin: 0;
      padding: 1rem;
      max-width: 22rem;
    }
  `;

  /** URL of the emoji data JSON. */
  declare dataSource: string;
  /** `light`, `dark`, or unset to follow the system. */
  declare theme?: 'light' | 'dark';
  /** Shown when the picker's code or data cannot be loaded. */
  declare unavailableText: string;
  declare private picker?: Picker;
  declare private failed: boolean;

  private loading?: Promise<Picker | undefined>;

  constructor() {
    super();
    this.dataSource = bundledEmojiDataUrl;
    this.unavailableText = 'The emoji could not be loaded.';
    this.failed = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Moves focus to the picker's search field once the picker is there. */
  override async focus(): Promise<void> {
    const picker = await this.load();
    await this.updateComplete;
    const search = picker?.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]');
    (search ?? this.renderRoot.querySelector<HTMLElement>('p'))?.focus();
  }

  private load(): Promise<Picker | undefined> {
    this.loading ??= import('emoji-picker-element').then(
      ({ Picker }) => {
        // The data source goes into the constructor: set later, the picker would first reach for its CDN default.
        const picker = new Picker({ dataSource: this.dataSource, locale: 'en' });
        picker.addEventListener('emoji-click', (event: EmojiClickEvent) => {
          const emoji = event.detail.unicode;
          if (emoji) this.dispatchEvent(new CustomEvent<ConvEmojiPickDetail>('conv-emoji-pick', { detail: { emoji }, bubbles: true, composed: true }));
        });
        this.picker = picker;
        return picker;
      },
      () => {
        this.failed = true;
        this.loading = undefined; // a later open tries again
        return undefined;
      },
    );
    return this.loading;
  }

  protected override updated(): void {
    if (!this.picker) return;
    this.picker.classList.toggle('dark', this.theme === 'dark');
    this.picker.classList.toggle('light', this.theme === 'light');
    if (this.picker.dataSource !== this.dataSource) this.picker.dataSource = this.dataSource;
  }

  protected override render() {
    if (this.picker) return this.picker;
    return this.failed ? html`<p role="alert" tabindex="-1">${this.unavailableText}</p>` : nothing;
  }
}

if (!customElements.get('conv-emoji-picker')) customElements.define('conv-emoji-picker', ConvEmojiPicker);

declare global {
  interface HTMLElementTagNameMap {
    'conv-emoji-picker': ConvEmojiPicker;
  }
  interface HTMLElementEventMap {
    'conv-emoji-pick': CustomEvent<ConvEmojiPickDetail>;
  }
}
