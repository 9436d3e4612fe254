import { lazy, Suspense } from "react";
import { errorMessage } from "../auth/apiError";

export interface ErrorStateProps {
  what: string;
  error: unknown;
  onRetry?: () => void;
}

const ErrorMessageBar = lazy(() => import("./MessageBars").then((m) => ({ default: m.ErrorMessageBar })));

/**
 * A failed load: what failed, the BFF's message, and a retry. The message bar's code loads when
 * an error first happens; until it arrives (a few ms on a working connection) the same words show
 * as plain text, so nothing is hidden while it loads.
 */
export function ErrorState(props: ErrorStateProps) {
  return (
    <Suspense fallback={<p role="alert">{`Could not load ${props.what}: ${errorMessage(props.error)}`}</p>}>
      <ErrorMessageBar {...props} />
    </Suspense>
  );
}
