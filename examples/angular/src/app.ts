import { Component, CUSTOM_ELEMENTS_SCHEMA } from '@angular/core';
import 'conv-kit';
import 'conv-kit/elements/conv-workspace';
import { createConversationStore, type ConvEventMap } from 'conv-kit';
import { createMemoryAdapter } from 'conv-kit/adapters/memory';

const adapter = createMemoryAdapter();

@Component({
  selector: 'app-root',
  // conv-kit's tags are custom elements: Angular sets [store] as a property and listens to (conv-…) events.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<conv-workspace [store]="store" (conv-chat-ended)="ended($event)" style="height: 100vh" />`,
})
export class App {
  readonly store = createConversationStore({ adapter });

  constructor() {
    void this.store.connect().then(() => adapter.backend.queueConversation()); // a customer waits in the Picklist
  }

  ended(event: Event): void {
    console.info('ended', (event as ConvEventMap['conv-chat-ended']).detail.conversationId);
  }
}
