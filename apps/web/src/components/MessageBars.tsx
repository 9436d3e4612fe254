import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { errorMessage } from "../auth/apiError";
import type { ErrorStateProps } from "./ErrorState";

/**
 * The message bars the first route shows only in some conditions: a failed load, the local
 * emulator's note (never against real Azure), and "reconnecting" while the backend is away. Fluent's MessageBar brings its motion code, so these
 * arrive on demand (see ErrorState.tsx and EmulatorNote.tsx) instead of with every page load.
 */
export function ErrorMessageBar({ what, error, onRetry }: ErrorStateProps) {
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Could not load {what}</MessageBarTitle>
        {errorMessage(error)}
      </MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>Retry</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function EmulatorMessageBar({ message }: { message: string }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>
        <b>Local emulator.</b> {message}
      </MessageBarBody>
    </MessageBar>
  );
}

export function ReconnectingMessageBar() {
  return (
    <MessageBar intent="warning" icon={<Spinner size="extra-tiny" aria-hidden />}>
      <MessageBarBody>
        <MessageBarTitle>Reconnecting…</MessageBarTitle>
        The portal's backend is not answering right now. This page carries on by itself when it is back.
      </MessageBarBody>
    </MessageBar>
  );
}
