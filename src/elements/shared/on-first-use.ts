/**
 * What no first paint shows, in one chunk that loads the first time an agent needs any of it: the emoji
 * picker, the location being shared, the attachments waiting to be sent, the End chat confirmation, a photo full size,
 * the drag of a swipe or of a pull for earlier history.
 *
 * One chunk on purpose. A bundler gives every lazily loaded module its own chunk and moves the code it
 * shares with the page (lit, the strings, the base element) into yet another file loaded with the page;
 * each such split costs the page compressed bytes of its own. Behind one entry the page keeps two files,
 * whatever is added here. Import it only through `loadOnFirstUse()`.
 */
export { ConvEmojiPicker } from '../conv-emoji-picker/conv-emoji-picker.js';
export { LocationController, locationPanel } from '../conv-composer/location-panel.js';
export { attachmentTray } from '../conv-composer/attachment-tray.js';
export { PendingAttachments } from '../conv-composer/pending-attachments.js';
export { composerPartsStyles } from '../conv-composer/composer-parts.styles.js';
export { EndChatDialogView } from '../end-chat-dialog/end-chat-dialog-view.js';
export { lightbox, lightboxStyles } from '../conv-message/lightbox.js';
export { adoptMoreStyles } from './adopt-more-styles.js';
export { ListToolsViewImpl } from '../conv-list/list-tools-view.js';
export { StandardResponsesPopup } from '../conv-composer/standard-responses-popup.js';
export { NotificationSettingsViewImpl } from '../conv-notification-settings/notification-settings-view.js';
export { SwipeDrag } from '../../controllers/swipe-drag.js';
export { renderSwipeActions } from '../conv-list/swipe-actions.js';
export { swipeActionsStyles } from '../conv-list/swipe-actions.styles.js';
export { PullDrag } from '../conv-message-list/pull-drag.js';
