/** Real input helpers every element test shares. */
import { sendMouse } from '@web/test-runner-commands';
import { deepActiveElement } from '../../src/elements/shared/focus.js';

/** The focused element, looked up inside shadow roots. */
export const focused = deepActiveElement;

export function center(target: Element): [number, number] {
  const box = target.getBoundingClientRect();
  return [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)];
}

/** A real mouse click in the middle of the element. */
export async function clickCenter(target: Element): Promise<void> {
  await sendMouse({ type: 'click', position: center(target) });
}
