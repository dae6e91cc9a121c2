import { css } from 'lit';

/** The choices under the Notifications button: adopted when they first open (notification-settings-view.ts). */
export const notificationSettingsStyles = css`
  .panel {
    display: grid;
    gap: 8px;
    padding: 8px 16px 12px;
    background: var(--_surface-raised);
  }
  .switch {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 12px;
    inline-size: 100%;
    padding: 0;
    border: 0;
    background: none;
    text-align: start;
  }
  .switch::after {
    content: '';
    flex: none;
    inline-size: 40px;
    block-size: 24px;
    border-radius: 12px;
    /* The knob: at the start when off, at the end when on (mirrored right to left). */
    background: radial-gradient(circle at 12px 50%, var(--_surface) 8px, transparent 9px) var(--_border);
  }
  .switch[aria-checked='true']::after {
    background: radial-gradient(circle at 28px 50%, var(--_on-accent) 8px, transparent 9px) var(--_accent);
  }
  :host(:dir(rtl)) .switch::after {
    transform: scaleX(-1);
  }
  .reason {
    margin: 0;
    color: var(--_text-muted);
    font-size: 0.875em;
  }
  .reason:empty {
    display: none;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0 0 4px;
  }
  label {
    display: flex;
    align-items: center;
    gap: 8px;
    min-block-size: var(--_target);
  }
  input {
    margin: 0;
    inline-size: 20px;
    block-size: 20px;
    accent-color: var(--_accent);
  }
`;
