import { nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { SwipeState } from '../../controllers/swipe-controller.js';
import { customerLabel, type Conversation } from '../../core/model.js';
import { formatNumber, formatTime, isolate, noticeText } from '../shared/format.js';
import { channelName, type PageStrings } from '../shared/strings.js';
import { styleProperties } from '../shared/style-properties.js';
// Every row is flex items only: its templates drop the line breaks between tags (named `html` so formatters and linters read them as HTML).
import { tightHtml as html } from '../shared/tight-html.js';
import { minutesAndSeconds, offerCountdown } from './offer-countdown.js';
import type { renderSwipeActions } from './swipe-actions.js';

export type ItemAction = 'notes' | 'end';

/** What opened an item's menu, so focus can go back to it: the "More actions" button, the swiped-open More, or the item itself. */
export type ItemMenuOpener = 'more-actions' | 'swipe-more' | 'item';

/** The item menu as it is open: one menu element serves every item. */
export interface ItemMenu {
  conversationId: string;
  actions: ItemAction[];
  opener: ItemMenuOpener;
  /** A right click opens the menu where the pointer is. */
  point?: { x: number; y: number };
}

/** What can be done from an item's menu: notes everywhere, End chat only for a chat the agent is handling. */
export function menuActionsFor(conversation: Conversation): ItemAction[] {
  if (conversation.status === 'offered') return [];
  return conversation.status === 'active' ? ['notes', 'end'] : ['notes'];
}

/** Width of each action a half swipe reveals. */
const SWIPE_ACTION_WIDTH = 88;

/** How far a half swipe opens an item: room for More, and for End chat on an active chat. */
export function revealWidthFor(conversation: Conversation): number {
  return (conversation.status === 'active' ? 2 : 1) * SWIPE_ACTION_WIDTH;
}

/** What one item's template needs from its list. */
export interface ItemContext {
  text: PageStrings;
  selectedId?: string;
  rowHeight: number;
  /** This item's swipe, when it is swiped open or dragged. */
  swipe?: SwipeState;
  /** What a half swipe reveals; it comes with the swipe's drag, on the first press (./swipe-actions.ts). */
  swipeActions?: typeof renderSwipeActions;
  /** The item menu, when it is open (for any item). */
  menu?: ItemMenu;
  /** While a search is on: its matches in a name or preview, marked (list-tools.ts). */
  mark?: (text: string) => unknown;
  /** The customer of this conversation is typing: the item says so instead of the preview. */
  typing?: (conversationId: string) => boolean;
  /** While a search is on: the matching message to show when the preview does not hold the query. */
  snippet?: (conversation: Conversation) => string | undefined;
  select(conversationId: string): void;
  pick(conversationId: string): void;
  accept(conversationId: string): void;
  reject(conversationId: string): void;
  toggleMenu(conversation: Conversation, opener: ItemMenuOpener): void;
  requestEnd(conversationId: string): void;
  contextMenu(event: MouseEvent, conversation: Conversation): void;
}

/** What the scrolling list needs besides each item's context. */
export interface RowsContext extends ItemContext {
  /** The list's accessible name; none inside a tab panel, which the tab names. */
  label?: string;
  emptyText: string;
  rows: readonly Conversation[];
  /** The indexes the window renders. */
  shown: readonly number[];
  /** The item holding the list's Tab stop. */
  activeId?: string;
  swipeOf(conversationId: string): SwipeState | undefined;
  onScroll(): void;
  onKeydown(event: KeyboardEvent): void;
  onFocusin(event: FocusEvent): void;
}

/** The scrolling list: as high as all its rows, with only the shown ones in it, each placed at its row. */
export function renderRows(context: RowsContext): TemplateResult {
  const { rows, shown, activeId } = context;
  const empty = rows.length === 0;
  return html`
    <div
      class="viewport"
      part="list"
      role=${empty ? nothing : 'list'}
      aria-label=${empty ? nothing : (context.label ?? nothing)}
      @scroll=${context.onScroll}
      @keydown=${context.onKeydown}
      @focusin=${context.onFocusin}
    >
      <div class="row-probe" aria-hidden="true"></div>
      ${
        empty
          ? html`<p class="empty" part="empty" tabindex="-1">${context.emptyText}</p>`
          : html`<div class="canvas" style=${styleProperties({ height: `${rows.length * context.rowHeight}px` })}>
              ${repeat(
                shown,
                (index) => rows[index]!.id,
                (index) => {
                  const conversation = rows[index]!;
                  const itemContext = { ...context, swipe: context.swipeOf(conversation.id) };
                  return renderItem(itemContext, conversation, index, rows.length, conversation.id === activeId);
                },
              )}
            </div>`
      }
    </div>
  `;
}

/** One conversation: its face (name, time, channel, preview, unread count, its buttons) over the actions a swipe reveals. */
export function renderItem(
  context: ItemContext,
  conversation: Conversation,
  index: number,
  count: number,
  active: boolean,
): TemplateResult {
  const { text, selectedId, swipe, menu } = context;
  const { id, status } = conversation;
  const tabIndex = active ? 0 : -1;
  const labelId = `item-label-${index}`;
  const hasMenu = menuActionsFor(conversation).length > 0;
  const menuOpenHere = menu?.conversationId === id;
  return html`
    <div
      class="item ${status}${selectedId === id ? ' selected' : ''}"
      part="item"
      role="listitem"
      data-id=${id}
      aria-setsize=${count}
      aria-posinset=${index + 1}
      style=${styleProperties({ transform: `translateY(${index * context.rowHeight}px)` })}
      @contextmenu=${(event: MouseEvent) => context.contextMenu(event, conversation)}
    >
      ${swipe && context.swipeActions ? context.swipeActions(context, conversation, swipe, labelId, revealWidthFor(conversation)) : nothing}
      <div
        class="face${swipe?.dragging ? ' dragging' : ''}"
        style=${styleProperties({ '--_swipe': `${swipe?.offset ?? 0}px` })}
      >
        <button
          class="select"
          tabindex=${tabIndex}
          aria-current=${selectedId === id ? 'true' : nothing}
          @click=${() => context.select(id)}
        >
          <span class="line">
            <span class="name" id=${labelId} dir="auto"
              >${(context.mark ?? isolate)(customerLabel(conversation.customer) ?? text.unknownCustomer)}</span
            >
            ${renderTime(conversation, text.$code)}
            ${status === 'offered' ? renderTimeLeft(text, conversation) : nothing}
          </span>
          <span class="line">
            <span class="channel">${channelName(text, conversation.channel)}</span>
            ${
              // Accept, Reject and the time left show an offer; its words are for screen readers, and long ones would crowd out the preview.
              status === 'offered' ? html`<span class="offer visually-hidden">${text.offered}</span>` : nothing
            }
            ${
              context.typing?.(id)
                ? html`<span class="preview typing">${text.customerTyping}</span>`
                : html`<span class="preview" dir="auto"
                    >${(context.mark ?? isolate)(context.snippet?.(conversation) ?? previewText(text, conversation))}</span
                  >`
            }
            ${
              // An ended chat has nothing left to answer: whatever came in before it ended is no longer unread work.
              conversation.unreadCount > 0 && status !== 'ended'
                ? html`<span class="badge" part="badge"
                    ><span aria-hidden="true"
                      >${formatNumber(Math.min(conversation.unreadCount, 99), text.$code)}${conversation.unreadCount > 99 ? '+' : ''}</span
                    ><span class="visually-hidden">${text.unread(conversation.unreadCount)}</span></span
                  >`
                : nothing
            }
          </span>
        </button>
        ${
          status === 'queued'
            ? html`<button
                class="item-action primary"
                tabindex=${tabIndex}
                aria-describedby=${labelId}
                @click=${() => context.pick(id)}
              >
                ${text.pick}
              </button>`
            : nothing
        }
        ${
          status === 'offered'
            ? html`
                <button
                  class="item-action primary"
                  tabindex=${tabIndex}
                  aria-describedby=${labelId}
                  @click=${() => context.accept(id)}
                >
                  ${text.accept}
                </button>
                <button
                  class="item-action"
                  tabindex=${tabIndex}
                  aria-describedby=${labelId}
                  @click=${() => context.reject(id)}
                >
                  ${text.reject}
                </button>
              `
            : nothing
        }
        ${
          hasMenu
            ? html`<button
                class="more-actions"
                tabindex=${tabIndex}
                aria-label=${text.moreActions}
                aria-describedby=${labelId}
                aria-haspopup="menu"
                aria-controls="item-menu"
                aria-expanded=${menuOpenHere && menu.opener === 'more-actions' ? 'true' : 'false'}
                @click=${() => context.toggleMenu(conversation, 'more-actions')}
              >
                <span aria-hidden="true">⋯</span>
              </button>`
            : nothing
        }
      </div>
    </div>
  `;
}

function renderTime(conversation: Conversation, locale: string): TemplateResult | typeof nothing {
  const at =
    conversation.status === 'ended'
      ? (conversation.endedAt ?? conversation.updatedAt)
      : (conversation.lastMessage?.at ?? conversation.updatedAt);
  if (!at) return nothing;
  return html`<time class="time" dir="auto" datetime=${new Date(at).toISOString()}
    >${formatTime(at, undefined, locale)}</time
  >`;
}

/** How long an offer still waits for the agent: ticking for the eye, and once, as a time, for screen readers. */
function renderTimeLeft(text: PageStrings, { offerExpiresAt: at }: Conversation): TemplateResult | typeof nothing {
  if (at === undefined) return nothing;
  return html`<span
      class="offer countdown"
      aria-hidden="true"
      ${offerCountdown(at, (seconds) => `· ${text.offerTimeLeft(minutesAndSeconds(seconds))}`)}
    ></span
    ><span class="visually-hidden">${text.offerExpiresAt(formatTime(at, undefined, text.$code))}</span>`;
}

function previewText(text: PageStrings, conversation: Conversation): string {
  const last = conversation.lastMessage;
  if (!last) return '';
  if (last.author === 'system') return noticeText(text, last.notice, last.text);
  return last.author === 'agent' ? `${text.you}: ${last.text}` : last.text;
}

// ── finding an item's parts (the DOM the template above renders) ──────

/** The item an event target is in. */
export function itemOf(target: EventTarget | null | undefined): HTMLElement | undefined {
  return (target instanceof Element && target.closest<HTMLElement>('.item')) || undefined;
}

export function itemElement(root: ParentNode, conversationId: string | undefined): HTMLElement | null {
  if (conversationId === undefined) return null;
  return root.querySelector<HTMLElement>(`.item[data-id="${CSS.escape(conversationId)}"]`);
}

/** The item's main button: it selects the item and holds the list's Tab stop. */
export function itemButton(root: ParentNode, conversationId: string | undefined): HTMLElement | null | undefined {
  return itemElement(root, conversationId)?.querySelector<HTMLElement>('.select');
}

/** The swipeable face a pointer event's composed path goes through in `root`, with its item's id. */
export function faceOn(root: Node, path: readonly EventTarget[]): { id: string; face: HTMLElement } | undefined {
  const face = path.find(
    (target): target is HTMLElement =>
      target instanceof HTMLElement && target.classList.contains('face') && target.getRootNode() === root,
  );
  const id = itemOf(face)?.dataset.id;
  return face && id ? { id, face } : undefined;
}

/** The element that opened `menu` inside its item. */
export function openerIn(item: HTMLElement | null, menu: ItemMenu): HTMLElement | null | undefined {
  if (menu.opener === 'item') return item?.querySelector<HTMLElement>('.select');
  return item?.querySelector<HTMLElement>(menu.opener === 'swipe-more' ? '.swipe-more' : '.more-actions');
}
