/**
 * What a half swipe reveals behind a list item: More and, for an active chat, End chat. Only a drag
 * opens an item this way, so this comes with the drag (../../controllers/swipe-drag.ts) in the first-use
 * chunk, and <conv-list> takes it and its styles from there.
 */
import { nothing, type TemplateResult } from 'lit';
import type { SwipeState } from '../../controllers/swipe-controller.js';
import type { Conversation } from '../../core/model.js';
import { styleProperties } from '../shared/style-properties.js';
import { tightHtml as html } from '../shared/tight-html.js';
import type { ItemContext } from './conv-list-item.js';

export function renderSwipeActions(
  context: ItemContext,
  conversation: Conversation,
  swipe: SwipeState,
  labelId: string,
  /** How wide the actions are when swiped open: one action's width each (revealWidthFor in ./conv-list-item.ts). */
  revealWidth: number,
): TemplateResult {
  const { text, menu } = context;
  const canEnd = conversation.status === 'active';
  const width = Math.max(swipe.offset, revealWidth);
  return html`
    <div
      class="swipe-actions${swipe.armed ? ' armed' : ''}"
      part="actions"
      style=${styleProperties({ width: `${width}px`, '--_action-width': `${revealWidth / (canEnd ? 2 : 1)}px` })}
    >
      <button
        class="swipe-more"
        aria-describedby=${labelId}
        aria-haspopup="menu"
        aria-controls="item-menu"
        aria-expanded=${menu?.conversationId === conversation.id && menu.opener === 'swipe-more' ? 'true' : 'false'}
        @click=${() => context.toggleMenu(conversation, 'swipe-more')}
      >
        ${text.more}
      </button>
      ${canEnd ? html`<button class="swipe-end" aria-describedby=${labelId} @click=${() => context.requestEnd(conversation.id)}>${text.endChat}</button>` : nothing}
    </div>
  `;
}
