/** The agent's standard responses (optional `adapter.listStandardResponses`): loaded once, checked, kept. */
import type { StandardResponse } from '../model.js';
import type { StoreContext } from './context.js';

export function createResponses(context: StoreContext) {
  let loading: Promise<readonly StandardResponse[]> | undefined;
  const load = async () => {
    const { adapter } = context;
    if (!adapter.listStandardResponses) return [];
    const answer = context.check(
      'list',
      await context.call(adapter.listStandardResponses()),
      'listStandardResponses',
      undefined,
      true,
    )!;
    return Object.freeze(context.checkAll('standardResponse', answer, 'listStandardResponses'));
  };
  /** A failed load is tried again on the next call. */
  return () =>
    (loading ??= load().catch((raw) => {
      loading = undefined;
      throw context.fail('listStandardResponses', raw);
    }));
}
