import { lazy, Suspense } from "react";

const EmulatorMessageBar = lazy(() => import("./MessageBars").then((m) => ({ default: m.EmulatorMessageBar })));

/** The local emulator's note above every page; its code loads only when the BFF reports an emulator. */
export function EmulatorNote({ message }: { message: string }) {
  return (
    <Suspense fallback={null}>
      <EmulatorMessageBar message={message} />
    </Suspense>
  );
}
