import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { MenuButtonController } from '../../src/controllers/menu-button-controller.js';
import { clickCenter, focused } from '../helpers/input.js';

/** The smallest menu button: Fruit opens Apple, Banana, Cherry; a text box follows it. */
class FruitMenu extends LitElement {
  readonly chosen: string[] = [];
  readonly menu = new MenuButtonController(this, {
    menu: () => this.renderRoot.querySelector<HTMLElement>('[role="menu"]'),
    opener: () => this.renderRoot.querySelector<HTMLElement>('#opener'),
  });

  protected override render() {
    const menu = this.menu;
    return html`
      <button
        id="opener"
        aria-haspopup="menu"
        aria-expanded=${menu.isOpen ? 'true' : 'false'}
        aria-controls="fruit"
        @click=${() => menu.toggle()}
        @keydown=${(event: KeyboardEvent) => menu.onOpenerKeydown(event)}
      >
        Fruit
      </button>
      <div id="fruit" role="menu" aria-label="Fruit" ?hidden=${!menu.isOpen} @keydown=${menu.onMenuKeydown}>
        ${['Apple', 'Banana', 'Cherry'].map((fruit) => html`<button role="menuitem" tabindex="-1" @click=${() => menu.choose(() => this.chosen.push(fruit))}>${fruit}</button>`)}
      </div>
      <input id="next" aria-label="Next" />
    `;
  }
}
customElements.define('fruit-menu', FruitMenu);

async function renderMenu(): Promise<FruitMenu> {
  return fixture<FruitMenu>(html`<fruit-menu></fruit-menu>`);
}

const opener = (el: FruitMenu) => el.shadowRoot!.querySelector<HTMLButtonElement>('#opener')!;
const menuElement = (el: FruitMenu) => el.shadowRoot!.querySelector<HTMLElement>('[role="menu"]')!;
const focusedText = () => focused()?.textContent?.trim();

async function press(el: FruitMenu, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

/** Counts the capturing pointerdown listeners the page gets and loses while `run` runs. */
async function countPageListeners(run: () => Promise<void>): Promise<{ added: number; removed: number }> {
  const counts = { added: 0, removed: 0 };
  const { addEventListener, removeEventListener } = document;
  document.addEventListener = function (
    this: Document,
    type: string,
    ...rest: [EventListenerOrEventListenerObject, (boolean | AddEventListenerOptions)?]
  ) {
    if (type === 'pointerdown') counts.added++;
    return addEventListener.call(this, type, ...rest);
  } as typeof document.addEventListener;
  document.removeEventListener = function (
    this: Document,
    type: string,
    ...rest: [EventListenerOrEventListenerObject, (boolean | EventListenerOptions)?]
  ) {
    if (type === 'pointerdown') counts.removed++;
    return removeEventListener.call(this, type, ...rest);
  } as typeof document.removeEventListener;
  try {
    await run();
  } finally {
    document.addEventListener = addEventListener;
    document.removeEventListener = removeEventListener;
  }
  return counts;
}

describe('MenuButtonController', () => {
  it('opens on the first item with ArrowDown and says it is expanded', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowDown');
    expect(menuElement(el).hidden).to.equal(false);
    expect(opener(el).getAttribute('aria-expanded')).to.equal('true');
    expect(focusedText()).to.equal('Apple');
    await expect(el).to.be.accessible();
  });

  it('opens on the last item with ArrowUp', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowUp');
    expect(focusedText()).to.equal('Cherry');
  });

  it('opens on the first item with Enter and with Space', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'Enter');
    expect(focusedText()).to.equal('Apple');
    await press(el, 'Escape');
    await press(el, 'Space');
    expect(focusedText()).to.equal('Apple');
  });

  it('moves with the arrow keys, wrapping at both ends, and jumps with Home and End', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowDown');
    await press(el, 'ArrowUp');
    expect(focusedText(), 'up from the first wraps to the last').to.equal('Cherry');
    await press(el, 'ArrowDown');
    expect(focusedText(), 'down from the last wraps to the first').to.equal('Apple');
    await press(el, 'End');
    expect(focusedText()).to.equal('Cherry');
    await press(el, 'Home');
    expect(focusedText()).to.equal('Apple');
  });

  it('moves to the next item starting with a typed letter', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowDown');
    await press(el, 'c');
    expect(focusedText()).to.equal('Cherry');
    await press(el, 'a');
    expect(focusedText(), 'the search goes on from the focused item and wraps').to.equal('Apple');
    await press(el, 'x');
    expect(focusedText(), 'a letter nothing starts with changes nothing').to.equal('Apple');
  });

  it('closes with Escape and gives focus back to the button', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowDown');
    await press(el, 'Escape');
    expect(menuElement(el).hidden).to.equal(true);
    expect(opener(el).getAttribute('aria-expanded')).to.equal('false');
    expect(focused()).to.equal(opener(el));
  });

  it('closes with Tab and lets focus move on past the button', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowDown');
    await press(el, 'Tab');
    expect(menuElement(el).hidden).to.equal(true);
    expect(focused()).to.equal(el.shadowRoot!.querySelector('#next'));
  });

  it('runs the chosen item, closes, and gives focus back to the button', async () => {
    const el = await renderMenu();
    opener(el).focus();
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    expect(el.chosen).to.deep.equal(['Banana']);
    expect(menuElement(el).hidden).to.equal(true);
    expect(focused()).to.equal(opener(el));
  });

  it('chooses with a click, and a second click on the button closes the menu again', async () => {
    const el = await renderMenu();
    await clickCenter(opener(el));
    await el.updateComplete;
    expect(focusedText()).to.equal('Apple');
    await clickCenter(opener(el));
    await el.updateComplete;
    expect(menuElement(el).hidden, 'pressing its own button is no press outside').to.equal(true);
    await clickCenter(opener(el));
    await el.updateComplete;
    await clickCenter(menuElement(el).querySelectorAll('[role="menuitem"]')[2]!);
    await el.updateComplete;
    expect(el.chosen).to.deep.equal(['Cherry']);
  });

  it('closes when the agent presses outside, listening to the page only while it is open', async () => {
    const el = await renderMenu();
    const counts = await countPageListeners(async () => {
      opener(el).focus();
      await press(el, 'ArrowDown');
      await clickCenter(el.shadowRoot!.querySelector('#next')!);
      await el.updateComplete;
    });
    expect(menuElement(el).hidden).to.equal(true);
    expect(el.chosen).to.deep.equal([]);
    expect(counts).to.deep.equal({ added: 1, removed: 1 });
  });

  it('shares one page listener between menus open at the same time', async () => {
    const wrapper = await fixture<HTMLElement>(html`<div><fruit-menu></fruit-menu><fruit-menu></fruit-menu></div>`);
    const [first, second] = [...wrapper.querySelectorAll<FruitMenu>('fruit-menu')];
    const counts = await countPageListeners(async () => {
      first!.menu.open('first');
      second!.menu.open('first');
      await Promise.all([first!.updateComplete, second!.updateComplete]);
      first!.menu.close({ returnFocus: false });
      second!.menu.close({ returnFocus: false });
    });
    expect(counts).to.deep.equal({ added: 1, removed: 1 });
  });

  it('stops listening when its element leaves the page with the menu open', async () => {
    const el = await renderMenu();
    const counts = await countPageListeners(async () => {
      opener(el).focus();
      await press(el, 'ArrowDown');
      el.remove();
    });
    expect(counts).to.deep.equal({ added: 1, removed: 1 });
  });
});
