/** The benchmark page's clock and stage: paint times, waiting for frames, counting what an element put in the page. */
import type { ConversationStore, StoreTopic } from '../src/core/store.js';

/** The element every view is placed in. */
export const stage = document.getElementById('stage')!;

/** Resolves in the second animation frame from now, with its time. */
const twoFrames = () =>
  new Promise<number>((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))),
  );

/** Resolves once the next frame has been painted: in a task queued from that frame's animation callbacks. */
export const afterNextPaint = () =>
  new Promise<void>((resolve) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    }),
  );

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Lets every follow-up (measurements, corrections, image decoding) finish before the next step. */
export async function settle(): Promise<void> {
  for (let frame = 0; frame < 10; frame++) await afterNextPaint();
  await pause(150);
}

/** Milliseconds from the start `change` reports to the second frame after it. */
export async function paintAfter(change: () => number | Promise<number>): Promise<number> {
  const started = await change();
  return (await twoFrames()) - started;
}

/** The moment the store next announces `topic` (and `when` holds): the data has changed then. */
export function nextChange(
  store: ConversationStore,
  topic: StoreTopic,
  when: () => boolean = () => true,
): Promise<number> {
  return new Promise((resolve) => {
    const off = store.on(topic, () => {
      if (!when()) return;
      off();
      resolve(performance.now());
    });
  });
}

export function countNodes(root: Node): { nodes: number; elements: number } {
  let nodes = 0;
  let elements = 0;
  const visit = (node: Node) => {
    nodes++;
    if (node instanceof Element) {
      elements++;
      if (node.shadowRoot) node.shadowRoot.childNodes.forEach(visit);
    }
    node.childNodes.forEach(visit);
  };
  visit(root);
  return { nodes, elements };
}

export function panel(): HTMLDivElement {
  const element = document.createElement('div');
  element.className = 'panel';
  stage.append(element);
  return element;
}
