import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
} from "@fluentui/react-components";
import { parseGalleryImageId, type SetGalleryReplicasAction } from "@batch-studio/shared";
import { useState } from "react";
import { useSetGalleryReplicas } from "../api/galleries";
import { useNotify } from "../components/notify";
import { useWizard } from "./WizardContext";

const sameRegion = (a: string, b: string) =>
  a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

/** What the confirmation names: the image, its version and the region as ARM displays it ("West Europe"). */
export function describeReplicaChange(
  action: SetGalleryReplicasAction,
  knownRegions: readonly string[] = [],
) {
  const parsed = parseGalleryImageId(action.versionId);
  const target = parsed.ok ? parsed.value : undefined;
  const region = knownRegions.find((r) => sameRegion(r, action.region)) ?? action.region;
  const what = target ? `${target.imageDefinition} ${target.version ?? ""}`.trim() : action.versionId;
  const sentence =
    action.currentCount === 0
      ? `Add ${region} to ${what} with ${action.replicaCount} replica${action.replicaCount === 1 ? "" : "s"}`
      : `Set ${region} replicas of ${what} from ${action.currentCount} to ${action.replicaCount}`;
  return { target, region, what, sentence };
}

/**
 * An issue's Azure action: it changes the gallery image version (a resource outside this pool),
 * so it runs only after the operator confirms, then re-runs the live checks so the advice updates.
 */
export function GalleryReplicasAction({ action }: { action: SetGalleryReplicasAction }) {
  const notify = useNotify();
  const { facts, recheck } = useWizard();
  const [open, setOpen] = useState(false);
  const change = describeReplicaChange(
    action,
    (facts.galleryImage?.replicas ?? []).map((r) => r.region),
  );
  const { target } = change;

  const set = useSetGalleryReplicas();
  const confirm = () => {
    setOpen(false);
    if (!target?.version) return notify.error("Replicas not changed", new Error(`Not a gallery image version id: ${action.versionId}`));
    const params = {
      subscription: target.subscriptionId,
      resourceGroup: target.resourceGroup,
      gallery: target.gallery,
      image: target.imageDefinition,
      version: target.version,
    };
    set.mutate(
      { params, body: { region: action.region, replicaCount: action.replicaCount } },
      {
        onSuccess: (version) => {
          const stillReplicating = version.state !== undefined && version.state !== "Succeeded";
          notify.success(
            "Replicas set",
            `${change.region}: ${action.replicaCount} replica${action.replicaCount === 1 ? "" : "s"} of ${change.what}.${stillReplicating ? " Azure is still replicating (this takes minutes)." : ""}`,
          );
          recheck();
        },
        onError: (e) => notify.error("Replicas not changed", e),
      },
    );
  };

  return (
    <>
      <Button
        size="small"
        appearance="outline"
        disabled={set.isPending}
        icon={set.isPending ? <Spinner size="extra-tiny" /> : undefined}
        onClick={() => setOpen(true)}
      >
        {set.isPending ? "Setting replicas in Azure…" : action.label}
      </Button>
      <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Change the image in Azure?</DialogTitle>
            <DialogContent>
              <p>{change.sentence}.</p>
              <p>
                This changes the gallery image version itself, not this pool: every pool and VM that uses{" "}
                {change.what} sees it. On Azure, replication takes minutes, and each replica is billed as
                storage in {change.region}.
              </p>
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button appearance="primary" onClick={confirm}>
                {action.currentCount === 0 ? "Add region" : "Set replicas"}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
