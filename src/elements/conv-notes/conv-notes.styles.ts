import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const convNotesStyles = [
  themeStyles,
  css`
    :host {
      display: block;
      background: var(--_surface);
      color: var(--_text);
    }
    :host([hidden]) {
      display: none;
    }
    section {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding: 12px 16px;
    }
    [part='header'] h2 {
      margin: 0;
      font-size: 1.15em;
    }
    .hint {
      margin: 4px 0 0;
      color: var(--_text-muted);
      font-size: 0.9em;
    }
    [part='form'] {
      display: grid;
      grid-template-columns: 1fr auto;
      align-items: end;
      gap: 4px 8px;
    }
    [part='form'] label {
      grid-column: 1 / -1;
      font-weight: 600;
    }
    [part='input'] {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 10px 12px;
      min-block-size: var(--_target);
      max-block-size: 40vh;
      resize: none;
      overflow-y: auto;
      inline-size: 100%;
    }
    [part='input'][readonly] {
      color: var(--_text-muted);
    }
    [part='save'] {
      border: none;
      border-radius: var(--_radius);
      padding: 0 18px;
      background: var(--_accent);
      color: var(--_on-accent);
      font-weight: 600;
    }
    [part='save']:disabled,
    [part='save'][aria-disabled='true'] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    .error {
      grid-column: 1 / -1;
      margin: 0;
      color: var(--_danger);
    }
    .error:empty {
      display: none;
    }
    .status {
      margin: 0;
      color: var(--_text-muted);
    }
    .load-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin: 0;
      color: var(--_danger);
    }
    .load-error button {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface-raised);
      padding: 0 16px;
    }
    [part='list'] {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    [part='note'] {
      background: var(--_surface-raised);
      border-radius: var(--_radius);
      padding: 10px 12px;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      margin: 0 0 4px;
      font-size: 0.85em;
      color: var(--_text-muted);
    }
    .author {
      font-weight: 600;
      color: var(--_text);
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      /* Each line takes the direction of its own words: an Arabic note reads right-to-left in an English page. */
      unicode-bidi: plaintext;
    }
    .text a {
      color: var(--_accent);
    }
  `,
];
