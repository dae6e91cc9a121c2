import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, nothing } from 'lit';
import { RovingFocusController, type RovingLayout } from '../../src/controllers/roving-focus-controller.js';
import { focused } from '../helpers/input.js';

/** Eight buttons, one Tab stop, moved by the controller in the layout it is given. */
class RovingGroup extends LitElement {
  static override properties = { active: { state: true } };
  declare active: number;
  readonly roving: RovingFocusController;

  constructor(readonly layout: RovingLayout = { kind: 'row' }) {
    super();
    this.active = 0;
    this.roving = new RovingFocusController(this, {
      layout,
      count: () => 8,
      currentIndex: (event) => this.buttons().indexOf(event.target as HTMLButtonElement),
      activate: (index) => (this.active = index),
      element: (index) => this.buttons()[index],
    });
  }

  buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll('button')];
  }

  protected override render() {
    const grid = this.layout.kind === 'grid';
    // Three columns, as the grid layout says.
    const styles = grid
      ? html`<style>
          div {
            display: grid;
            grid-template-columns: repeat(3, 3rem);
          }
        </style>`
      : nothing;
    return html`${styles}
      <div role="toolbar" aria-label="Numbers" @keydown=${this.roving.onKeydown}>
        ${[0, 1, 2, 3, 4, 5, 6, 7].map((index) => html`<button tabindex=${index === this.active ? 0 : -1}>${index}</button>`)}
      </div>`;
  }
}
customElements.define('roving-group', RovingGroup);

async function renderGroup(layout: RovingLayout, dir: 'ltr' | 'rtl' = 'ltr'): Promise<RovingGroup> {
  const wrapper = await fixture<HTMLElement>(html`<div dir=${dir}>${new RovingGroup(layout)}</div>`);
  const el = wrapper.querySelector<RovingGroup>('roving-group')!;
  await el.updateComplete;
  return el;
}

const focusedNumber = () => Number(focused()?.textContent);

async function press(el: RovingGroup, key: string, modifier?: 'Control'): Promise<void> {
  if (modifier) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  if (modifier) await sendKeys({ up: modifier });
  await el.updateComplete;
}

describe('RovingFocusController', () => {
  it('gives the group a single Tab stop that follows focus', async () => {
    const el = await renderGroup({ kind: 'row' });
    el.buttons()[0]!.focus();
    await press(el, 'ArrowRight');
    expect(focusedNumber()).to.equal(1);
    expect(el.buttons().filter((button) => button.tabIndex === 0)).to.deep.equal([el.buttons()[1]]);
  });

  it('moves along a row with Left and Right, wrapping, and jumps with Home and End', async () => {
    const el = await renderGroup({ kind: 'row' });
    el.buttons()[0]!.focus();
    await press(el, 'ArrowLeft');
    expect(focusedNumber(), 'left from the first wraps to the last').to.equal(7);
    await press(el, 'ArrowRight');
    expect(focusedNumber()).to.equal(0);
    await press(el, 'End');
    expect(focusedNumber()).to.equal(7);
    await press(el, 'Home');
    expect(focusedNumber()).to.equal(0);
    await press(el, 'ArrowDown');
    expect(focusedNumber(), 'a row ignores Up and Down').to.equal(0);
  });

  it('mirrors Left and Right in a right-to-left page', async () => {
    const el = await renderGroup({ kind: 'row' }, 'rtl');
    el.buttons()[0]!.focus();
    await press(el, 'ArrowLeft');
    expect(focusedNumber()).to.equal(1);
    await press(el, 'ArrowRight');
    expect(focusedNumber()).to.equal(0);
  });

  it('moves down a column with Up and Down, pages, and stops at the ends', async () => {
    const el = await renderGroup({ kind: 'column', pageSize: () => 3 });
    el.buttons()[0]!.focus();
    await press(el, 'ArrowUp');
    expect(focusedNumber(), 'no wrapping in a list').to.equal(0);
    await press(el, 'ArrowDown');
    expect(focusedNumber()).to.equal(1);
    await press(el, 'PageDown');
    expect(focusedNumber()).to.equal(4);
    await press(el, 'PageDown');
    expect(focusedNumber(), 'a page down near the end stops at the last').to.equal(7);
    await press(el, 'ArrowDown');
    expect(focusedNumber()).to.equal(7);
    await press(el, 'PageUp');
    expect(focusedNumber()).to.equal(4);
    await press(el, 'Home');
    expect(focusedNumber()).to.equal(0);
    await press(el, 'End');
    expect(focusedNumber()).to.equal(7);
  });

  it('moves through a grid by rows and columns, Home and End within the row, Ctrl for the first and last', async () => {
    // 0 1 2
    // 3 4 5
    // 6 7
    const el = await renderGroup({ kind: 'grid', columns: () => 3, pageRows: () => 1 });
    el.buttons()[1]!.focus();
    await press(el, 'ArrowDown');
    expect(focusedNumber()).to.equal(4);
    await press(el, 'ArrowRight');
    expect(focusedNumber()).to.equal(5);
    await press(el, 'ArrowDown');
    expect(focusedNumber(), 'below the short last row, the last item').to.equal(7);
    await press(el, 'ArrowDown');
    expect(focusedNumber(), 'the bottom row stays').to.equal(7);
    await press(el, 'Home');
    expect(focusedNumber()).to.equal(6);
    await press(el, 'ArrowUp');
    expect(focusedNumber()).to.equal(3);
    await press(el, 'End');
    expect(focusedNumber()).to.equal(5);
    await press(el, 'PageUp');
    expect(focusedNumber()).to.equal(2);
    await press(el, 'End', 'Control');
    expect(focusedNumber()).to.equal(7);
    await press(el, 'Home', 'Control');
    expect(focusedNumber()).to.equal(0);
  });

  it('leaves other keys to its element', async () => {
    const el = await renderGroup({ kind: 'column', pageSize: () => 3 });
    el.buttons()[2]!.focus();
    let seen = 0;
    el.shadowRoot!.querySelector('div')!.addEventListener('keydown', (event) => {
      if (!event.defaultPrevented) seen++;
    });
    await press(el, 'a');
    await press(el, 'ArrowDown');
    expect(seen, 'only the letter came through unhandled').to.equal(1);
    expect(focusedNumber()).to.equal(3);
  });
});
