/**
 * What <conv-emoji-picker> loads on first open: the emoji data (groups and search, in memory), what the agent
 * chose before (Frequently used, skin tone, in IndexedDB) and the picker's own UI, rendered with Lit bindings only.
 */
import { html, nothing, type ReactiveElement } from 'lit';
import { live } from 'lit/directives/live.js';
import { ref } from 'lit/directives/ref.js';
import { RovingFocusController } from '../../controllers/roving-focus-controller.js';
import type { ConvStrings, PageStrings } from '../shared/strings.js';
import { withFirstUseWords } from '../shared/first-use-strings.js';
import { loadEmoji, type EmojiSource } from './emoji-data.js';
import type { EmojiIndex, PickerEmoji, SkinTone } from './emoji-index.js';
import { choosePreferredSkinTone, countEmojiUse, mostUsedEmoji, preferredSkinTone } from './emoji-preferences.js';
import { newestSupportedEmojiVersion } from './emoji-support.js';

type CategoryId =
  | 'frequent'
  | 'smileys-people'
  | 'animals-nature'
  | 'food-drink'
  | 'travel-places'
  | 'activities'
  | 'objects'
  | 'symbols'
  | 'flags';

interface Category {
  id: CategoryId;
  icon: string;
  label: (strings: ConvStrings) => string;
  /** emojibase group numbers; group 2 (skin tone and hair components) is never offered on its own. */
  groups: readonly number[];
}

const CATEGORIES: readonly Category[] = [
  { id: 'frequent', icon: '🕘', label: (t) => t.emojiFrequentlyUsed, groups: [] },
  { id: 'smileys-people', icon: '😀', label: (t) => t.emojiSmileysPeople, groups: [0, 1] },
  { id: 'animals-nature', icon: '🐶', label: (t) => t.emojiAnimalsNature, groups: [3] },
  { id: 'food-drink', icon: '🍎', label: (t) => t.emojiFoodDrink, groups: [4] },
  { id: 'travel-places', icon: '🚗', label: (t) => t.emojiTravelPlaces, groups: [5] },
  { id: 'activities', icon: '⚽', label: (t) => t.emojiActivities, groups: [6] },
  { id: 'objects', icon: '💡', label: (t) => t.emojiObjects, groups: [7] },
  { id: 'symbols', icon: '🔣', label: (t) => t.emojiSymbols, groups: [8] },
  { id: 'flags', icon: '🏁', label: (t) => t.emojiFlags, groups: [9] },
];

/** Three rows of the picker's nine columns. */
const FREQUENTLY_USED_LIMIT = 27;
/** Skin tones 0 (default yellow) to 5, each shown on a raised hand. */
const SKIN_TONE_SAMPLES = ['✋', '✋🏻', '✋🏼', '✋🏽', '✋🏾', '✋🏿'] as const;
/** Used until the grid has been measured: the picker's width holds nine emoji. */
const DEFAULT_COLUMNS = 9;

export interface EmojiPickerViewOptions {
  /** The data to open first; later changes come through useSource(). */
  source: EmojiSource;
  strings(): PageStrings;
  unavailableText(): string;
  pick(emoji: string): void;
}

/** The picker's state and rendering; <conv-emoji-picker> renders it and asks for updates through `host`. */
export class EmojiPickerView {
  #index?: Promise<EmojiIndex>;
  #source!: EmojiSource;
  #category: CategoryId = 'smileys-people';
  /** Once the agent picks a tab, the opening choice of category no longer applies. */
  #categoryChosen = false;
  #query = '';
  /** What the grid shows; undefined until the first list arrives. */
  #emoji?: readonly PickerEmoji[];
  #failed = false;
  #skinTone: SkinTone = 0;
  /** The emoji that takes Tab focus in the grid (roving tabindex). */
  #activeIndex = 0;
  #columns = DEFAULT_COLUMNS;
  /** An answer that arrives after a newer request (more typing, another category) is dropped. */
  #latestRequest = 0;
  /** Frequently used waits for the last choice to be counted. */
  #lastCount: Promise<void> = Promise.resolve();
  #grid?: HTMLElement;
  #resizeObserver?: ResizeObserver;
  /** Tabs pattern with automatic activation: arrows (mirrored right to left), Home and End select and focus. */
  readonly #tabFocus: RovingFocusController;
  /** The grid pattern: arrows, Home and End (Ctrl for the first and last emoji), Page Up and Page Down. */
  readonly #gridFocus: RovingFocusController;

