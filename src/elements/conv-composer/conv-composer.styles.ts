import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const convComposerStyles = [
  themeStyles,
  css`
    :host {
      display: block;
      --_max-lines: var(--conv-composer-max-lines, 6);
      --_line-height: 1.4;
      --_input-padding-block: 10px;
    }
    [hidden] {
      display: none !important;
    }
    .composer {
      position: relative;
      display: flex;
      flex-direction: column;
      gap: 6px;
      padding: 8px;
      background: var(--_surface);
      border-block-start: 1px solid var(--_border);
    }
    .row {
      position: relative;
      display: flex;
      align-items: flex-end;
      gap: 4px;
    }
    .icon-button {
      display: inline-grid;
      place-items: center;
      flex: none;
      width: var(--_target);
      height: var(--_target);
      padding: 0;
      border: none;
      border-radius: 50%;
      background: transparent;
      color: var(--_text-muted);
    }
    .icon-button:hover:not(:disabled) {
      background: var(--_surface-raised);
      color: var(--_text);
    }
    .icon-button:disabled {
      cursor: not-allowed;
      opacity: 0.45;
    }
    .send {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    .send:hover:not(:disabled) {
      background: var(--_accent);
      color: var(--_on-accent);
      filter: brightness(1.1);
    }
    .send:disabled {
      background: var(--_surface-raised);
      color: var(--_text-muted);
    }
    /* The paper plane points along the reading direction. */
    :host(:dir(rtl)) .send svg {
      transform: scaleX(-1);
    }
    textarea {
      flex: 1;
      min-width: 0;
      min-height: var(--_target);
      max-height: calc(var(--_max-lines) * var(--_line-height) * 1em + 2 * var(--_input-padding-block) + 2px);
      field-sizing: content;
      resize: none;
      overflow-y: auto;
      margin: 0;
      padding: var(--_input-padding-block) 14px;
      font: inherit;
      line-height: var(--_line-height);
      color: var(--_text);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: calc(var(--_target) / 2);
      overflow-wrap: anywhere;
    }
    textarea::placeholder {
      color: var(--_text-muted);
      opacity: 1;
    }
    textarea:disabled {
      cursor: not-allowed;
      background: var(--_surface-raised);
    }
    textarea:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 0;
    }
    .add,
    .emoji {
      position: relative;
      flex: none;
    }
    .menu,
    .emoji-dialog {
      position: absolute;
      inset-block-end: calc(100% + 8px);
      z-index: 10;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
    }
    .menu {
      inset-inline-start: 0;
      display: flex;
      flex-direction: column;
      min-width: 12rem;
      padding: 4px;
    }
    .menu [role='menuitem'] {
      display: flex;
      align-items: center;
      gap: 12px;
      width: 100%;
      padding: 0 12px;
      border: none;
      border-radius: calc(var(--_radius) - 4px);
      background: transparent;
      text-align: start;
    }
    .menu [role='menuitem']:hover,
    .menu [role='menuitem']:focus {
      background: var(--_surface-raised);
    }
    .emoji-dialog {
      inset-inline-end: 0;
      overflow: hidden;
    }
    .emoji-dialog .unavailable {
      margin: 0;
      padding: 16px;
      max-inline-size: 280px;
    }
    .error,
    .notice,
    .hint {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--_danger);
    }
    .notice,
    .hint {
      color: var(--_text-muted);
      font-size: 0.9em;
    }
  `,
];
