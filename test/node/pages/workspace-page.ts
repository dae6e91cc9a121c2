// What a page built on <conv-workspace> imports: conv-kit for the store, and the workspace element.
export * from '../../../src/index.js';
import '../../../src/elements/conv-workspace/conv-workspace.js';
