import { useEffect } from 'react';
import { createConversationStore } from 'conv-kit';
import { createMemoryAdapter } from 'conv-kit/adapters/memory';

const adapter = createMemoryAdapter();
const store = createConversationStore({ adapter });

export function App() {
  useEffect(() => {
    void store.connect().then(() => adapter.backend.queueConversation()); // a customer waits in the Picklist
  }, []);
  return (
    <conv-workspace
      store={store}
      onconv-chat-ended={(event) => console.info('ended', event.detail.conversationId)}
      style={{ height: '100vh' }}
    />
  );
}
