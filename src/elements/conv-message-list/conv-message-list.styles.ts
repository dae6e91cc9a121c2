import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const messageListStyles = [
  themeStyles,
  css`
    :host {
      position: relative;
      display: flex;
      flex-direction: column;
      min-block-size: 0;
      background: var(--_surface);
    }
    .scroller {
      flex: 1 1 0;
      min-block-size: 0;
      overflow-y: auto;
      overflow-x: hidden;
      /* The list keeps the anchor itself; the browser's own anchoring would correct twice. */
      overflow-anchor: none;
      overscroll-behavior-y: contain;
      position: relative;
    }
    .scroller:focus-visible {
      outline-offset: -3px;
    }
    .content {
      display: flex;
      flex-direction: column;
      /* A short conversation sits at the bottom, next to the composer, as chats do. */
      justify-content: flex-end;
      min-block-size: 100%;
    }
    .before,
    .after {
      flex: none;
    }
    .rows {
      flex: none;
      margin: 0;
      padding: 0;
    }
    .row {
      display: flow-root;
    }
    .separator {
      display: flex;
      align-items: center;
      gap: 12px;
      min-block-size: 45px;
      padding-inline: 16px;
      color: var(--_text-muted);
      font-size: 13px;
      line-height: 18px;
      font-weight: 600;
    }
    .separator::before,
    .separator::after {
      content: '';
      flex: 1 1 0;
      border-block-start: 1px solid var(--_border);
    }
    .separator span {
      flex: 0 1 auto;
      text-align: center;
      overflow-wrap: anywhere;
    }
    .new-messages {
      position: absolute;
      inset-block-end: 12px;
      inset-inline-start: 50%;
      translate: -50% 0;
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding-inline: 16px;
      border: 0;
      border-radius: 999px;
      background: var(--_accent);
      color: var(--_on-accent);
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
      font-weight: 600;
    }
    /* The pull indicator slides in from under the top edge, never over what is above the list. */
    .pull-area {
      position: absolute;
      inset-block-start: 0;
      inset-inline: 0;
      block-size: 120px;
      overflow: hidden;
      pointer-events: none;
    }
    .pull {
      display: flex;
      align-items: center;
      gap: 8px;
      inline-size: max-content;
      max-inline-size: calc(100% - 32px);
      margin-inline: auto;
      padding: 8px 16px;
      border-radius: 999px;
      background: var(--_surface-raised);
      color: var(--_text);
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
      font-weight: 600;
      translate: 0 calc(var(--_pull, 0px) - 100%);
      visibility: hidden;
      transition:
        translate 150ms ease-out,
        visibility 0s 150ms;
    }
    .pull[data-state] {
      visibility: visible;
      /* Follows the finger with no lag. */
      transition: none;
    }
    .pull .icon {
      flex: none;
      transition: rotate 150ms;
    }
    .pull[data-state='armed'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .pull[data-state='armed'] .icon {
      rotate: 180deg;
    }
    @media (prefers-reduced-motion: reduce) {
      .pull,
      .pull .icon {
        transition: none;
      }
    }
    :host(:dir(rtl)) .new-messages {
      translate: 50% 0;
    }
    .icon {
      inline-size: 18px;
      block-size: 18px;
    }
  `,
];
