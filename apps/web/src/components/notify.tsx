import { Toast, ToastBody, ToastTitle, useToastController } from "@fluentui/react-components";
import { useCallback, useEffect, type ReactNode } from "react";
import { errorMessage } from "../auth/apiError";
import { TOASTER_ID, toasterModule, toasterMounted } from "./toaster";

/** Toasts for actions: `notify.success("Pool created")`, `notify.error("Resize failed", e)`. */
export function useNotify() {
  const { dispatchToast: dispatchNow } = useToastController(TOASTER_ID);
  useEffect(() => {
    // A component that can toast is on screen: fetch the toaster before its first toast.
    toasterModule.load().catch(() => undefined);
  }, []);
  const dispatchToast = useCallback(
    (content: ReactNode, options: Parameters<typeof dispatchNow>[1]) => void toasterMounted.then(() => dispatchNow(content, options)),
    [dispatchNow],
  );
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
