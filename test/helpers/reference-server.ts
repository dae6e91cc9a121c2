/**
 * A reference server of a test file's own (test/server-plugin.mjs starts it on a free port, with a fresh
 * database), and its demo controls: the customer's side of a conversation, as the demo's buttons use it.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export const AGENT_TOKEN = 'demo-token-agent-1';
export const COLLEAGUE_TOKEN = 'demo-token-agent-2';

export interface TestReferenceServer {
  /** Its address once the suite's `before` has run: `${url}/ws` for the WebSocket adapter. */
  readonly url: string;
  /** A demo control, acting for `token`'s agent: POST with a body, GET without. */
  control<T>(path: string, body?: unknown, token?: string): Promise<T>;
}

/** Starts the server before the tests of the calling suite (or file) and stops it after them. */
export function referenceServer(name: string): TestReferenceServer {
  let url = '';
  before(async () => {
    ({ url } = (await executeServerCommand('conv-server', { action: 'start', name })) as { url: string });
  });
  after(async () => {
    await executeServerCommand('conv-server', { action: 'stop', name });
  });
  return {
    get url() {
      return url;
    },
    async control<T>(path: string, body?: unknown, token = AGENT_TOKEN): Promise<T> {
      const response = await fetch(`${url}/demo/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<T>;
    },
  };
}
