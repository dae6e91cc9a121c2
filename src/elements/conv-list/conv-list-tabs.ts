import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationListName } from '../../core/model.js';
import type { PageStrings } from '../shared/strings.js';

/** The lists an agent switches between. Offered conversations show on top of Conversations. */
export type ConvListName = Exclude<ConversationListName, 'offered'>;

export const TABS: readonly ConvListName[] = ['conversations', 'picklist', 'history'];

/** The store lists each tab shows. */
export const SOURCES: Record<ConvListName, readonly ConversationListName[]> = {
  conversations: ['offered', 'conversations'],
  picklist: ['picklist'],
  history: ['history'],
};

/** What each list says when it is empty. */
export const EMPTY_TEXT = {
  conversations: 'emptyConversations',
  picklist: 'emptyPicklist',
  history: 'emptyHistory',
} as const satisfies Record<ConvListName, keyof PageStrings>;

export const isListName = (value: unknown): value is ConvListName => TABS.includes(value as ConvListName);

export interface TabsContext {
  text: PageStrings;
  selected: ConvListName;
  count(list: ConvListName): number;
  choose(list: ConvListName): void;
  onKeydown(event: KeyboardEvent): void;
}

/** The three lists as tabs with their counts; the selected one controls the list's panel. */
export function renderTabs({ text, selected, count, choose, onKeydown }: TabsContext): TemplateResult {
  return html`
    <div class="tablist" part="tabs" role="tablist" aria-label=${text.listLabel} @keydown=${onKeydown}>
      ${TABS.map(
        (name) => html`
          <button
            class="tab"
            part="tab"
            role="tab"
            id="tab-${name}"
            data-list=${name}
            aria-selected=${name === selected ? 'true' : 'false'}
            aria-controls=${name === selected ? 'panel' : nothing}
            tabindex=${name === selected ? 0 : -1}
            @click=${() => choose(name)}
          >
            <span class="tab-name">${text[name]}</span>
            <span class="tab-count">${count(name)}</span>
          </button>
        `,
      )}
    </div>
  `;
}
