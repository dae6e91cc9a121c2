/**
 * The time left on an offer, kept current by one timer for the whole page that runs once a second
 * only while some offer's time is on screen: an element that left the page, or whose offer has run
 * out, stops ticking. The ticking text is for the eye (aria-hidden where it is used), so nothing is
 * announced every second. A list taken off the page and put back ticks again with its next render.
 */
import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/** The words for a number of whole seconds left. */
export type TimeLeftWords = (seconds: number) => string;

const shown = new Map<Element, [at: number, words: TimeLeftWords]>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** `m:ss`: `0:42`, `1:00`. */
export const minutesAndSeconds = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${`${seconds % 60}`.padStart(2, '0')}`;

/** Shows the time left; false once there is none. */
const show = (element: Element, [at, words]: [number, TimeLeftWords]) => {
  const seconds = Math.max(0, Math.ceil((at - Date.now()) / 1000));
  element.textContent = words(seconds);
  return seconds > 0;
};

const tick = () => {
  timer = undefined;
  for (const [element, offer] of shown) if (!element.isConnected || !show(element, offer)) shown.delete(element);
  if (shown.size) timer = setTimeout(tick, 1000);
};

class OfferCountdown extends Directive {
  render(_at: number, _words: TimeLeftWords): unknown {
    return noChange;
  }

  override update(part: ElementPart, offer: [number, TimeLeftWords]): unknown {
    if (show(part.element, offer)) shown.set(part.element, offer);
    else shown.delete(part.element);
    if (shown.size) timer ??= setTimeout(tick, 1000);
    return noChange;
  }
}

/** On an element of its own: fills it with `words(seconds left until at)`, each second until `at`. */
export const offerCountdown = directive(OfferCountdown);
