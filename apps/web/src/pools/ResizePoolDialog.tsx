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
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  SpinButton,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { apiPaths, type PoolDetails, type ResizePoolRequest } from "@batch-studio/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useApi } from "../auth/AuthContext";
import { useAccounts, usePools, useVmSizes } from "../api/hooks";
import { poolKeys } from "../api/keys";
import { useNotify } from "../components/notify";
import { resizeQuotaShortfalls, timeoutFix, timeoutProblem, type QuotaShortfall } from "./resizeAdvice";

/**
 * Quota shortfalls of the new counts, once the account's quotas, its pools and the region's VM
 * sizes have loaded (until then, or if one fails, the dialog simply has no quota advice). Batch
 * account quotas do not apply to user-subscription accounts: their limits are the subscription's.
 */
function useQuotaShortfalls(
  account: string,
  poolId: string,
  target: { dedicated: number; spot: number },
): QuotaShortfall[] {
  const accounts = useAccounts();
  const pools = usePools(account);
  const sizes = useVmSizes(account);
  const summary = accounts.data?.subscriptions.flatMap((s) => s.accounts).find((a) => a.id === account);
  if (
    !summary ||
    !pools.data ||
    !sizes.data ||
    summary.poolAllocationMode?.toLowerCase() === "usersubscription"
  )
    return [];
  return resizeQuotaShortfalls(summary.quotas, pools.data.items, sizes.data.items, poolId, target);
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  fix: { alignSelf: "flex-start" },
});

export function ResizePoolDialog({
  account,
  pool,
  open,
  onClose,
}: {
  account: string;
  pool: PoolDetails;
  open: boolean;
  onClose(): void;
}) {
  const styles = useStyles();
  const api = useApi();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [dedicated, setDedicated] = useState(pool.targetDedicatedNodes);
  const [spot, setSpot] = useState(pool.targetSpotNodes);
  const [timeout, setTimeoutValue] = useState(pool.resizeTimeout ?? "PT15M");
  const timeoutError = timeoutProblem(timeout);
  const suggested = timeoutError ? undefined : timeoutFix(timeout, dedicated + spot);
  const shortfalls = useQuotaShortfalls(account, pool.id, { dedicated, spot });

  const resize = useMutation({
    mutationFn: (body: ResizePoolRequest) =>
      api.json(apiPaths.poolResize(account, pool.id), { method: "POST", body }),
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
              <SpinButton
                min={0}
                value={dedicated}
                onChange={(_, d) => setDedicated(Number(d.value ?? d.displayValue ?? 0) || 0)}
              />
            </Field>
            <Field label="Spot nodes">
              <SpinButton
                min={0}
                value={spot}
                onChange={(_, d) => setSpot(Number(d.value ?? d.displayValue ?? 0) || 0)}
              />
            </Field>
            <Field
              label="Resize timeout (ISO 8601)"
              validationState={timeoutError ? "error" : suggested ? "warning" : "none"}
              validationMessage={
                timeoutError ??
                (suggested &&
                  `Batch advises at least ${suggested} for ${dedicated + spot} nodes (15 minutes per 1,000); a shorter timeout can stop the resize early.`)
              }
            >
              <Input value={timeout} onChange={(_, d) => setTimeoutValue(d.value)} />
            </Field>
            {suggested && (
              <Button size="small" className={styles.fix} onClick={() => setTimeoutValue(suggested)}>
                Set resize timeout to {suggested}
              </Button>
            )}
            {shortfalls.map((s) => (
              <MessageBar key={s.quota} intent="warning" layout="multiline">
                <MessageBarBody>
                  {s.nodes === "dedicated" ? dedicated : spot} {s.nodes} nodes need {s.needed} {s.quota};{" "}
                  {s.available} are left beside the other pools&apos; targets. Batch would accept the resize
                  and stop at {s.maxNodes} nodes with a quota error.
                </MessageBarBody>
                <MessageBarActions>
                  <Button
                    size="small"
                    onClick={() => (s.nodes === "dedicated" ? setDedicated(s.maxNodes) : setSpot(s.maxNodes))}
                  >
                    Use {s.maxNodes} {s.nodes} nodes
                  </Button>
                </MessageBarActions>
              </MessageBar>
            ))}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              appearance="primary"
              disabled={resize.isPending || timeoutError !== undefined}
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
