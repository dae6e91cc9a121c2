/**
 * conv-kit's public API. Importing this module registers every element; import an element's own
 * module (`conv-kit/elements/conv-chat`) to register only that one. Backends live in their own
 * modules (`conv-kit/adapters/memory`, `conv-kit/adapters/websocket`), so a page ships only its own.
 */
import type { PhotoPreparer } from './core/ports.js';
import {
  createConversationStore as createCoreStore,
  type ConversationStore,
  type ConversationStoreOptions,
} from './core/store.js';

export * from './core/index.js';
export * from './browser/persistence.js';
export type { PreparePhotoOptions } from './browser/photo.js';
export * from './events/index.js';

/**
 * The store for a page with conv-kit's elements: as `conv-kit/core`'s, with the browser's photo
 * preparation (JPEG and PNG re-encoded, so no EXIF or GPS data leaves the device) unless
 * `options.preparePhoto` says otherwise.
 */
export function createConversationStore(options: ConversationStoreOptions): ConversationStore {
  return createCoreStore({ preparePhoto: preparePhotoOnFirstUse, ...options });
}

/** The re-encoder loads with the first photo an agent attaches (`conv-kit/photo` imports it directly). */
const preparePhotoOnFirstUse: PhotoPreparer = async (file) =>
  (await import('./browser/photo.js')).preparePhotoForUpload(file);
export { StoreController } from './controllers/store-controller.js';
export { storeContext } from './controllers/store-context.js';
export { defaultStrings, type ConvStrings, type FileRefusalFacts } from './elements/shared/strings.js';
export { LocalizeController, loadLocale, registerLocale } from './controllers/localize-controller.js';
export { ConvProvider } from './elements/conv-provider/conv-provider.js';
export { ConvList } from './elements/conv-list/conv-list.js';
export { ConvChat } from './elements/conv-chat/conv-chat.js';
export { ConvNotes } from './elements/conv-notes/conv-notes.js';
export { EndChatDialog } from './elements/end-chat-dialog/end-chat-dialog.js';
// `<conv-workspace>` registers with `conv-kit/elements/conv-workspace`, so pages that lay out the elements themselves never load it.
export type { ConvWorkspace, WorkspaceLayout, WorkspaceScreen } from './elements/conv-workspace/conv-workspace.js';
// `<conv-notification-settings>` registers with `conv-kit/elements/conv-notification-settings` (and with `<conv-workspace>`, which places it).
export type { ConvNotificationSettings } from './elements/conv-notification-settings/conv-notification-settings.js';
