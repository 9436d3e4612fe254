import { screen, waitFor, within } from "@testing-library/react";

/**
 * A just-opened dialog, once its own buttons are accessible. Fluent's dialog opens in a portal
 * while the menu that opened it is still closing, and the modalizer moves aria-hidden between them
 * over a few ticks: a query right after the dialog first appears can find it but miss its buttons.
 */
/** How long a dialog (a lazy chunk behind Suspense, with Fluent's modalizer settling) may take on a loaded two-core machine. */
const DIALOG_TIMEOUT_MS = 5_000;

export const findDialog = (name: string | RegExp): Promise<HTMLElement> =>
  waitFor(
    () => {
      const dialog = screen.getByRole("dialog", { name });
      within(dialog).getAllByRole("button");
      return dialog;
    },
    { timeout: DIALOG_TIMEOUT_MS },
  );

/** One of a just-opened dialog's buttons, once the modalizer lets it be found (see findDialog). */
export const findButtonIn = (dialog: HTMLElement, name: string | RegExp): Promise<HTMLElement> =>
  within(dialog).findByRole("button", { name }, { timeout: DIALOG_TIMEOUT_MS });
