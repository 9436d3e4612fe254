import { Badge, Caption1, Input, Radio, RadioGroup, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import type { SupportedImage } from "@batch-studio/shared";
import { useMemo } from "react";
import { useSupportedImages } from "../api/catalog";
import { ErrorState } from "../components/ErrorState";
import { TableSkeleton } from "../components/Skeletons";
import { eolStatus } from "./eol";
import { IssueField } from "./IssueField";
import { useWizard } from "./WizardContext";

const useStyles = makeStyles({
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  label: { display: "inline-flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
  list: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const keyOf = (i: { publisher: string; offer: string; sku: string }) => `${i.publisher}|${i.offer}|${i.sku}`;

function EolBadge({ image }: { image: SupportedImage }) {
  const eol = eolStatus(image.batchSupportEndOfLife);
  if (eol.kind === "past") return <Badge color="danger" appearance="filled">End of life {eol.date}</Badge>;
  if (eol.kind === "soon") return <Badge color="warning" appearance="tint">End of life {eol.date}</Badge>;
  return null;
}

/** Only images with the DockerCompatible capability (not a hard-coded offer list), grouped by OS. */
export function MarketplaceImagePicker() {
  const styles = useStyles();
  const { account, spec, update, set } = useWizard();
  const images = useSupportedImages(account);
  const byOs = useMemo(() => {
    // Retired images sink to the bottom of their group; they stay visible so a clone can show why it fails.
    const retired = (i: SupportedImage) => (eolStatus(i.batchSupportEndOfLife).kind === "past" ? 1 : 0);
    const capable = (images.data?.items ?? []).filter((i) => i.containerCapable).sort((a, b) => retired(a) - retired(b));
    return (["linux", "windows"] as const).map((os) => [os, capable.filter((i) => i.osType === os)] as const).filter(([, list]) => list.length > 0);
  }, [images.data]);
  const selected = spec.image?.kind === "marketplace" ? keyOf(spec.image) : "";

  if (images.isPending) return <TableSkeleton rows={4} label="Loading Marketplace images" />;
  if (images.isError) return <ErrorState what="Marketplace images" error={images.error} onRetry={() => images.refetch()} />;
  const hidden = (images.data?.items.length ?? 0) - byOs.reduce((n, [, l]) => n + l.length, 0);

  return (
    <>
      <IssueField path={["image"]} label="Container-ready images" hint={hidden > 0 ? `${hidden} image(s) without Docker support are hidden.` : undefined}>
        <RadioGroup
          value={selected}
          onChange={(_, d) => {
            const image = images.data?.items.find((i) => keyOf(i) === d.value);
            if (!image) return;
            update((s) => ({
              ...s,
              image: { kind: "marketplace", publisher: image.publisher, offer: image.offer, sku: image.sku, version: image.version ?? "latest" },
              nodeAgentSkuId: image.nodeAgentSkuId,
            }));
          }}
        >
          <div className={styles.list}>
            {byOs.map(([os, list]) => (
              <div key={os} className={styles.group} role="group" aria-label={os === "linux" ? "Linux" : "Windows"}>
                <Subtitle2 as="h2">{os === "linux" ? "Linux" : "Windows"}</Subtitle2>
                {list.map((i) => (
                  <Radio
                    key={keyOf(i)}
                    value={keyOf(i)}
                    label={
                      <span className={styles.label}>
                        <span>
                          {i.publisher} · {i.offer} · <b>{i.sku}</b>
                        </span>
                        {i.verificationType === "verified" && <Badge appearance="outline" color="success">verified</Badge>}
                        {i.capabilities.filter((c) => c !== "DockerCompatible").map((c) => (
                          <Badge key={c} appearance="outline" color="informative">{c}</Badge>
                        ))}
                        <EolBadge image={i} />
                      </span>
                    }
                  />
                ))}
              </div>
            ))}
            {byOs.length === 0 && <Caption1>This account lists no container-ready (DockerCompatible) images.</Caption1>}
          </div>
        </RadioGroup>
      </IssueField>
      <IssueField path={["nodeAgentSkuId"]} label="Node agent SKU" hint="Chosen from the image; change it only if you know the image needs another agent.">
        <Input value={spec.nodeAgentSkuId ?? ""} onChange={(_, d) => set(["nodeAgentSkuId"], d.value)} />
      </IssueField>
    </>
  );
}
