import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const convChatStyles = [
  themeStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      block-size: 100%;
      min-block-size: 0;
      min-inline-size: 0;
      background: var(--_surface);
      color: var(--_text);
      line-height: 1.4;
    }
    [hidden] {
      display: none !important;
    }
    .empty {
      margin: auto;
      padding: 24px;
      color: var(--_text-muted);
      text-align: center;
    }
    header {
      display: flex;
      align-items: center;
      gap: 4px;
      flex: none;
      min-block-size: 56px;
      padding-block: 4px;
      padding-inline: 8px;
      border-block-end: 1px solid var(--_border);
      background: var(--_surface-raised);
    }
    .heading {
      flex: 1 1 auto;
      min-inline-size: 0;
      padding-inline: 8px;
    }
    h2 {
      margin: 0;
      font-size: 17px;
      line-height: 22px;
      font-weight: 650;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .channel {
      display: block;
      color: var(--_text-muted);
      font-size: 13px;
      line-height: 18px;
    }
    .menu-anchor {
      position: relative;
      flex: none;
    }
    .menu-button {
      display: grid;
      place-items: center;
      padding: 0;
      border: 0;
      border-radius: 50%;
      background: transparent;
    }
    .menu-button:hover,
    .menu-button[aria-expanded='true'] {
      background: color-mix(in srgb, var(--_text) 10%, transparent);
    }
    .menu-button svg {
      inline-size: 24px;
      block-size: 24px;
    }
    .menu {
      position: absolute;
      z-index: 2;
      inset-block-start: calc(100% + 4px);
      inset-inline-end: 0;
      display: flex;
      flex-direction: column;
      min-inline-size: 200px;
      max-inline-size: calc(100vw - 16px);
      padding-block: 4px;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.18);
    }
    [role='menuitem'] {
      padding-block: 0;
      padding-inline: 16px;
      border: 0;
      background: transparent;
      text-align: start;
      white-space: nowrap;
    }
    [role='menuitem']:hover,
    [role='menuitem']:focus-visible {
      background: color-mix(in srgb, var(--_accent) 14%, transparent);
    }
    [role='menuitem']:focus-visible {
      outline-offset: -3px;
    }
    [role='menuitem'].danger {
      color: var(--_danger);
    }
    conv-message-list {
      flex: 1 1 0;
      min-block-size: 0;
    }
    .history {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 4px;
      padding-block: 12px;
      padding-inline: 16px;
      color: var(--_text-muted);
      font-size: 14px;
      /* Whole pixels: the list keeps what the agent reads in place to the pixel when this changes. */
      line-height: 20px;
      text-align: center;
    }
    .history:empty {
      padding: 0;
    }
    .history p {
      margin: 0;
    }
    .history-button {
      padding-inline: 16px;
      border: 1px solid var(--_border);
      border-radius: 999px;
      background: var(--_surface);
      color: var(--_accent);
      font-weight: 600;
    }
    .history-button[aria-disabled='true'] {
      cursor: progress;
      opacity: 0.7;
    }
    conv-composer {
      flex: none;
      border-block-start: 1px solid var(--_border);
    }
  `,
];
