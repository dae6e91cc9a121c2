import { html } from 'lit';
import type { MenuButtonController } from '../../controllers/menu-button-controller.js';
import type { PageStrings } from '../shared/strings.js';
import { cameraIcon, galleryIcon, locationIcon, plusIcon } from './composer-icons.js';

export type AddMenuItem = 'camera' | 'gallery' | 'location';
const ADD_MENU_ITEMS: readonly AddMenuItem[] = ['camera', 'gallery', 'location'];
const ITEM_ICONS: Record<AddMenuItem, typeof plusIcon> = {
  camera: cameraIcon,
  gallery: galleryIcon,
  location: locationIcon,
};

export interface AddMenuOptions {
  text: PageStrings;
  menu: MenuButtonController;
  disabled: boolean;
  choose(item: AddMenuItem): void;
}

/** The plus button and its Camera / Gallery / Location menu (a WAI-ARIA menu button). */
export function addMenu({ text, menu, disabled, choose }: AddMenuOptions) {
  return html`<div class="add">
    <button
      type="button"
      id="add-button"
      class="icon-button"
      part="add"
      aria-label=${text.addAttachment}
      aria-haspopup="menu"
      aria-expanded=${menu.isOpen ? 'true' : 'false'}
      aria-controls="add-menu"
      ?disabled=${disabled}
      @click=${() => menu.toggle()}
      @keydown=${(event: KeyboardEvent) => menu.onOpenerKeydown(event)}
    >
      ${plusIcon}
    </button>
    <div
      id="add-menu"
      class="menu"
      part="menu"
      role="menu"
      aria-labelledby="add-button"
      ?hidden=${!menu.isOpen}
      @keydown=${menu.onMenuKeydown}
    >
      ${ADD_MENU_ITEMS.map((item) => html`<button type="button" role="menuitem" tabindex="-1" @click=${() => menu.choose(() => choose(item))}>${ITEM_ICONS[item]}<span>${text[item]}</span></button>`)}
    </div>
  </div>`;
}
