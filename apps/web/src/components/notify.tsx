import { Toast, ToastBody, ToastTitle, useToastController } from "@fluentui/react-components";
import { useCallback } from "react";
import { errorMessage } from "../auth/apiError";

export const TOASTER_ID = "app-toaster";

/** Toasts for actions: `notify.success("Pool created")`, `notify.error("Resize failed", e)`. */
export function useNotify() {
  const { dispatchToast } = useToastController(TOASTER_ID);
  const success = useCallback(
    (title: string, body?: string) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          {body && <ToastBody>{body}</ToastBody>}
        </Toast>,
        { intent: "success" },
      ),
    [dispatchToast],
  );
  const error = useCallback(
    (title: string, e: unknown) =>
      dispatchToast(
        <Toast>
          <ToastTitle>{title}</ToastTitle>
          <ToastBody>{errorMessage(e)}</ToastBody>
        </Toast>,
        { intent: "error", timeout: 10_000 },
      ),
    [dispatchToast],
  );
  return { success, error };
}
