export type OnFirstUse = typeof import('./on-first-use.js');

let loading: Promise<OnFirstUse> | undefined;

/** The chunk of what no first paint shows (./on-first-use.ts), loaded once; a failed load is tried again on the next call. */
export function loadOnFirstUse(): Promise<OnFirstUse> {
  loading ??= import('./on-first-use.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
