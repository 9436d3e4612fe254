import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  SpinButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { apiPaths, type PoolDetails, type ResizePoolRequest } from "@batch-studio/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../auth/AuthContext";
import { poolKeys } from "../api/keys";
import { useNotify } from "../components/notify";
import { suggestedResizeTimeout } from "./resizeTimeout";

const useStyles = makeStyles({ form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM } });

export function ResizePoolDialog({ account, pool, open, onClose }: { account: string; pool: PoolDetails; open: boolean; onClose(): void }) {
  const styles = useStyles();
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [dedicated, setDedicated] = useState(pool.targetDedicatedNodes);
  const [spot, setSpot] = useState(pool.targetSpotNodes);
  const [timeout, setTimeoutValue] = useState(pool.resizeTimeout ?? "PT15M");
  const suggested = suggestedResizeTimeout(dedicated + spot);

  const resize = useMutation({
    mutationFn: (body: ResizePoolRequest) => api.json(apiPaths.poolResize(account, pool.id), { method: "POST", body }),
    onSuccess: () => {
      notify.success("Resize started", `${pool.id} → ${dedicated} dedicated, ${spot} spot`);
      void queryClient.invalidateQueries({ queryKey: poolKeys.detail(account, pool.id) });
      onClose();
    },
    onError: (e) => notify.error("Resize failed", e),
  });

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Resize {pool.id}</DialogTitle>
          <DialogContent className={styles.form}>
            <Field label="Dedicated nodes">
              <SpinButton min={0} value={dedicated} onChange={(_, d) => setDedicated(Number(d.value ?? d.displayValue ?? 0) || 0)} />
            </Field>
            <Field label="Spot nodes">
              <SpinButton min={0} value={spot} onChange={(_, d) => setSpot(Number(d.value ?? d.displayValue ?? 0) || 0)} />
            </Field>
            <Field
              label="Resize timeout (ISO 8601)"
              hint={suggested ? `Batch advises at least ${suggested} for ${dedicated + spot} nodes (15 minutes per 1,000).` : undefined}
            >
              <Input value={timeout} onChange={(_, d) => setTimeoutValue(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              appearance="primary"
              disabled={resize.isPending}
              onClick={() => resize.mutate({ dedicated, spot, resizeTimeout: timeout || undefined })}
            >
              {resize.isPending ? "Resizing…" : "Resize"}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
