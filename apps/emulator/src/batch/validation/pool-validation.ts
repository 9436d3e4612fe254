/**
 * PoolAddParameter checks, in the order Batch reports them, plus the emulator's image rules:
 * a marketplace image must be one GET /supportedimages lists; a Shared Image Gallery image needs
 * bearer auth (Shared Key fails for SIG pools: docs/azure-batch-notes.md#gallery-images), must
 * exist, and if it is Specialized or has no replica in the account's region the pool is accepted
 * but its allocation fails.
 */
import type { GalleryImageFact } from "@batch-studio/shared";
import type { AuthKind } from "../auth/authenticate";
import { invalidProperty, missingProperty } from "../http/batch-error";
import { resolvedMode, targetModeField } from "../model/node-communication";
import { applicationPackageReferencesAt } from "./application-packages";
import { inboundNatPoolsOf } from "./inbound-nat-pools";
import type { ErrorWire, PoolWire } from "../model/types";
import {
  bodyObjectAt,
  containerSettingsFrom,
  registryFrom,
  startTaskFrom,
  stringList,
} from "./container-fields";
import {
  arrayField,
  boolField,
  displayNameField,
  durationField,
  enumField,
  idField,
  intField,
  nameValueList,
  objectField,
  requiredObject,
  requiredString,
  stringField,
  type Obj,
} from "./fields";

export const MIN_RESIZE_TIMEOUT_MS = 5 * 60_000;
const SIG_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/galleries\/[^/]+\/images\/[^/]+(\/versions\/[^/]+)?$/i;

export interface PoolValidationContext {
  authKind: AuthKind;
  region: string;
  supportedImages: object[];
  galleryLookup?: (imageId: string) => Promise<GalleryImageFact | undefined>;
}

/** The validated, defaulted add fields; the server adds url, times, states and counts. */
export type PoolFields = Pick<
  PoolWire,
  "id" | "vmSize" | "resizeTimeout" | "targetDedicatedNodes" | "targetLowPriorityNodes" | "taskSlotsPerNode"
> &
  Partial<
    Pick<PoolWire, "startTask" | "virtualMachineConfiguration" | "metadata" | "applicationPackageReferences">
  > & {
    [k: string]: unknown;
  };

const norm = (s: unknown) => (typeof s === "string" ? s.toLowerCase().replace(/\s+/g, "") : "");

export async function validatePoolAdd(
  body: Obj,
  ctx: PoolValidationContext,
): Promise<{ fields: PoolFields; blocker?: ErrorWire }> {
  const id = idField(body);
  const displayName = displayNameField(body);
  const applicationPackageReferences = applicationPackageReferencesAt(body, "");
  const vmSize = requiredString(body, "vmSize");
  const vmc = objectField(body, "virtualMachineConfiguration");
  const csc = objectField(body, "cloudServiceConfiguration");
  if (vmc && csc)
    throw invalidProperty(
      "cloudServiceConfiguration",
      "Specify either virtualMachineConfiguration or cloudServiceConfiguration, not both.",
    );
  if (!vmc && !csc) throw missingProperty("virtualMachineConfiguration");
  // Azure stopped creating Cloud Services Configuration pools on 29 February 2024 ("Migrate Batch
  // pools to Virtual Machine Configuration", Microsoft Learn); accepting one would run its Windows
  // start task on this Linux host.
  if (csc)
    throw invalidProperty(
      "cloudServiceConfiguration",
      "Cloud Services Configuration pools were retired on 29 February 2024; create the pool with virtualMachineConfiguration.",
    );

  let blocker: ErrorWire | undefined;
  let containerPool = false;
  let virtualMachineConfiguration: PoolWire["virtualMachineConfiguration"];
  if (vmc) {
    const r = await validateVmConfiguration(vmc, ctx);
    virtualMachineConfiguration = r.config;
    blocker = r.blocker;
    containerPool = !!r.config.containerConfiguration;
  }

  const resizeTimeout = durationField(body, "resizeTimeout", "", MIN_RESIZE_TIMEOUT_MS) ?? "PT15M";
  if (boolField(body, "enableAutoScale"))
    throw invalidProperty(
      "enableAutoScale",
      "Autoscale formulas are not evaluated by this emulator; set targetDedicatedNodes instead.",
    );
  const fields: PoolFields = {
    ...body,
    ...(applicationPackageReferences ? { applicationPackageReferences } : {}),
    id,
    vmSize,
    resizeTimeout,
    targetDedicatedNodes: intField(body, "targetDedicatedNodes", "", 0, 10_000) ?? 0,
    targetLowPriorityNodes: intField(body, "targetLowPriorityNodes", "", 0, 10_000) ?? 0,
    enableAutoScale: false,
    enableInterNodeCommunication: boolField(body, "enableInterNodeCommunication") ?? false,
    taskSlotsPerNode: intField(body, "taskSlotsPerNode", "", 1, 256) ?? 1,
    taskSchedulingPolicy: {
      nodeFillType:
        enumField(objectField(body, "taskSchedulingPolicy") ?? {}, "nodeFillType", [
          "spread",
          "pack",
        ] as const) ?? "spread",
    },
    startTask: startTaskFrom(body, "", containerPool),
    metadata: nameValueList(body, "metadata"),
    targetNodeCommunicationMode: targetModeField(body) ?? "default",
    // Read-only: what a pool without nodes will use (a value sent in the body is not kept).
    currentNodeCommunicationMode: resolvedMode(targetModeField(body)),
  };
  const natPools = inboundNatPoolsOf(body);
  if (natPools)
    fields.networkConfiguration = {
      ...(body.networkConfiguration as Obj),
      endpointConfiguration: { inboundNATPools: natPools },
    };
  if (displayName !== undefined) fields.displayName = displayName;
  if (virtualMachineConfiguration) fields.virtualMachineConfiguration = virtualMachineConfiguration;
  for (const k of Object.keys(fields) as (keyof PoolFields)[]) if (fields[k] === undefined) delete fields[k];
  return { fields, blocker };
}

