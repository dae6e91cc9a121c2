import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

export const convWorkspaceStyles = [
  themeStyles,
  css`
    :host {
      --_list-width: var(--conv-workspace-list-width, 22rem);
      --_notes-width: var(--conv-workspace-notes-width, 20rem);
      position: relative;
      display: grid;
      grid-template-columns: minmax(16rem, var(--_list-width)) minmax(0, 1fr);
      grid-template-rows: minmax(0, 1fr);
      /* Fills the screen when pasted into a page; a parent with a height of its own bounds it. */
      block-size: 100dvh;
      max-block-size: 100%;
      min-block-size: 0;
      overflow: hidden;
      background: var(--_surface);
      color: var(--_text);
    }
    :host([layout='wide'][notes-open][conversation-id]) {
      grid-template-columns: minmax(16rem, var(--_list-width)) minmax(0, 1fr) minmax(16rem, var(--_notes-width));
    }
    :host([layout='narrow']) {
      grid-template-columns: minmax(0, 1fr);
    }
    [hidden] {
      display: none !important;
    }
    .pane {
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
      min-block-size: 0;
      overflow: hidden;
      background: var(--_surface);
    }
    .pane ::slotted(*),
    .pane > slot > * {
      flex: 1 1 auto;
      min-block-size: 0;
    }
    slot {
      display: contents;
    }
    .list-pane {
      border-inline-end: 1px solid var(--_border);
    }
    .list-pane > slot[name='settings'] > *,
    .list-pane ::slotted([slot='settings']) {
      flex: none;
      border-block-start: 1px solid var(--_border);
    }
    :host([layout='narrow']) .list-pane {
      border-inline-end: none;
    }
    .notes-pane {
      border-inline-start: 1px solid var(--_border);
    }
    /* Medium: the notes are a sheet over the chat, at its inline end. */
    :host([layout='medium']) .notes-pane {
      position: absolute;
      inset-block: 0;
      inset-inline-end: 0;
      z-index: 2;
      inline-size: min(var(--_notes-width), 85%);
      box-shadow: 0 0 24px rgb(0 0 0 / 0.2);
    }
    :host([layout='narrow']) .notes-pane {
      border-inline-start: none;
    }
    .notes-bar {
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
    .notes-customer {
      flex: 1 1 auto;
      min-inline-size: 0;
      margin: 0;
      padding-inline: 8px;
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .icon-button {
      display: inline-grid;
      place-items: center;
      flex: none;
      padding: 0;
      border: none;
      border-radius: var(--_radius);
      background: transparent;
    }
    .icon-button:hover {
      background: var(--_border);
    }
    .icon-button svg {
      inline-size: 24px;
      block-size: 24px;
      fill: currentColor;
    }
    :host(:dir(rtl)) [part='back'] svg {
      transform: scaleX(-1);
    }
  `,
];
