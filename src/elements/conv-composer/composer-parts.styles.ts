import { css } from 'lit';

/** The styles of the composer's parts that load on first use (the attachment tray, the location), with them. */
export const composerPartsStyles = css`
  .tray {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .attachment {
    display: flex;
    align-items: center;
    gap: 8px;
    max-width: 100%;
    padding-block: 4px;
    padding-inline: 4px 0;
    background: var(--_surface-raised);
    border-radius: var(--_radius);
  }
  .thumbnail {
    display: grid;
    place-items: center;
    flex: none;
    width: 48px;
    height: 48px;
    object-fit: cover;
    border-radius: calc(var(--_radius) - 4px);
    color: var(--_text-muted);
    background: var(--_surface);
  }
  .thumbnail canvas {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
    border-radius: inherit;
  }
  .details {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .name {
    max-width: 14rem;
    overflow-wrap: anywhere;
  }
  .meta {
    color: var(--_text-muted);
    font-size: 0.85em;
  }
  .location {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
    padding: 8px 12px;
    background: var(--_surface-raised);
    border-radius: var(--_radius);
  }
  .location p {
    display: flex;
    flex-direction: column;
    flex: 1 1 12rem;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .primary,
  .secondary {
    padding: 0 16px;
    border-radius: calc(var(--_target) / 2);
    border: 1px solid transparent;
  }
  .primary {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .secondary {
    background: transparent;
    border-color: var(--_border);
  }
`;
