import { screen, waitFor, within } from "@testing-library/react";

/**
 * A just-opened dialog, once its own buttons are accessible. Fluent's dialog opens in a portal
 * while the menu that opened it is still closing, and the modalizer moves aria-hidden between them
 * over a few ticks: a query right after the dialog first appears can find it but miss its buttons.
 */
export const findDialog = (name: string | RegExp): Promise<HTMLElement> =>
  waitFor(
    () => {
      const dialog = screen.getByRole("dialog", { name });
      within(dialog).getAllByRole("button");
      return dialog;
    },
    // A dialog is a lazy chunk behind Suspense: on a loaded two-core machine it can take seconds.
    { timeout: 5_000 },
  );
