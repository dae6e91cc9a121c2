import { css } from 'lit';

/**
 * The chat's action menu: adopted when the chat is first hovered or focused, or at the latest before the menu
 * first opens (MenuButtonController's `styles`).
 */
export const chatMenuStyles = css`
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
`;
