import { Toaster } from "@fluentui/react-components";
import { TOASTER_ID } from "./notify";

/** Where useNotify's toasts appear. Its own module so the shell can load it after first paint. */
export default function AppToaster() {
  return <Toaster toasterId={TOASTER_ID} position="bottom-end" />;
}
