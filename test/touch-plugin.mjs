/**
 * Web-test-runner commands for real touch input, which @web/test-runner-commands does not offer:
 *
 *   await executeServerCommand('touch-drag', { from: [x, y], to: [x2, y2], steps: 6 });
 *
 * The finger goes down at `from`, moves in `steps` steps and lifts at `to`, through Chromium's own
 * touch input (puppeteer's touchscreen over the DevTools protocol), so the page gets the pointer
 * events a phone would send: pointerType "touch", touch-action honoured.
 *
 * To look at the page while the finger is still down, the same gesture in parts:
 *
 *   await executeServerCommand('touch-down', { at: [x, y] });
 *   await executeServerCommand('touch-move', { to: [x, y2], steps: 6 });
 *   await executeServerCommand('touch-up');
 */
export function touchPlugin() {
  /** Where each session's finger is, so touch-move starts from there. */
  const fingers = new Map();

  async function move(page, sessionId, to, steps) {
    const from = fingers.get(sessionId);
    for (let step = 1; step <= steps; step++) {
      await page.touchscreen.touchMove(
        from[0] + ((to[0] - from[0]) * step) / steps,
        from[1] + ((to[1] - from[1]) * step) / steps,
      );
    }
    fingers.set(sessionId, to);
  }

  return {
    name: 'conv-kit-touch',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('touch-')) return undefined;
      const page = session.browser.getPage(session.id);
      switch (command) {
        case 'touch-drag': {
          const { from, to, steps = 6 } = payload;
          await page.touchscreen.touchStart(from[0], from[1]);
          fingers.set(session.id, from);
          await move(page, session.id, to, steps);
          await page.touchscreen.touchEnd();
          fingers.delete(session.id);
          return true;
        }
        case 'touch-down':
          await page.touchscreen.touchStart(payload.at[0], payload.at[1]);
          fingers.set(session.id, payload.at);
          return true;
        case 'touch-move':
          if (!fingers.has(session.id)) throw new Error('touch-move without touch-down');
          await move(page, session.id, payload.to, payload.steps ?? 6);
          return true;
        case 'touch-up':
          await page.touchscreen.touchEnd();
          fingers.delete(session.id);
          return true;
        default:
          return undefined;
      }
    },
  };
}
