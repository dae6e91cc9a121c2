import { css } from 'lit';

/**
 * The + menu (Camera, Gallery, Location): adopted when the composer is first hovered or focused, or at the latest
 * before the menu first opens (MenuButtonController's `styles`). It opens above the button, as the emoji dialog.
 */
export const addMenuStyles = css`
  .menu {
    position: absolute;
    inset-block-end: calc(100% + 8px);
    inset-inline-start: 0;
    z-index: 10;
    display: flex;
    flex-direction: column;
    min-width: 12rem;
    padding: 4px;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
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
`;