async function validateVmConfiguration(vmc: Obj, ctx: PoolValidationContext) {
  const path = "virtualMachineConfiguration";
  const image = requiredObject(vmc, "imageReference", path);
  const ipath = `${path}.imageReference`;
  const nodeAgentSKUId = requiredString(vmc, "nodeAgentSKUId", path);
  const sigId = stringField(image, "virtualMachineImageId", ipath);
  let blocker: ErrorWire | undefined;
  let capabilities: string[] | undefined;

  if (sigId !== undefined) {
    if (["publisher", "offer", "sku"].some((k) => image[k] !== undefined))
      throw invalidProperty(
        `${ipath}.virtualMachineImageId`,
        "virtualMachineImageId is mutually exclusive with publisher, offer and sku.",
      );
    if (ctx.authKind !== "bearer")
      throw invalidProperty(
        `${ipath}.virtualMachineImageId`,
        "Pools with a Shared Image Gallery image (virtualMachineImageId) require Microsoft Entra ID (bearer token) authentication; Shared Key authentication cannot create them.",
        sigId,
      );
    if (!SIG_ID.test(sigId))
      throw invalidProperty(
        `${ipath}.virtualMachineImageId`,
        "Expected /subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.Compute/galleries/{g}/images/{image}[/versions/{v}].",
        sigId,
      );
    if (ctx.galleryLookup) {
      const fact = await ctx.galleryLookup(sigId).catch((e: unknown) => {
        throw invalidProperty(
          `${ipath}.virtualMachineImageId`,
          `The image could not be looked up: ${e instanceof Error ? e.message : String(e)}`,
          sigId,
        );
      });
      if (!fact?.exists)
        throw invalidProperty(`${ipath}.virtualMachineImageId`, "The specified image does not exist.", sigId);
      blocker = galleryBlocker(fact, ctx.region);
    }
  } else {
    const publisher = requiredString(image, "publisher", ipath);
    const offer = requiredString(image, "offer", ipath);
    const sku = requiredString(image, "sku", ipath);
    image.version = stringField(image, "version", ipath) ?? "latest";
    if (ctx.supportedImages.length) {
      const match = ctx.supportedImages
        .map((i) => i as { imageReference?: Obj; nodeAgentSKUId?: string; capabilities?: string[] })
        .find(
          (i) =>
            norm(i.imageReference?.publisher) === norm(publisher) &&
            norm(i.imageReference?.offer) === norm(offer) &&
            norm(i.imageReference?.sku) === norm(sku),
        );
      if (!match)
        throw invalidProperty(
          `${ipath}.sku`,
          "The image is not one this account supports (see GET /supportedimages).",
          `${publisher}:${offer}:${sku}`,
        );
      if (norm(match.nodeAgentSKUId) !== norm(nodeAgentSKUId))
        throw invalidProperty(
          `${path}.nodeAgentSKUId`,
          `The image needs node agent SKU '${match.nodeAgentSKUId}'.`,
          nodeAgentSKUId,
        );
      capabilities = match.capabilities ?? [];
    }
  }

  const config: NonNullable<PoolWire["virtualMachineConfiguration"]> = {
    ...vmc,
    imageReference: image,
    nodeAgentSKUId,
  };
  const cc = objectField(vmc, "containerConfiguration", path);
  if (cc) {
    const cpath = `${path}.containerConfiguration`;
    const type = enumField(cc, "type", ["dockerCompatible", "criCompatible"] as const, cpath);
    if (!type) throw missingProperty(`${cpath}.type`);
    if (capabilities && !capabilities.some((c) => c.toLowerCase() === "dockercompatible"))
      throw invalidProperty(
        cpath,
        "The pool's image does not support containers (it lacks the DockerCompatible capability).",
      );
    const registries = (arrayField(cc, "containerRegistries", cpath) ?? []).map((r, i) =>
      registryFrom(
        bodyObjectAt(r, `${cpath}.containerRegistries[${i}]`),
        `${cpath}.containerRegistries[${i}]`,
      ),
    );
    config.containerConfiguration = {
      type,
      containerImageNames: stringList(cc, "containerImageNames", cpath) ?? [],
      containerRegistries: registries,
    };
  }
  return { config, blocker };
}

/** Why nodes cannot be allocated from this gallery image in this region, if they cannot. */
function galleryBlocker(fact: GalleryImageFact, region: string): ErrorWire | undefined {
  if (fact.osState === "Specialized")
    return {
      code: "AllocationFailed",
      message:
        "Desired number of dedicated nodes could not be allocated: the image is Specialized; Batch pools need a Generalized image.",
      values: [{ name: "Reason", value: `Image ${fact.imageId} has osState Specialized` }],
    };
  if (fact.replicas && !fact.replicas.some((r) => norm(r.region) === norm(region) && r.count > 0))
    return {
      code: "AllocationFailed",
      message: `Desired number of dedicated nodes could not be allocated: the image version has no replica in the account's region ${region}.`,
      values: [{ name: "Reason", value: `Replicate ${fact.imageId} to ${region}` }],
    };
  return undefined;
}

export { containerSettingsFrom };
