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
import type { PoolDetails, ValidationIssue } from "@batch-studio/shared";
import { useAccounts, usePools } from "../api/hooks";
import { useResizePool } from "../api/pools";
import { useVmSizes } from "../api/catalog";
import { fieldState } from "../components/fieldState";
import { useNotify } from "../components/notify";
import { useSpecForm } from "../forms/useSpecForm";
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

interface Resize {
  dedicated: number;
  spot: number;
  resizeTimeout: string;
}

/** The timeout's problem (an error), else Batch's advice for this many nodes (a warning with its fix). */
export function checkResize({ dedicated, spot, resizeTimeout }: Resize): ValidationIssue[] {
  const path = ["resizeTimeout"];
  const problem = timeoutProblem(resizeTimeout);
  if (problem) return [{ path, level: "error", code: "scale.resizeTimeout.format", message: problem }];
  const suggested = timeoutFix(resizeTimeout, dedicated + spot);
  if (!suggested) return [];
  return [
    {
      path,
      level: "warning",
      code: "scale.resizeTimeout.perThousandNodes",
      message: `Batch advises at least ${suggested} for ${dedicated + spot} nodes (15 minutes per 1,000); a shorter timeout can stop the resize early.`,
      fix: { label: `Set resize timeout to ${suggested}`, patch: [{ path, value: suggested }] },
    },
  ];
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
  const notify = useNotify();
  const form = useSpecForm<Resize>({
    initial: () => ({ dedicated: pool.targetDedicatedNodes, spot: pool.targetSpotNodes, resizeTimeout: pool.resizeTimeout ?? "PT15M" }),
    validate: checkResize,
  });
  const { dedicated, spot, resizeTimeout } = form.value;
  const timeoutFixIt = form.at(["resizeTimeout"])[0]?.fix;
  const shortfalls = useQuotaShortfalls(account, pool.id, { dedicated, spot });
  const resize = useResizePool(account, pool.id);
  const submit = () =>
    form.submit((value) =>
      resize.mutate(
        { ...value, resizeTimeout: value.resizeTimeout || undefined },
        {
          onSuccess: () => {
            notify.success("Resize started", `${pool.id} → ${value.dedicated} dedicated, ${value.spot} spot`);
            onClose();
          },
          onError: (e) => notify.error("Resize failed", e),
        },
      ),
    );

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
                onChange={(_, d) => form.set(["dedicated"], Number(d.value ?? d.displayValue ?? 0) || 0)}
              />
            </Field>
            <Field label="Spot nodes">
              <SpinButton
                min={0}
                value={spot}
                onChange={(_, d) => form.set(["spot"], Number(d.value ?? d.displayValue ?? 0) || 0)}
              />
            </Field>
            <Field label="Resize timeout (ISO 8601)" {...fieldState(form.shown, "resizeTimeout")}>
              <Input value={resizeTimeout} onChange={(_, d) => form.set(["resizeTimeout"], d.value)} />
            </Field>
            {timeoutFixIt && (
              <Button size="small" className={styles.fix} onClick={() => form.applyFix(timeoutFixIt)}>
                {timeoutFixIt.label}
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
                    onClick={() => form.set([s.nodes], s.maxNodes)}
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
              disabled={resize.isPending || form.shown.some((i) => i.level === "error")}
              onClick={submit}
            >
              {resize.isPending ? "Resizing…" : "Resize"}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
