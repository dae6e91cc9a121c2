import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// conv-kit's tags are custom elements, not Vue components.
const isCustomElement = (tag: string) => tag.startsWith('conv-') || tag === 'end-chat-dialog';

export default defineConfig({ plugins: [vue({ template: { compilerOptions: { isCustomElement } } })] });
