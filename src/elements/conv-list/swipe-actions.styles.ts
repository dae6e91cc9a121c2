import { css } from 'lit';

/** What a half swipe reveals behind a list item; adopted by <conv-list> once the swipe's drag has loaded. */
export const swipeActionsStyles = css`
  .swipe-actions {
    position: absolute;
    inset-block: 0;
    inset-inline-end: 0;
    display: flex;
  }
  .swipe-actions button {
    flex: 1 0 var(--_action-width);
    border: 0;
    border-radius: 0;
    padding: 0 8px;
    font-weight: 600;
  }
  .swipe-more {
    background: var(--_surface-raised);
    color: var(--_text);
  }
  .swipe-end {
    background: var(--_danger);
    color: var(--_on-danger);
  }
  /* Past the full-swipe point End chat takes the whole row: letting go now asks to end the chat. */
  .swipe-actions.armed .swipe-more {
    flex-grow: 0;
  }
`;
