import { onDemand } from "./onDemand";

export const TOASTER_ID = "app-toaster";

/**
 * Toasts only follow actions, and no action is on the first route, so the toaster (~6 KB gzip)
 * is fetched by the first component that can toast (useNotify preloads it on mount) and the shell
 * mounts it when it arrives. A toast waits for `toasterMounted`: Fluent's toaster drops toasts
 * dispatched before it listens.
 */
export const toasterModule = onDemand(() => import("./AppToaster"));

let markMounted: () => void = () => undefined;
export const toasterMounted = new Promise<void>((resolve) => {
  markMounted = resolve;
});

/** Called by AppToaster once its Toaster listens. */
export const toasterIsMounted = () => markMounted();
