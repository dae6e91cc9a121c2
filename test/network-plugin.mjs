/**
 * A web-test-runner command that takes the network away from some of the page's requests, as a dropped
 * connection would, through Chromium's own request interception (the DevTools protocol's Fetch domain):
 *
 *   await executeServerCommand('network-refuse', { urlPattern: '*on-first-use*' });
 *   await executeServerCommand('network-restore');
 *
 * Requests matching the pattern fail with net::ERR_INTERNET_DISCONNECTED until restored.
 */
export function networkPlugin() {
  const sessions = new Map();

  return {
    name: 'conv-kit-network',
    async executeCommand({ command, payload, session }) {
      if (command !== 'network-refuse' && command !== 'network-restore') return undefined;
      const page = session.browser.getPage(session.id);
      const client = sessions.get(session.id) ?? (await page.createCDPSession());
      sessions.set(session.id, client);
      if (command === 'network-restore') {
        await client.send('Fetch.disable');
        return true;
      }
      client.removeAllListeners('Fetch.requestPaused');
      client.on('Fetch.requestPaused', ({ requestId }) =>
        client.send('Fetch.failRequest', { requestId, errorReason: 'InternetDisconnected' }).catch(() => undefined),
      );
      await client.send('Fetch.enable', { patterns: [{ urlPattern: payload.urlPattern }] });
      return true;
    },
  };
}
