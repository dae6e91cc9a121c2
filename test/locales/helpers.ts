/** What the locale tests look at: the words on screen, through every shadow root, and whether they fit. */
import { expect, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';

/** Every node of the composed tree: light DOM, and each shadow root where it is attached. */
export function* composedNodes(root: Node): Generator<Node> {
  yield root;
  if (root instanceof Element && root.shadowRoot) yield* composedNodes(root.shadowRoot);
  for (const child of root.childNodes) yield* composedNodes(child);
}

/** Text a sighted agent sees: not in a hidden subtree, not in a screen-reader-only span, with a box of its own. */
export function visibleTextNodes(root: Node): Text[] {
  const shown: Text[] = [];
  for (const node of composedNodes(root)) {
    if (!(node instanceof Text) || !node.data.trim()) continue;
    const parent = node.parentElement;
    if (!parent || ['STYLE', 'SCRIPT', 'TEMPLATE', 'OPTION', 'SELECT'].includes(parent.tagName)) continue;
    if (!parent.checkVisibility({ checkVisibilityCSS: true, checkOpacity: true })) continue;
    if (parent.closest('.visually-hidden')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width > 0 && box.height > 0) shown.push(node);
  }
  return shown;
}

/** The names, placeholders and titles of what is on screen (what a screen reader or a tooltip says). */
export function visibleLabels(root: Node): Array<{ element: Element; label: string }> {
  const labels: Array<{ element: Element; label: string }> = [];
  for (const node of composedNodes(root)) {
    if (!(node instanceof HTMLElement) || !node.checkVisibility({ checkVisibilityCSS: true })) continue;
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const label = node.getAttribute(name);
      if (label?.trim()) labels.push({ element: node, label });
    }
  }
  return labels;
}

/** Elements that cut off what is inside them sideways (overflow other than visible), but not screen-reader-only boxes. */
function clipsSideways(element: Element): boolean {
  const style = getComputedStyle(element);
  if (style.overflowX === 'visible') return false;
  const box = element.getBoundingClientRect();
  return box.width > 2 && box.height > 2;
}

/**
 * Every visible text node lies wholly within the window and within each ancestor that would clip it
 * sideways; ellipsis (text-overflow) on the text's own element counts as clipped too.
 */
export function expectNothingClipped(
  root: Node,
  describe: (text: Text) => string = (text) => text.data,
  /** Which texts must show whole: the catalog's; a customer's long message may end in an ellipsis by design. */
  checked: (text: Text) => boolean = () => true,
): void {
  expect(document.documentElement.scrollWidth, 'the page scrolls sideways').to.be.at.most(window.innerWidth);
  for (const text of visibleTextNodes(root).filter(checked)) {
    const range = document.createRange();
    range.selectNodeContents(text);
    const box = range.getBoundingClientRect();
    expect(box.left, `“${describe(text)}” starts off screen`).to.be.at.least(-0.5);
    expect(box.right, `“${describe(text)}” ends off screen`).to.be.at.most(window.innerWidth + 0.5);
    const own = text.parentElement!;
    if (getComputedStyle(own).textOverflow === 'ellipsis' && clipsSideways(own))
      expect(own.scrollWidth, `“${describe(text)}” is cut off with an ellipsis`).to.be.at.most(own.clientWidth + 1);
    for (
      let node: Element | null = own;
      node;
      node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host ?? null
    ) {
      if (!clipsSideways(node)) continue;
      const clip = node.getBoundingClientRect();
      expect(
        box.left,
        `“${describe(text)}” is cut off at the start by ${node.localName}.${node.className}`,
      ).to.be.at.least(clip.left - 0.5);
      expect(
        box.right,
        `“${describe(text)}” is cut off at the end by ${node.localName}.${node.className}`,
      ).to.be.at.most(clip.right + 0.5);
    }
  }
}

/** All conv-kit elements under `root` (through shadow roots) have rendered. */
export async function settled(root: Node): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const elements = [...composedNodes(root)].filter(
      (node): node is LitElement =>
        (node instanceof Element && node.localName.startsWith('conv-')) ||
        (node instanceof Element && node.localName === 'end-chat-dialog'),
    ) as LitElement[];
    await Promise.all(elements.map((element) => element.updateComplete));
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Waits for `text` to appear anywhere in the composed tree of `root`. */
export async function untilShown(root: Node, text: string, message = `“${text}” was not shown`): Promise<void> {
  await waitUntil(() => visibleTextNodes(root).some((node) => node.data.includes(text)), message, { timeout: 5000 });
}

/** The visible words of `root`, joined, isolates removed. */
export const shownText = (root: Node) =>
  visibleTextNodes(root)
    .map((node) => node.data.replace(/[\u2066-\u2069]/g, '').trim())
    .join(' | ');
