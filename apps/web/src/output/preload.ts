/** The output viewer page's code: one import site, so `lazy` and the preload share the module. */
export const loadFileViewerPage = () => import("./FileViewerPage");

/**
 * Fetches the viewer's code while the browser is idle on a job or task page, so opening a task's
 * stdout waits only for the bytes (the chunk cost ~100 ms of the open on a loaded machine).
 */
export function preloadOutputViewer(): void {
  const whenIdle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 200));
  whenIdle(() => void loadFileViewerPage().catch(() => {}));
}
