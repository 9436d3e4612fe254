/**
 * Validation results are data, never exceptions: the wizard renders them at the field, the BFF
 * returns them as 400 bodies, and a `fix` is a patch the UI can apply with one click. An `action`
 * changes an Azure resource outside the spec (e.g. an image version's replicas): the UI runs it
 * through the BFF only after the operator confirms.
 */
export type ValidationLevel = "error" | "warning" | "info";

/** A JSON-pointer-like path into the spec, as an array: ["container", "registries", 0, "server"]. */
export type SpecPath = (string | number)[];

/** One field change; a fix is a list of them, applied in order. */
export interface SpecPatch {
  path: SpecPath;
  value: unknown;
}

export interface ValidationFix {
  /** Button label, e.g. "Set resize timeout to 30 minutes". */
  label: string;
  patch: SpecPatch[];
}

/**
 * Set the replica count of a Shared Image Gallery image version in one region (adding the region
 * to its target regions when it is not one yet). Every other region is kept as it is.
 */
export interface SetGalleryReplicasAction {
  kind: "setGalleryReplicas";
  /** Button label, e.g. "Set 7 replicas in westeurope". */
  label: string;
  /** ARM id of the gallery image version (…/galleries/{g}/images/{i}/versions/{v}). */
  versionId: string;
  /** ARM location name, e.g. "westeurope". */
  region: string;
  /** The region's replica count afterwards (1..100, ARM's limit per region). */
  replicaCount: number;
  /** Its replica count now (0: not a target region yet), so a confirmation can say "from 2 to 7". */
  currentCount: number;
}

/** A side-effecting change to an Azure resource that is not part of the spec. */
export type ResourceAction = SetGalleryReplicasAction;

export interface ValidationIssue {
  path: SpecPath;
  level: ValidationLevel;
  /** Stable rule code, e.g. "gallery.replicaPer300Nodes". */
  code: string;
  message: string;
  fix?: ValidationFix;
  /** A change outside the spec that would resolve the issue; never run without the operator's consent. */
  action?: ResourceAction;
}

export const hasErrors = (issues: readonly ValidationIssue[]): boolean =>
  issues.some((i) => i.level === "error");

/** "container.registries.0.server" — the form used in HTTP problem bodies and logs. */
export const formatPath = (path: SpecPath): string => path.join(".");
