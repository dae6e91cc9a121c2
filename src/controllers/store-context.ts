import { createContext } from '@lit/context';
import type { ConversationStore } from '../core/store.js';

/** The context key through which <conv-provider> hands its store to every element inside it. */
export const storeContext = createContext<ConversationStore | undefined>(Symbol.for('conv-kit.store'));
