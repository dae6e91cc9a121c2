import { css } from 'lit';
import { themeStyles } from '../shared/theme.styles.js';

/** The Notifications button; the choices bring their own styles when they first open (notification-settings.styles.ts). */
export const convNotificationSettingsStyles = [
  themeStyles,
  css`
    :host {
      display: block;
    }
    .open {
      inline-size: 100%;
      padding: 0 16px;
      border: 0;
      background: none;
      text-align: start;
    }
  `,
];
