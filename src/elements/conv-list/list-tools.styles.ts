import { css } from 'lit';

/** The search field, its status and the sort menu: adopted when they first open (list-tools-view.ts). */
export const listToolsStyles = css`
  .search-bar {
    display: flex;
    flex: 1 1 auto;
    gap: 4px;
    padding: 6px 8px;
  }
  .search-input {
    flex: 1 1 auto;
    min-width: 0;
    min-height: var(--_target);
    padding: 0 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  .search-status {
    margin: 0;
    padding: 4px 16px;
    color: var(--_text-muted);
    font-size: 0.875em;
  }
  .search-status:empty {
    display: none;
  }
  .search-status > span::before {
    content: ' · ';
  }
  .search-problem {
    color: var(--_danger);
  }
  .more-results {
    margin: 0 16px 6px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-raised);
  }
  mark {
    background: color-mix(in srgb, var(--_accent) 25%, transparent);
    color: inherit;
    border-radius: 2px;
  }
  .sort-menu button[aria-checked='true'] {
    font-weight: 600;
  }
  .sort-menu button[aria-checked='true']::before {
    content: '✓ ';
  }
`;
