/**
 * Copies text and says how it went: the clipboard is missing outside secure contexts (plain http
 * on another host) and a browser may refuse it (permissions, no user gesture), and either must
 * reach the operator rather than look like a copy that worked.
 */
export async function copyText(
  text: string,
  notify: { success(title: string, body?: string): void; error(title: string, e: unknown): void },
  what: string,
): Promise<void> {
  try {
    if (!navigator.clipboard)
      throw new Error(
        "This page cannot reach the clipboard (it needs https or localhost). Use Download instead.",
      );
    await navigator.clipboard.writeText(text);
    notify.success("Copied", what);
  } catch (e) {
    notify.error("Copy failed", e);
  }
}
