/**
 * Compiled by test/node/package.test.ts against the packed package and React 19's types, never run: the JSX an
 * integrator writes type-checks with `conv-kit/react` alone. Each `@ts-expect-error` must meet an error.
 */
import type {} from 'conv-kit/react';
import { createConversationStore, type ConvStrings } from 'conv-kit';
import { createMemoryAdapter } from 'conv-kit/adapters/memory';
import type { ConvWorkspace } from 'conv-kit/elements/conv-workspace';

const store = createConversationStore({ adapter: createMemoryAdapter() });
const strings: Partial<ConvStrings> = { endChat: 'Close chat' };
let workspace: ConvWorkspace | null = null;

export function Workspace() {
  return (
    <conv-provider store={store}>
      <conv-workspace
        strings={strings}
        ref={(element) => {
          workspace = element;
        }}
        theme="dark"
        screen="chat"
        browser-history
        onconv-select={(event) => event.detail.conversationId.toUpperCase()}
        onconv-chat-ended={(event) => console.log(event.detail.conversationId)}
        onconv-message-send={(event) => event.detail.clientId}
        onconv-note-added={(event) => event.detail.note.text}
        className="workspace"
        style={{ height: '100vh' }}
      />
    </conv-provider>
  );
}

export function Panes({ id }: { id: string }) {
  return (
    <>
      <conv-list tabs list="picklist" store={store} onconv-list-change={(event) => event.detail.list} />
      <conv-chat
        conversationId={id}
        emoji-data-url="/emoji-data.json"
        onconv-request-end={(event) => event.preventDefault()}
      />
      <conv-notes conversation-id={id} />
      <end-chat-dialog conversationId={id} open onconv-end-cancel={(event) => event.detail.conversationId} />
    </>
  );
}

export function Mistakes() {
  workspace?.showScreen('chat');
  return (
    <>
      {/* @ts-expect-error a list is conversations, picklist or history */}
      <conv-list list="archive" />
      {/* @ts-expect-error a selection carries no clientId */}
      <conv-list onconv-select={(event) => event.detail.clientId} />
      {/* @ts-expect-error theme is light or dark */}
      <conv-chat theme="blue" />
      {/* @ts-expect-error the store is an object, not a string */}
      <conv-notes store="store" />
      {/* @ts-expect-error internal elements are not for pages */}
      <conv-composer />
    </>
  );
}
