/**
 * A web-test-runner command for real touch input, which @web/test-runner-commands does not offer:
 *
 *   await executeServerCommand('touch-drag', { from: [x, y], to: [x2, y2], steps: 6 });
 *
 * The finger goes down at `from`, moves in `steps` steps and lifts at `to`, through Chromium's own
 * touch input (puppeteer's touchscreen over the DevTools protocol), so the page gets the pointer
 * events a phone would send: pointerType "touch", touch-action honoured.
 */
export function touchPlugin() {
  return {
    name: 'conv-kit-touch',
    async executeCommand({ command, payload, session }) {
      if (command !== 'touch-drag') return undefined;
      const page = session.browser.getPage(session.id);
      const { from, to, steps = 6 } = payload;
      await page.touchscreen.touchStart(from[0], from[1]);
      for (let step = 1; step <= steps; step++) {
        await page.touchscreen.touchMove(
          from[0] + ((to[0] - from[0]) * step) / steps,
          from[1] + ((to[1] - from[1]) * step) / steps,
        );
      }
      await page.touchscreen.touchEnd();
      return true;
    },
  };
}
