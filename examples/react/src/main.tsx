import type {} from 'conv-kit/react';
import 'conv-kit';
import 'conv-kit/elements/conv-workspace';
import { createRoot } from 'react-dom/client';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
