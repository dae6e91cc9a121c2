import type {} from 'conv-kit/vue';
import 'conv-kit';
import 'conv-kit/elements/conv-workspace';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
