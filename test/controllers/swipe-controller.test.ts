import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand, resetMouse, sendMouse } from '@web/test-runner-commands';
import { css, LitElement } from 'lit';
import { SwipeController } from '../../src/controllers/swipe-controller.js';
import { loadOnFirstUse } from '../../src/elements/shared/load-on-first-use.js';
import { styleProperties } from '../../src/elements/shared/style-properties.js';
import { center, clickCenter } from '../helpers/input.js';

/**
 * Three rows, 300 px wide: "long" reveals 120 px and swipes all the way, "short" reveals 60 px only,
 * "fixed" does not swipe. Each face holds a button, as a list item's does.
 */
class SwipeRows extends LitElement {
  static override styles = css`
    .row {
      width: 300px;
      height: 60px;
      overflow: hidden;
    }
    .face {
      height: 100%;
      touch-action: pan-y;
      user-select: none;
      transform: translateX(calc(-1 * var(--_swipe)));
    }
    .face:dir(rtl) {
      transform: translateX(var(--_swipe));
    }
    button {
      width: 100%;
      height: 100%;
    }
  `;
  readonly fullSwipes: string[] = [];
  readonly taps: string[] = [];
  readonly swipe = new SwipeController(this, {
    surfaceOf: (path) => {
      const face = path.find(
        (target): target is HTMLElement => target instanceof HTMLElement && target.classList.contains('face'),
      );
      return face ? { id: face.dataset.id!, face } : undefined;
    },
    limitsFor: (id) =>
      id === 'fixed' ? undefined : { revealWidth: id === 'long' ? 120 : 60, fullSwipe: id === 'long' },
    onFullSwipe: (id) => this.fullSwipes.push(id),
    keepsOpen: (state) => [this.row(state.id)],
  });

  row(id: string): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>(`.row[data-id="${id}"]`)!;
  }

  protected override render() {
    return html`${['long', 'short', 'fixed'].map(
        (id) =>
          html`<div class="row" data-id=${id}>
            <div
              class="face"
              data-id=${id}
              style=${styleProperties({ '--_swipe': `${this.swipe.stateOf(id)?.offset ?? 0}px` })}
            >
              <button @click=${() => this.taps.push(id)}>${id}</button>
            </div>
          </div>`,
      )}
      <p>Elsewhere</p>`;
  }
}
customElements.define('swipe-rows', SwipeRows);

async function renderRows(dir: 'ltr' | 'rtl' = 'ltr'): Promise<SwipeRows> {
  const wrapper = await fixture<HTMLElement>(html`<div dir=${dir}><swipe-rows></swipe-rows></div>`);
  const el = wrapper.querySelector<SwipeRows>('swipe-rows')!;
  await el.updateComplete;
  return el;
}

/** A mouse drag that starts 70 px in from the row's inline end and moves by `dx`, `dy`. */
async function drag(el: SwipeRows, id: string, dx: number, dy = 0): Promise<void> {
  const box = el.row(id).getBoundingClientRect();
  const rtl = el.row(id).matches(':dir(rtl)');
  const x = Math.round(rtl ? box.left + 70 : box.right - 70);
  const y = Math.round(box.y + box.height / 2);
  await sendMouse({ type: 'move', position: [x, y] });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [x + Math.round(dx / 2), y + Math.round(dy / 2)] });
  await sendMouse({ type: 'move', position: [x + dx, y + dy] });
  await sendMouse({ type: 'up' });
  await el.updateComplete;
}

/** The same with a finger, through Chromium's touch input. */
async function fingerDrag(el: SwipeRows, id: string, dx: number): Promise<void> {
  const box = el.row(id).getBoundingClientRect();
  const x = Math.round(box.right - 70);
  const y = Math.round(box.y + box.height / 2);
  await executeServerCommand('touch-drag', { from: [x, y], to: [x + dx, y] });
  await new Promise((resolve) => setTimeout(resolve, 0));
  await el.updateComplete;
}

describe('SwipeController', () => {
  // The drag loads with the first hover or press (the first-use chunk, ./swipe-drag.ts). The test runner serves it
  // module by module, far slower than a page's one chunk, so it is loaded before the first drag here.
  before(async () => {
    await loadOnFirstUse();
  });

  afterEach(async () => {
    await resetMouse();
  });

  it('leaves a half-swiped row open at the width of its actions', async () => {
    const el = await renderRows();
    await drag(el, 'long', -80);
    expect(el.swipe.state).to.deep.equal({ id: 'long', offset: 120, dragging: false, armed: false });
    expect(el.taps, 'the drag is no tap on the row').to.deep.equal([]);
  });

  it('lets a short drag fall back closed', async () => {
    const el = await renderRows();
    await drag(el, 'long', -40);
    expect(el.swipe.state).to.equal(undefined);
  });

  it('does the full-swipe action past 60% of the width, and closes', async () => {
    const el = await renderRows();
    await drag(el, 'long', -200);
    expect(el.fullSwipes).to.deep.equal(['long']);
    expect(el.swipe.state).to.equal(undefined);
  });

  it('stops at the actions of a row without a full swipe', async () => {
    const el = await renderRows();
    await drag(el, 'short', -200);
    expect(el.fullSwipes).to.deep.equal([]);
    expect(el.swipe.state).to.deep.include({ id: 'short', offset: 60 });
  });

  it('never moves a row that does not swipe: a drag across it stays a click', async () => {
    const el = await renderRows();
    await drag(el, 'fixed', -200);
    expect(el.swipe.state).to.equal(undefined);
    expect(el.taps).to.deep.equal(['fixed']);
  });

  it('leaves a vertical move to the page: no swipe, no tap', async () => {
    const el = await renderRows();
    await drag(el, 'long', -10, 40);
    expect(el.swipe.state).to.equal(undefined);
  });

  it('swipes toward the inline start right-to-left', async () => {
    const el = await renderRows('rtl');
    await drag(el, 'long', -80);
    expect(el.swipe.state, 'a swipe left does nothing right-to-left').to.equal(undefined);
    await drag(el, 'long', 80);
    expect(el.swipe.state).to.deep.include({ id: 'long', offset: 120 });
  });

  it('follows a finger: the button it touched first losing its capture is no cancel', async () => {
    const el = await renderRows();
    await fingerDrag(el, 'long', -80);
    expect(el.swipe.state).to.deep.include({ id: 'long', offset: 120 });
    await fingerDrag(el, 'short', -200);
    expect(el.swipe.state, 'swiping another row moves the open one').to.deep.include({ id: 'short', offset: 60 });
  });

  it('does the full-swipe action with a finger', async () => {
    const el = await renderRows();
    await fingerDrag(el, 'long', -220);
    expect(el.fullSwipes).to.deep.equal(['long']);
  });

  it('closes an open row when the agent presses elsewhere, not when pressing the row', async () => {
    const el = await renderRows();
    await drag(el, 'long', -80);
    await sendMouse({ type: 'click', position: center(el.row('long')) });
    await el.updateComplete;
    expect(el.swipe.state, 'pressing the open row keeps it open').to.deep.include({ id: 'long' });
    await clickCenter(el.shadowRoot!.querySelector('p')!);
    await el.updateComplete;
    expect(el.swipe.state).to.equal(undefined);
  });
});
