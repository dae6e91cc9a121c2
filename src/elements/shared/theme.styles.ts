import { css } from 'lit';

/** The dark palette: applied by `theme="dark"`, or by the system's dark mode unless `theme="light"`. */
const darkTokens = css`
  --_accent: var(--conv-accent, #8fb0ff);
  --_on-accent: var(--conv-on-accent, #0b1530);
  --_surface: var(--conv-surface, #15191f);
  --_surface-raised: var(--conv-surface-raised, #222831);
  --_text: var(--conv-text, #eef1f6);
  --_text-muted: var(--conv-text-muted, #aab3c2);
  --_border: var(--conv-border, #3a4250);
  --_danger: var(--conv-danger, #ff8a80);
  --_on-danger: var(--conv-on-danger, #2b0000);
  --_agent-bubble: var(--conv-agent-bubble, #3358b8);
  --_on-agent-bubble: var(--conv-on-agent-bubble, #ffffff);
  --_customer-bubble: var(--conv-customer-bubble, #2a313c);
  --_on-customer-bubble: var(--conv-on-customer-bubble, #eef1f6);
  color-scheme: dark;
`;

/**
 * Design tokens every element shares. Integrators override any `--conv-*` property from outside;
 * the `--_` properties are the resolved values used inside. Dark follows `prefers-color-scheme`
 * unless the element's `theme` attribute says otherwise.
 */
export const themeStyles = css`
  :host {
    --_accent: var(--conv-accent, #2557d6);
    --_on-accent: var(--conv-on-accent, #ffffff);
    --_surface: var(--conv-surface, #ffffff);
    --_surface-raised: var(--conv-surface-raised, #f3f5f9);
    --_text: var(--conv-text, #17202e);
    --_text-muted: var(--conv-text-muted, #556072);
    --_border: var(--conv-border, #d5dae3);
    --_danger: var(--conv-danger, #b42318);
    --_on-danger: var(--conv-on-danger, #ffffff);
    --_agent-bubble: var(--conv-agent-bubble, #2557d6);
    --_on-agent-bubble: var(--conv-on-agent-bubble, #ffffff);
    --_customer-bubble: var(--conv-customer-bubble, #eef1f6);
    --_on-customer-bubble: var(--conv-on-customer-bubble, #17202e);
    --_focus: var(--conv-focus-ring, #1a73e8);
    --_radius: var(--conv-radius, 12px);
    --_font: var(--conv-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--conv-font-size, 15px);
    --_target: var(--conv-touch-target, 44px);
    color-scheme: light;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_text);
    box-sizing: border-box;
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button {
    font: inherit;
    color: inherit;
    min-height: var(--_target);
    min-width: var(--_target);
    cursor: pointer;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
