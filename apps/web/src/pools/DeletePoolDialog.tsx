import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input } from "@fluentui/react-components";
import { useState } from "react";
import { useNavigate } from "../router";
import { useDeletePool } from "../api/pools";
import { paths } from "../router/paths";
import { useNotify } from "../components/notify";

/** Deleting a pool kills its running tasks, so the operator types the pool id to confirm. */
export function DeletePoolDialog({ account, poolId, open, onClose }: { account: string; poolId: string; open: boolean; onClose(): void }) {
  const navigate = useNavigate();
  const notify = useNotify();
  const [typed, setTyped] = useState("");
  const del = useDeletePool(account, poolId);
  const remove = () =>
    del.mutate(undefined, {
      onSuccess: () => {
        notify.success("Pool deletion started", poolId);
        navigate(paths.pools(account));
      },
      onError: (e) => notify.error("Delete failed", e),
    });
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Delete pool {poolId}?</DialogTitle>
          <DialogContent>
            <p>All nodes are removed and tasks running on them stop. This cannot be undone.</p>
            <Field label={`Type ${poolId} to confirm`}>
              <Input value={typed} onChange={(_, d) => setTyped(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button appearance="primary" disabled={typed !== poolId || del.isPending} onClick={remove}>
              Delete pool
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
