import { Toaster } from "@fluentui/react-components";
import { useEffect } from "react";
import { TOASTER_ID, toasterIsMounted } from "./toaster";

/** Where useNotify's toasts appear (see toaster.ts for when it loads). */
export default function AppToaster() {
  // Effects run child first: the Toaster already listens when this one runs.
  useEffect(toasterIsMounted, []);
  return <Toaster toasterId={TOASTER_ID} position="bottom-end" />;
}
