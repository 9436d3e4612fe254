import {
  Badge,
  Caption1,
  Combobox,
  Dropdown,
  Input,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { latestGalleryVersion, parseGalleryImageId } from "@batch-studio/shared";
import { useMemo, useState } from "react";
import { useAccounts } from "../api/hooks";
import { useSupportedImages } from "../api/catalog";
import { useGalleries, useGalleryImageVersions, useGalleryImages } from "../api/galleries";
import { ErrorState } from "../components/ErrorState";
import { IssueField } from "./IssueField";
import { useWizard } from "./WizardContext";

const useStyles = makeStyles({
  row: { display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(200px, 1fr))", gap: tokens.spacingHorizontalM },
  table: { maxWidth: "520px" },
});

const LATEST = "__latest__";

/** The picker's choices as an image id spells them, so the dropdowns show the image the spec holds. */
export function choicesFromImageId(imageId: string | undefined) {
  const parsed = imageId ? parseGalleryImageId(imageId) : undefined;
  if (!parsed?.ok) return undefined;
  const { subscriptionId, resourceGroup, gallery, imageDefinition, version } = parsed.value;
  return { subscription: subscriptionId, gallery: { name: gallery, resourceGroup }, definition: imageDefinition, version: version ?? LATEST };
}

/**
 * subscription → gallery → image definition → version (or "latest", which is the definition id),
 * across every subscription the operator can see; or a pasted resource id.
 */
export function GalleryImagePicker() {
  const styles = useStyles();
  const { spec, set, accountInfo, account } = useWizard();
  const accounts = useAccounts();
  const subscriptions = accounts.data?.subscriptions ?? [];
  const imageId = spec.image?.kind === "gallery" ? spec.image.imageId : "";
  // The step unmounts when the operator moves on; coming back, the choices are read from the spec.
  const [initial] = useState(() => choicesFromImageId(imageId));
  const [subscription, setSubscription] = useState(initial?.subscription ?? accountInfo?.subscriptionId);
  const [gallery, setGallery] = useState<{ name: string; resourceGroup: string } | undefined>(initial?.gallery);
  const [definition, setDefinition] = useState<string | undefined>(initial?.definition);
  const [version, setVersion] = useState<string>(initial?.version ?? LATEST);
  const galleries = useGalleries(subscription ?? accountInfo?.subscriptionId);
  const images = useGalleryImages(subscription, gallery?.resourceGroup, gallery?.name);
  const versions = useGalleryImageVersions(subscription, gallery?.resourceGroup, gallery?.name, definition);
  const supported = useSupportedImages(account);
  const def = images.data?.items.find((d) => d.name === definition);
  const versionInfo = versions.data?.items.find((v) => v.name === version);
  // "latest" is the version Batch will use, picked as the BFF's validation picks it (excludeFromLatest honoured).
  const shownVersion = versionInfo ?? (version === LATEST && versions.data ? latestGalleryVersion(versions.data.items) : undefined);

  const agentSkus = useMemo(() => {
    const all = (supported.data?.items ?? []).filter((i) => !def || i.osType === def.osType).map((i) => i.nodeAgentSkuId);
    return [...new Set(all)].sort();
  }, [supported.data, def]);

  const choose = (id: string | undefined) => set(["image"], { kind: "gallery", imageId: id ?? "" });

  return (
    <>
      <div className={styles.row}>
        <IssueField path={["gallery", "subscription"]} label="Subscription">
          <Dropdown
            value={subscriptions.find((s) => s.subscriptionId === subscription)?.displayName ?? subscription ?? ""}
            selectedOptions={subscription ? [subscription] : []}
            onOptionSelect={(_, d) => {
              setSubscription(d.optionValue);
              setGallery(undefined);
              setDefinition(undefined);
            }}
          >
            {subscriptions.map((s) => (
              <Option key={s.subscriptionId} value={s.subscriptionId} text={s.displayName ?? s.subscriptionId}>
                {s.displayName ?? s.subscriptionId}
              </Option>
            ))}
          </Dropdown>
        </IssueField>
        <IssueField path={["gallery", "gallery"]} label="Gallery" hint={galleries.data?.items.length === 0 ? "No galleries in this subscription." : undefined}>
          <Dropdown
            placeholder={galleries.isPending ? "Loading…" : "Choose a gallery"}
            value={gallery?.name ?? ""}
            selectedOptions={gallery ? [`${gallery.resourceGroup}/${gallery.name}`] : []}
            onOptionSelect={(_, d) => {
              const g = galleries.data?.items.find((x) => `${x.resourceGroup}/${x.name}` === d.optionValue);
              setGallery(g && { name: g.name, resourceGroup: g.resourceGroup });
              setDefinition(undefined);
            }}
          >
            {(galleries.data?.items ?? []).map((g) => (
              <Option key={g.id} value={`${g.resourceGroup}/${g.name}`} text={g.name}>
                {g.name} ({g.resourceGroup}, {g.location})
              </Option>
            ))}
          </Dropdown>
        </IssueField>
        <IssueField path={["gallery", "definition"]} label="Image definition">
          <Dropdown
            placeholder={gallery ? "Choose an image" : "Choose a gallery first"}
            disabled={!gallery}
            value={definition ?? ""}
            selectedOptions={definition ? [definition] : []}
            onOptionSelect={(_, d) => {
              setDefinition(d.optionValue);
              setVersion(LATEST);
              const chosen = images.data?.items.find((x) => x.name === d.optionValue);
              choose(chosen?.id);
            }}
          >
            {(images.data?.items ?? []).map((d) => (
              <Option key={d.id} value={d.name} text={d.name}>
                {d.name} · {d.osType} · {d.osState}
              </Option>
            ))}
          </Dropdown>
        </IssueField>
        <IssueField path={["gallery", "version"]} label="Version">
          <Dropdown
            disabled={!def}
            value={version === LATEST ? "latest" : version}
            selectedOptions={[version]}
            onOptionSelect={(_, d) => {
              const v = d.optionValue ?? LATEST;
              setVersion(v);
              choose(v === LATEST ? def?.id : versions.data?.items.find((x) => x.name === v)?.id);
            }}
          >
            <Option value={LATEST} text="latest">latest (the image definition)</Option>
            {(versions.data?.items ?? []).map((v) => (
              <Option key={v.id} value={v.name} text={v.name}>
                {v.name}
              </Option>
            ))}
          </Dropdown>
        </IssueField>
      </div>
      {galleries.isError && <ErrorState what="galleries" error={galleries.error} />}
      {def && (
        <Caption1>
          OS <b>{def.osType}</b> ·{" "}
          <Badge color={def.osState === "Generalized" ? "success" : "danger"} appearance="tint">
            {def.osState}
          </Badge>{" "}
          {def.hyperVGeneration && <>· Hyper-V {def.hyperVGeneration}</>}
          {def.osState === "Specialized" && " — Batch accepts only generalized images."}
        </Caption1>
      )}
      {shownVersion && (
        <Table size="small" className={styles.table} aria-label="Replication per region">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Region</TableHeaderCell>
              <TableHeaderCell>Replicas</TableHeaderCell>
              <TableHeaderCell>State</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {shownVersion.replication.map((r) => (
              <TableRow key={r.region}>
                <TableCell>
                  {r.region}
                  {accountInfo && r.region.replace(/\s/g, "").toLowerCase() === accountInfo.location.toLowerCase() && " (account region)"}
                </TableCell>
                <TableCell>{r.replicaCount}</TableCell>
                <TableCell>{r.state ?? "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <IssueField path={["image", "imageId"]} label="Image resource id" hint="Or paste the id of an image version, or of a definition to use its latest version.">
        <Input
          value={imageId}
          onChange={(_, d) => {
            const pasted = d.value.trim();
            choose(pasted);
            // A pasted id moves the dropdowns along, so they never contradict the id.
            const choices = choicesFromImageId(pasted);
            if (choices) {
              setSubscription(choices.subscription);
              setGallery(choices.gallery);
              setDefinition(choices.definition);
              setVersion(choices.version);
            }
          }}
        />
      </IssueField>
      <IssueField path={["nodeAgentSkuId"]} label="Node agent SKU" hint="Must match the image's OS.">
        <Combobox
          freeform
          value={spec.nodeAgentSkuId ?? ""}
          selectedOptions={spec.nodeAgentSkuId ? [spec.nodeAgentSkuId] : []}
          onOptionSelect={(_, d) => d.optionValue && set(["nodeAgentSkuId"], d.optionValue)}
          onChange={(e) => set(["nodeAgentSkuId"], e.target.value)}
        >
          {agentSkus.map((s) => (
            <Option key={s} value={s}>
              {s}
            </Option>
          ))}
        </Combobox>
      </IssueField>
    </>
  );
}
