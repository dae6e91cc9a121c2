import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

/** Nine emoji to a row: the nine category tabs fit above them, and every emoji is a full touch target. */
export const convEmojiPickerStyles = [
  themeStyles,
  css`
    :host {
      display: block;
      /* Each platform's colour emoji font before any text font that also has emoji glyphs. */
      --_emoji-font:
        'Twemoji Mozilla', 'Apple Color Emoji', 'Segoe UI Emoji', 'Noto Color Emoji', 'EmojiOne Color', 'Android Emoji',
        sans-serif;
    }
    [hidden] {
      display: none !important;
    }
    .picker {
      display: flex;
      flex-direction: column;
      inline-size: min(calc(9 * var(--_target) + 2rem), calc(100vw - 1rem));
      block-size: min(24rem, 70vh);
      background: var(--_surface);
      color: var(--_text);
    }
    .search-row {
      display: flex;
      gap: 0.5rem;
      padding: 0.5rem;
    }
    input,
    select {
      min-block-size: var(--_target);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: inherit;
      font: inherit;
    }
    input {
      flex: 1;
      min-inline-size: 0;
      padding-inline: 0.75rem;
    }
    select {
      flex: none;
      max-inline-size: 9rem;
      padding-inline: 0.5rem;
      font-family: var(--_font), var(--_emoji-font);
    }
    [role='tablist'] {
      display: flex;
      flex: none;
      overflow-x: auto;
      scrollbar-width: none;
      padding-inline: 0.5rem;
      border-block-end: 1px solid var(--_border);
    }
    [role='tab'] {
      flex: none;
      inline-size: var(--_target);
      padding: 0;
      border: 0;
      border-block-end: 3px solid transparent;
      background: none;
      font-family: var(--_emoji-font);
      font-size: 1.25rem;
      line-height: 1;
    }
    [role='tab'][aria-selected='true'] {
      border-block-end-color: var(--_accent);
    }
    [role='tab']:focus-visible,
    .grid button:focus-visible {
      outline-offset: -3px;
    }
    .panel {
      display: flex;
      flex: 1;
      flex-direction: column;
      min-block-size: 0;
      padding: 0.25rem 0.5rem 0.5rem;
    }
    .caption,
    .status {
      margin: 0;
      color: var(--_text-muted);
      overflow-wrap: anywhere;
    }
    .caption {
      padding-block: 0.25rem;
      font-size: 0.875em;
    }
    .status {
      padding: 1rem 0.25rem;
    }
    .status[role='alert'] {
      color: var(--_text);
    }
    .grid {
      flex: 1;
      min-block-size: 0;
      overflow-y: auto;
      scrollbar-gutter: stable;
    }
    [role='row'] {
      display: flex;
      /* Rows out of view skip rendering: a category of several hundred emoji opens at once. */
      content-visibility: auto;
      contain-intrinsic-block-size: auto var(--_target);
    }
    [role='gridcell'] {
      flex: none;
    }
    .grid button {
      inline-size: var(--_target);
      block-size: var(--_target);
      padding: 0;
      border: 0;
      border-radius: 8px;
      background: none;
      font-family: var(--_emoji-font);
      font-size: 1.5rem;
      line-height: 1;
    }
    .grid button:hover {
      background: var(--_surface-raised);
    }
    .unavailable {
      margin: 0;
      padding: 1rem;
      max-inline-size: 22rem;
      overflow-wrap: anywhere;
    }
  `,
];
