/**
 * Web-test-runner commands for what an agent does outside the page, through the browser itself (puppeteer
 * over Chromium's DevTools protocol):
 *
 *   await executeServerCommand('notification-permission', { setting: 'granted' });  // or 'denied', or 'prompt'
 *   await executeServerCommand('page-hidden', { hidden: true });                      // another tab in front
 *
 * A permission is answered for the test page's origin as the agent would in the browser's prompt or site
 * settings (`prompt` asks again; headless Chromium answers that prompt itself by refusing). The page is
 * hidden for real: another tab opens in front of it, so `document.visibilityState` is `hidden` and
 * `visibilitychange` fires, and it shows again when that tab closes.
 */
export function permissionsPlugin() {
  /** The tab in front of each hidden test page. */
  const inFront = new Map();

  return {
    name: 'conv-kit-permissions',
    async executeCommand({ command, payload, session }) {
      if (command !== 'notification-permission' && command !== 'page-hidden') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'notification-permission') {
        const context = page.browserContext();
        await context.clearPermissionOverrides();
        if (payload.setting !== 'prompt')
          // Anything not listed is denied.
          await context.overridePermissions(
            new URL(page.url()).origin,
            payload.setting === 'granted' ? ['notifications'] : [],
          );
        return true;
      }
      if (payload.hidden && !inFront.has(session.id)) {
        const other = await page.browserContext().newPage();
        inFront.set(session.id, other);
        await other.bringToFront();
      } else if (!payload.hidden && inFront.has(session.id)) {
        await inFront.get(session.id).close();
        inFront.delete(session.id);
        await page.bringToFront();
      }
      return true;
    },
  };
}