  readonly #host: ReactiveElement;
  readonly #options: EmojiPickerViewOptions;

  constructor(host: ReactiveElement, options: EmojiPickerViewOptions) {
    this.#host = host;
    this.#options = options;
    this.#tabFocus = new RovingFocusController(host, {
      layout: { kind: 'row' },
      count: () => CATEGORIES.length,
      currentIndex: () => CATEGORIES.findIndex((category) => category.id === this.#category),
      activate: (index) => this.#selectCategory(CATEGORIES[index]!.id),
      element: (index) => host.renderRoot.querySelector<HTMLElement>(`#emoji-tab-${CATEGORIES[index]!.id}`),
    });
    this.#gridFocus = new RovingFocusController(host, {
      layout: { kind: 'grid', columns: () => this.#columns, pageRows: () => this.#visibleRows() },
      count: () => this.#emoji?.length ?? 0,
      currentIndex: () => this.#activeIndex,
      activate: (index) => (this.#activeIndex = index),
      element: (index) => this.#grid?.querySelector<HTMLElement>(`button[data-index="${index}"]`),
    });
    this.useSource(options.source);
  }

  /** Shows the emoji of this source (another language, another address). */
  useSource(source: EmojiSource): void {
    this.#source = source;
    this.#index = loadEmoji(source);
    this.#emoji = undefined;
    void this.#start(this.#index);
  }

  /** A picker shown again starts with a cleared search, fresh frequently used, and retries what failed. */
  refresh(): void {
    if (this.#failed) return this.useSource(this.#source);
    this.#query = '';
    this.#host.requestUpdate();
    void this.#showList();
  }

  focusSearch(): void {
    this.#host.renderRoot.querySelector<HTMLInputElement>('input[type="search"]')?.focus();
  }

  /** Opens on frequently used once the agent has some, else on smileys. */
  async #start(index: Promise<EmojiIndex>): Promise<void> {
    try {
      const [skinTone, favourites] = await Promise.all([preferredSkinTone(), mostUsedEmoji(1)]);
      if (index !== this.#index) return;
      this.#skinTone = skinTone;
      if (!this.#categoryChosen) this.#category = favourites.length > 0 ? 'frequent' : 'smileys-people';
    } catch {
      // showList() reports the failure
    }
    await this.#showList();
  }

  async #showList(): Promise<void> {
    const request = ++this.#latestRequest;
    try {
      const emoji = await this.#fetchList();
      if (request !== this.#latestRequest) return;
      const newest = newestSupportedEmojiVersion();
      this.#emoji = emoji.filter((candidate) => candidate.version <= newest);
      this.#activeIndex = 0;
      this.#failed = false;
    } catch {
      if (request !== this.#latestRequest) return;
      this.#failed = true;
    }
    this.#host.requestUpdate();
  }

  async #fetchList(): Promise<PickerEmoji[]> {
    const index = await this.#index!;
    const query = this.#query.trim();
    if (query) return index.search(query);
    if (this.#category === 'frequent') {
      await this.#lastCount;
      // Chosen from other data (another language's, a host's own) and not in this one: left out.
      return (await mostUsedEmoji(FREQUENTLY_USED_LIMIT)).flatMap((unicode) => index.byUnicode(unicode) ?? []);
    }
    const groups = CATEGORIES.find((category) => category.id === this.#category)!.groups;
    return groups.flatMap((group) => index.byGroup(group));
  }

  #withSkinTone(emoji: PickerEmoji): string {
    if (this.#skinTone === 0) return emoji.unicode;
    const newest = newestSupportedEmojiVersion();
    return (
      emoji.skins?.find((skin) => skin.tone === this.#skinTone && skin.version <= newest)?.unicode ?? emoji.unicode
    );
  }

  #choose(emoji: PickerEmoji): void {
    this.#lastCount = countEmojiUse(emoji.unicode).catch(() => undefined);
    this.#options.pick(this.#withSkinTone(emoji));
  }

  // ── search, skin tone, categories ──────────────────────────────────────
  // Handlers are arrow functions: Lit calls event listeners with the host element as `this`.

  readonly #onSearchInput = (event: InputEvent): void => {
    this.#query = (event.target as HTMLInputElement).value;
    this.#scrollGridToTop();
    void this.#showList();
  };

  readonly #onSearchKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' || !this.#emoji?.length) return;
    event.preventDefault();
    this.#gridFocus.focusItem(Math.min(this.#activeIndex, this.#emoji.length - 1));
  };

  readonly #onSkinToneChange = (event: Event): void => {
    this.#skinTone = Number((event.target as HTMLSelectElement).value) as SkinTone;
    choosePreferredSkinTone(this.#skinTone).catch(() => undefined); // the choice still holds until the page reloads
    this.#host.requestUpdate();
  };

  #selectCategory(id: CategoryId): void {
    this.#categoryChosen = true;
    if (id === this.#category) return;
    this.#category = id;
    this.#scrollGridToTop();
    this.#host.requestUpdate();
    void this.#showList();
  }

  // ── the grid (WAI-ARIA grid pattern) ───────────────────────────────────

  /** Lit calls this with the grid, and with undefined when the picker leaves the page. */
  readonly #observeGrid = (element?: Element): void => {
    this.#resizeObserver?.disconnect();
    this.#grid = element as HTMLElement | undefined;
    if (!this.#grid) return;
    this.#resizeObserver = new ResizeObserver(() => this.#measureColumns());
    this.#resizeObserver.observe(this.#grid);
  };

  /** As many columns as whole emoji fit: narrow phones get fewer, and rows stay rows for the arrow keys. */
  #measureColumns(): void {
    const grid = this.#grid;
    const cellWidth = grid?.querySelector('[role="gridcell"]')?.getBoundingClientRect().width;
    if (!grid || !cellWidth || grid.clientWidth === 0) return;
    const columns = Math.max(1, Math.floor(grid.clientWidth / cellWidth));
    if (columns === this.#columns) return;
    this.#columns = columns;
    this.#host.requestUpdate();
  }

  #scrollGridToTop(): void {
    if (this.#grid) this.#grid.scrollTop = 0;
  }

  #visibleRows(): number {
    const rowHeight = this.#grid?.querySelector('[role="row"]')?.getBoundingClientRect().height;
    return this.#grid && rowHeight ? Math.max(1, Math.floor(this.#grid.clientHeight / rowHeight)) : 1;
  }

  /** A click, or Enter and Space on the focused emoji button. */
  readonly #onGridClick = (event: MouseEvent): void => {
    const button = (event.target as Element).closest<HTMLElement>('button[data-index]');
    const emoji = button && this.#emoji?.[Number(button.dataset.index)];
    if (emoji) this.#choose(emoji);
  };

  /** The pointer can move focus too: Tab then comes back to the emoji last focused. */
  readonly #onGridFocusin = (event: FocusEvent): void => {
    const index = Number((event.target as HTMLElement).dataset.index);
    if (Number.isInteger(index) && index !== this.#activeIndex) {
      this.#activeIndex = index;
      this.#host.requestUpdate();
    }
  };

  // ── rendering ──────────────────────────────────────────────────────────

  render() {
    const t = withFirstUseWords(this.#options.strings());
    const searching = this.#query.trim() !== '';
    const category = CATEGORIES.find((candidate) => candidate.id === this.#category)!;
    return html`<div class="picker">
      <div class="search-row">
        <input
          type="search"
          aria-label=${t.emojiSearch}
          placeholder=${t.emojiSearch}
          aria-controls="emoji-grid"
          autocomplete="off"
          spellcheck="false"
          enterkeyhint="search"
          .value=${live(this.#query)}
          @input=${this.#onSearchInput}
          @keydown=${this.#onSearchKeydown}
        />
        <select aria-label=${t.emojiSkinTone} @change=${this.#onSkinToneChange}>
          ${SKIN_TONE_SAMPLES.map((sample, tone) => html`<option value=${tone} ?selected=${tone === this.#skinTone}>${sample} ${t.emojiSkinToneName(tone)}</option>`)}
        </select>
      </div>
      <div role="tablist" aria-label=${t.emojiCategories} ?hidden=${searching} @keydown=${this.#tabFocus.onKeydown}>
        ${CATEGORIES.map(
          (candidate) =>
            html`<button
              type="button"
              role="tab"
              id="emoji-tab-${candidate.id}"
              aria-selected=${candidate === category ? 'true' : 'false'}
              aria-controls="emoji-panel"
              aria-label=${candidate.label(t)}
              title=${candidate.label(t)}
              tabindex=${candidate === category ? 0 : -1}
              @click=${() => this.#selectCategory(candidate.id)}
            >
              ${candidate.icon}
            </button>`,
        )}
      </div>
      <div
        id="emoji-panel"
        class="panel"
        role=${searching ? nothing : 'tabpanel'}
        aria-labelledby=${searching ? nothing : `emoji-tab-${category.id}`}
      >
        <p id="emoji-caption" class="caption">${searching ? t.emojiSearchResults : category.label(t)}</p>
        ${this.#renderStatus(t, searching)} ${this.#renderGrid()}
      </div>
    </div>`;
  }

  /** One live region: loading, how many emoji a search found (spoken, shown only when none), an empty frequently used. */
  #renderStatus(t: ConvStrings, searching: boolean) {
    if (this.#failed) return html`<p class="status" role="alert">${this.#options.unavailableText()}</p>`;
    const emoji = this.#emoji;
    let text = '';
    let shown = true;
    if (!emoji) text = t.emojiLoading;
    else if (searching) [text, shown] = [t.emojiFound(emoji.length), emoji.length === 0];
    else if (emoji.length === 0 && this.#category === 'frequent') text = t.emojiFrequentlyUsedEmpty;
    return html`<p class=${shown && text ? 'status' : 'visually-hidden'} role="status">${text}</p>`;
  }

  #renderGrid() {
    const emoji = this.#failed ? [] : (this.#emoji ?? []);
    const active = Math.min(this.#activeIndex, emoji.length - 1);
    const rows: PickerEmoji[][] = [];
    for (let start = 0; start < emoji.length; start += this.#columns)
      rows.push(emoji.slice(start, start + this.#columns));
    return html`<div
      id="emoji-grid"
      class="grid"
      role="grid"
      aria-labelledby="emoji-caption"
      ?hidden=${emoji.length === 0}
      ${ref(this.#observeGrid)}
      @keydown=${this.#gridFocus.onKeydown}
      @click=${this.#onGridClick}
      @focusin=${this.#onGridFocusin}
    >
      ${rows.map(
        (row, rowIndex) =>
          html`<div role="row">
            ${row.map((candidate, column) => {
              const index = rowIndex * this.#columns + column;
              return html`<div role="gridcell">
                <button
                  type="button"
                  data-index=${index}
                  tabindex=${index === active ? 0 : -1}
                  aria-label=${candidate.annotation}
                  title=${candidate.annotation}
                >
                  ${this.#withSkinTone(candidate)}
                </button>
              </div>`;
            })}
          </div>`,
      )}
    </div>`;
  }
}
