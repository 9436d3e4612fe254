import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import type { ReactNode } from "react";

/**
 * "Are you sure?" for one action: the title names it, the content says what will happen, the
 * confirm button repeats the verb. Rendered only while it is open (its parent mounts it on demand).
 */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  /** Set while the choice in the content is incomplete. */
  disabled?: boolean;
  onConfirm(): void;
  onClose(): void;
}) {
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.children}</DialogContent>
          <DialogActions>
            <Button onClick={props.onClose}>Cancel</Button>
            <Button appearance="primary" disabled={props.disabled || props.pending} onClick={props.onConfirm}>
              {props.pending ? `${props.confirmLabel}…` : props.confirmLabel}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
