import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { MenuButtonController } from '../../controllers/menu-button-controller.js';
import type { Conversation } from '../../core/model.js';
import type { PageStrings } from '../shared/strings.js';
import {
  itemButton,
  itemElement,
  menuActionsFor,
  openerIn,
  type ItemAction,
  type ItemMenu,
  type ItemMenuOpener,
} from './conv-list-item.js';

/**
 * The list's item menu: one popover menu serves the "More actions" button, the swiped-open More and the
 * item itself (ContextMenu key, Shift+F10, right click) of every item.
 */
export class ItemMenuController extends MenuButtonController<ItemMenu> {
  readonly #shown: (conversationId: string) => void;

  /** `shown` hears which item a menu opened for (it takes the list's Tab stop). */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    renderRoot: () => ParentNode,
    isRtl: () => boolean,
    shown: (conversationId: string) => void,
  ) {
    const openerOf = (menu: ItemMenu) => openerIn(itemElement(renderRoot(), menu.conversationId), menu);
    super(host, {
      menu: () => renderRoot().querySelector<HTMLElement>('.menu'),
      // A swiped-open More is gone once the item closes: focus goes back to the item then.
      opener: (menu) => openerOf(menu) ?? itemButton(renderRoot(), menu.conversationId),
      place: (element, menu) =>
        placeItemMenu(
          element,
          menu,
          () => (openerOf(menu) ?? itemElement(renderRoot(), menu.conversationId))!.getBoundingClientRect(),
          isRtl(),
        ),
      isSame: (a, b) => a.conversationId === b.conversationId && a.opener === b.opener,
    });
    this.#shown = shown;
  }

  /** Opens (or toggles) the menu of an opener; false when the conversation has nothing to offer there. */
  show(conversation: Conversation, opener: ItemMenuOpener, how: 'open' | 'toggle', point?: ItemMenu['point']): boolean {
    const menu = itemMenuFor(conversation, opener, point);
    if (!menu) return false;
    if (how === 'toggle') this.toggle(menu);
    else this.open('first', menu);
    this.#shown(conversation.id);
    return true;
  }
}

/** Opens an item's own menu on its contextmenu event (right click, ContextMenu key, Shift+F10); false, leaving the browser's, when it has nothing to offer. */
export function openContextMenu(menu: ItemMenuController, event: MouseEvent, conversation: Conversation): boolean {
  // A keyboard-made contextmenu event (ContextMenu key, Shift+F10) has no pointer position.
  const point =
    event.button === 2 && (event.clientX || event.clientY) ? { x: event.clientX, y: event.clientY } : undefined;
  const shown = menu.show(conversation, 'item', 'open', point);
  if (shown) event.preventDefault();
  return shown;
}

/** The menu an opener shows. Beside a swiped-open More, End chat is already one tap away: its menu holds what is not. */
function itemMenuFor(
  conversation: Conversation,
  opener: ItemMenuOpener,
  point?: ItemMenu['point'],
): ItemMenu | undefined {
  const actions = menuActionsFor(conversation).filter((action) => opener !== 'swipe-more' || action !== 'end');
  return actions.length ? { conversationId: conversation.id, actions, opener, point } : undefined;
}

/** The one item menu, a popover in the top layer so the list's scrolling never clips it. */
export function renderItemMenu(
  text: PageStrings,
  menu: ItemMenu | undefined,
  onKeydown: (event: KeyboardEvent) => void,
  choose: (menu: ItemMenu, action: ItemAction) => void,
): TemplateResult {
  return html`
    <div
      class="menu"
      part="menu"
      id="item-menu"
      role="menu"
      popover="manual"
      aria-label=${text.moreActions}
      @keydown=${onKeydown}
      @contextmenu=${(event: Event) => event.preventDefault()}
    >
      ${(menu?.actions ?? []).map(
        (action) => html`
          <button class=${action} role="menuitem" tabindex="-1" @click=${() => choose(menu!, action)}>
            ${action === 'notes' ? text.internalNotes : text.endChat}
          </button>
        `,
      )}
    </div>
  `;
}

/** Under the opener (above it near the bottom of the window), or at the pointer for a right click; always inside the window. */
export function placeItemMenu(element: HTMLElement, menu: ItemMenu, anchor: () => DOMRect, rtl: boolean): void {
  const margin = 8;
  const { width, height } = element.getBoundingClientRect();
  let left: number;
  let top: number;
  if (menu.point) {
    left = rtl ? menu.point.x - width : menu.point.x;
    top = menu.point.y;
  } else {
    const box = anchor();
    left = rtl ? box.left : box.right - width;
    top = box.bottom + 2;
    if (top + height > window.innerHeight - margin) top = box.top - height - 2;
  }
  // Set through the CSSOM (not a style attribute), which a strict Content-Security-Policy allows.
  element.style.left = `${Math.max(margin, Math.min(left, window.innerWidth - width - margin))}px`;
  element.style.top = `${Math.max(margin, Math.min(top, window.innerHeight - height - margin))}px`;
}
