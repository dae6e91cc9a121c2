import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const endChatDialogStyles = [
  themeStyles,
  css`
    :host {
      display: contents;
    }
    [part='dialog'] {
      box-sizing: border-box;
      inline-size: min(28rem, calc(100vw - 32px));
      max-block-size: calc(100vh - 32px);
      padding: 20px;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font-family: var(--_font);
      font-size: var(--_font-size);
      box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    }
    [part='dialog']::backdrop {
      background: rgb(10 14 22 / 0.5);
    }
    [part='title'] {
      margin: 0 0 8px;
      font-size: 1.2em;
      overflow-wrap: anywhere;
    }
    .explanation {
      margin: 0 0 16px;
      color: var(--_text-muted);
    }
    .error {
      margin: 0 0 16px;
      color: var(--_danger);
    }
    .error:empty {
      display: none;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: 8px;
    }
    .actions button {
      border-radius: var(--_radius);
      padding: 0 18px;
      font-weight: 600;
    }
    [part='cancel'] {
      border: 1px solid var(--_border);
      background: var(--_surface-raised);
    }
    [part='confirm'] {
      border: none;
      background: var(--_danger);
      color: var(--_on-danger);
    }
    [aria-disabled='true'] {
      opacity: 0.6;
      cursor: progress;
    }
  `,
];
