import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const convListStyles = [
  themeStyles,
  css`
    :host {
      --_item-height: var(--conv-list-item-height, 76px);
      display: flex;
      flex-direction: column;
      min-height: 0;
      height: 100%;
      container: conv-list / inline-size;
      background: var(--_surface);
    }
    :host([hidden]) {
      display: none;
    }

    /* Tabs */
    .tablist {
      display: flex;
      flex: none;
      border-block-end: 1px solid var(--_border);
    }
    .tab {
      flex: 1 1 0;
      min-width: 0;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 6px;
      padding: 0 8px;
      background: none;
      border: 0;
      border-block-end: 3px solid transparent;
      color: var(--_text-muted);
    }
    .tab[aria-selected='true'] {
      color: var(--_text);
      font-weight: 600;
      border-block-end-color: var(--_accent);
    }
    /* Long names (German, Finnish, the pseudo-locale) wrap onto a second line rather than lose their end. */
    .tab-name {
      min-width: 0;
      overflow-wrap: anywhere;
      line-height: 1.2;
      text-align: center;
    }
    .tab-count {
      flex: none;
      min-width: 1.6em;
      padding: 0 0.4em;
      border-radius: 999px;
      background: var(--_surface-raised);
      color: var(--_text);
      font-size: 0.8em;
      font-weight: 600;
      line-height: 1.6;
      text-align: center;
    }
    .tab:focus-visible {
      outline-offset: -3px;
    }

    /* Search and sort (what opens brings its own styles); a finger pulls the header down */
    .tools {
      display: flex;
      justify-content: flex-end;
      border-block-end: 1px solid var(--_border);
      touch-action: pan-x;
    }
    .tool {
      padding: 0 12px;
      border: 0;
      background: none;
    }

    /* Panel and notices */
    .panel {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-height: 0;
    }
    .notice {
      flex: none;
      margin: 0;
      padding: 10px 16px;
      background: var(--_surface-raised);
      color: var(--_text);
      border-block-end: 1px solid var(--_border);
      overflow-wrap: anywhere;
    }
    .notice.problem {
      border-inline-start: 4px solid var(--_danger);
    }
    .notice:empty {
      display: none;
    }
    .empty {
      margin: 0;
      padding: 24px 16px;
      color: var(--_text-muted);
      text-align: center;
      overflow-wrap: anywhere;
    }

    /* The scrolling list; only rows near the viewport exist in the DOM. */
    .viewport {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      /* Without a height from the page, the list still scrolls inside one screen. */
      max-height: 100vh;
      overflow-x: hidden;
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    .canvas {
      position: relative;
    }
    .row-probe {
      position: absolute;
      visibility: hidden;
      inline-size: 0;
      block-size: var(--_item-height);
    }

    .item {
      position: absolute;
      inset-inline: 0;
      top: 0;
      height: var(--_item-height);
      overflow: hidden;
      background: var(--_surface-raised);
    }
    .face {
      --_swipe: 0px;
      position: relative;
      z-index: 1;
      display: flex;
      align-items: center;
      gap: 4px;
      height: 100%;
      padding-inline-end: 8px;
      background: var(--_surface);
      border-block-end: 1px solid var(--_border);
      transform: translateX(calc(-1 * var(--_swipe)));
      transition: transform 180ms ease-out;
      touch-action: pan-y;
      user-select: none;
      -webkit-user-select: none;
    }
    .face:dir(rtl) {
      transform: translateX(var(--_swipe));
    }
    .face.dragging {
      transition: none;
    }
    .item.offered .face {
      background: color-mix(in srgb, var(--_accent) 6%, var(--_surface));
    }
    .item:hover .face {
      background: var(--_surface-raised);
    }
    .item.selected .face {
      background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    }

    .select {
      flex: 1 1 auto;
      min-width: 0;
      height: 100%;
      display: flex;
      flex-direction: column;
      justify-content: center;
      gap: 4px;
      padding-block: 0;
      padding-inline: 16px 8px;
      border: 0;
      border-inline-start: 4px solid transparent;
      background: none;
      text-align: start;
    }
    .select[aria-current='true'] {
      border-inline-start-color: var(--_accent);
    }
    .select:focus-visible,
    .item button:focus-visible {
      outline-offset: -3px;
    }
    .line {
      display: flex;
      align-items: baseline;
      gap: 6px;
      width: 100%;
      min-width: 0;
    }
    .name,
    .preview,
    .offer {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    /* Names and previews take their own direction (dir=auto), so each truncates at its own end, but line up with the page. */
    .name,
    .preview {
      flex: 1 1 0;
      unicode-bidi: isolate;
    }
    .line:dir(ltr) > :is(.name, .preview) {
      text-align: left;
    }
    .line:dir(rtl) > :is(.name, .preview) {
      text-align: right;
    }
    .offer {
      flex: 0 1 auto;
    }
    .typing {
      font-style: italic;
    }
    .name {
      font-weight: 600;
    }
    .preview,
    .channel,
    .time {
      color: var(--_text-muted);
      font-size: 0.87em;
    }
    .time,
    .channel {
      flex: none;
    }
    .channel,
    .offer {
      font-weight: 600;
    }
    .offer {
      color: var(--_text);
      font-size: 0.87em;
    }
    .countdown {
      flex: none;
      font-variant-numeric: tabular-nums;
    }
    .badge {
      flex: none;
      min-width: 1.6em;
      padding: 0 0.45em;
      border-radius: 999px;
      background: var(--_accent);
      color: var(--_on-accent);
      font-size: 0.8em;
      font-weight: 700;
      line-height: 1.6;
      text-align: center;
    }

    .item-action {
      flex: none;
      padding: 0 14px;
      border-radius: 999px;
      border: 1px solid var(--_border);
      background: var(--_surface);
      font-weight: 600;
    }
    .item-action.primary {
      border-color: var(--_accent);
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .more-actions {
      flex: none;
      padding: 0;
      border: 0;
      border-radius: 999px;
      background: none;
      font-size: 1.3em;
      line-height: 1;
      opacity: 0;
    }
    .more-actions:hover {
      background: var(--_surface-raised);
    }
    .item:hover .more-actions,
    .item:focus-within .more-actions,
    .more-actions[aria-expanded='true'] {
      opacity: 1;
    }
    /* Touch-only screens cannot hover, and a narrow panel has no room to discover it: always show. */
    @media (hover: none) and (pointer: coarse) {
      .more-actions {
        opacity: 1;
      }
    }
    @container conv-list (max-width: 480px) {
      .more-actions {
        opacity: 1;
      }
      .item-action {
        padding: 0 8px;
        font-size: 0.87em;
      }
      .select {
        padding-inline: 12px 4px;
      }
      /* Offers wait minutes at most and come longest-waiting first: their room goes to the name. */
      .item.offered .time {
        display: none;
      }
      .tab {
        flex: 1 1 auto;
        gap: 4px;
        padding: 0 4px;
        font-size: 0.87em;
      }
    }

    /* The item's action menu (menu button pattern), shown in the top layer so no scroller clips it. */
    .menu {
      position: fixed;
      inset: auto;
      margin: 0;
      padding: 4px;
      min-width: 12rem;
      max-width: calc(100vw - 16px);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
    }
    .menu:popover-open {
      display: flex;
      flex-direction: column;
    }
    .menu button {
      padding: 0 12px;
      border: 0;
      border-radius: calc(var(--_radius) - 4px);
      background: none;
      text-align: start;
    }
    .menu button:hover,
    .menu button:focus {
      background: var(--_surface-raised);
    }
    .menu .end {
      color: var(--_danger);
    }

    @media (prefers-reduced-motion: reduce) {
      .face {
        transition: none;
      }
    }
  `,
];
