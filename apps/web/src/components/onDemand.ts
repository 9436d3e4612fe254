import { useCallback, useSyncExternalStore } from "react";

/**
 * A module that is fetched the first time someone asks for it, for UI that only appears on
 * interaction (menus, listboxes, tooltips). The first route then ships only the part that is on
 * screen (a trigger drawn with the same Fluent styles) and the popup code arrives while the pointer
 * is on its way or the key is going down: triggers call `load` on pointerenter and focus.
 */
export interface OnDemand<T> {
  /** Starts the import once; later calls share it. A failed import is forgotten, so the next call retries. */
  load(): Promise<T>;
  /** The module once it has arrived. */
  current(): T | undefined;
  subscribe(onLoaded: () => void): () => void;
}

export function onDemand<T>(importer: () => Promise<T>): OnDemand<T> {
  let loaded: T | undefined;
  let pending: Promise<T> | undefined;
  const listeners = new Set<() => void>();
  return {
    load() {
      pending ??= importer().then(
        (module) => {
          loaded = module;
          for (const listener of listeners) listener();
          return module;
        },
        (error: unknown) => {
          pending = undefined;
          throw error;
        },
      );
      return pending;
    },
    current: () => loaded,
    subscribe(onLoaded) {
      listeners.add(onLoaded);
      return () => listeners.delete(onLoaded);
    },
  };
}

/**
 * The module (undefined until it has arrived) and a `request` to call from event handlers.
 * A failed request leaves the light trigger in place; the next interaction tries again.
 */
export function useOnDemand<T>(module: OnDemand<T>): [T | undefined, () => void] {
  const current = useSyncExternalStore(module.subscribe, module.current, module.current);
  const request = useCallback(() => {
    module.load().catch(() => undefined);
  }, [module]);
  return [current, request];
}
