import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';
import { px } from './conv-message.metrics.js';

// Heights are whole pixels from conv-message.metrics.ts, which the message list also takes its row estimate from.
export const messageViewStyles = [
  themeStyles,
  css`
    :host {
      display: block;
      padding-block: ${px('rowPaddingBlock')};
      padding-inline: 12px;
      line-height: ${px('textLineHeight')};
    }
    .message {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: ${px('messageGap')};
    }
    .message[data-author='agent'] {
      align-items: flex-end;
    }
    .message[data-author='system'] {
      align-items: center;
    }
    .bubble {
      display: flex;
      flex-direction: column;
      gap: ${px('bubbleGap')};
      max-inline-size: min(85%, 560px);
      min-inline-size: 0;
      padding-block: ${px('bubblePaddingBlock')};
      padding-inline: 12px;
      border-radius: var(--_radius);
      border-end-start-radius: 4px;
      background: var(--_customer-bubble);
      color: var(--_on-customer-bubble);
    }
    [data-author='agent'] .bubble {
      border-end-start-radius: var(--_radius);
      border-end-end-radius: 4px;
      background: var(--_agent-bubble);
      color: var(--_on-agent-bubble);
    }
    [data-author='system'] .bubble {
      border-radius: var(--_radius);
      background: transparent;
      color: var(--_text-muted);
      border: 1px solid var(--_border);
      text-align: center;
      font-size: 13px;
      line-height: ${px('smallLineHeight')};
      padding-block: ${px('systemPaddingBlock')};
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0 8px;
      font-size: 13px;
      line-height: ${px('smallLineHeight')};
      opacity: 0.85;
    }
    .author {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    a {
      color: inherit;
      text-decoration: underline;
      text-underline-offset: 2px;
    }
    .thumbnail {
      display: block;
      align-self: flex-start;
      padding: 0;
      border: 0;
      border-radius: calc(var(--_radius) - 4px);
      overflow: hidden;
      background: var(--_surface-raised);
      max-inline-size: 100%;
      min-height: 0;
      min-width: 0;
      line-height: 0;
    }
    .thumbnail conv-picture {
      display: block;
      max-inline-size: 100%;
      block-size: auto;
    }
    .file {
      overflow-wrap: anywhere;
    }
    .location {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: ${px('locationPadding')};
      border-radius: calc(var(--_radius) - 4px);
      background: color-mix(in srgb, currentColor 10%, transparent);
    }
    .location-text {
      display: flex;
      flex-direction: column;
      min-inline-size: 0;
    }
    .location-label {
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .coordinates {
      align-self: flex-start;
      font-variant-numeric: tabular-nums;
    }
    .location a {
      display: inline-flex;
      align-items: center;
      min-block-size: var(--_target);
    }
    .icon {
      inline-size: 18px;
      block-size: 18px;
      flex: none;
    }
    .delivery-row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: flex-end;
      gap: 4px 8px;
      font-size: 13px;
      line-height: ${px('smallLineHeight')};
      color: var(--_text-muted);
    }
    .delivery {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .delivery[data-status='read'] {
      color: var(--_accent);
    }
    .delivery[data-status='failed'] {
      color: var(--_danger);
      font-weight: 600;
    }
    .action {
      padding-block: 0;
      padding-inline: 12px;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
      font-size: 14px;
    }
    progress {
      inline-size: 96px;
      accent-color: var(--_accent);
    }
    @media (forced-colors: active) {
      .bubble {
        border: 1px solid CanvasText;
      }
    }
  `,
];
