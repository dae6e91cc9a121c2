import { css } from 'lit';

/**
 * The item menu's styles: adopted when the list is first hovered or focused, or at the latest before the menu
 * first opens (MenuButtonController's `styles`).
 */
export const itemMenuStyles = css`
  /* The item's action menu (menu button pattern), shown in the top layer so no scroller clips it. */
  .menu {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 4px;
    min-width: 12rem;
    max-width: calc(100vw - 16px);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
  }
  .menu:popover-open {
    display: flex;
    flex-direction: column;
  }
  .menu button {
    padding: 0 12px;
    border: 0;
    border-radius: calc(var(--_radius) - 4px);
    background: none;
    text-align: start;
  }
  .menu button:hover,
  .menu button:focus {
    background: var(--_surface-raised);
  }
  .menu .end {
    color: var(--_danger);
  }
`;
