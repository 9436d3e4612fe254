import {
  parsePoolSpec,
  validatePool,
  type PoolSpecInput,
  type ValidationContext,
  type ValidationIssue,
} from "@batch-studio/shared";
import { samePath } from "./steps";

/**
 * The wizard's sync layer: the shared schema, then the shared rules with whatever facts the last
 * async check learned. Facts that describe one particular input (is this pool id taken? this
 * gallery version?) only apply while that input is unchanged, so a stale answer never shows on a
 * newly typed value.
 */
export function validateDraft(spec: PoolSpecInput, facts: ValidationContext, checked: PoolSpecInput | undefined): ValidationIssue[] {
  const parsed = parsePoolSpec(spec);
  if (!parsed.ok) return parsed.issues;
  return validatePool(parsed.value, currentFacts(spec, facts, checked));
}

export function currentFacts(spec: PoolSpecInput, facts: ValidationContext, checked: PoolSpecInput | undefined): ValidationContext {
  const out: ValidationContext = { ...facts };
  if (!checked || checked.id !== spec.id) delete out.poolIdTaken;
  const imageId = (i: PoolSpecInput["image"] | undefined) => (i?.kind === "gallery" ? i.imageId : undefined);
  if (!checked || imageId(checked.image) !== imageId(spec.image)) delete out.galleryImage;
  return out;
}

/** Sync issues plus the async ones the shared rules did not reproduce (same code and path = same issue). */
export function mergeIssues(sync: readonly ValidationIssue[], async: readonly ValidationIssue[]): ValidationIssue[] {
  const extra = async.filter((a) => !sync.some((s) => s.code === a.code && samePath(s.path, a.path)));
  return [...sync, ...extra];
}

/**
 * Neutral stand-ins for fields the operator has not filled (or filled wrongly) yet. The BFF checks
 * only whole PoolSpecs, but its live checks (registry logins, prefetch lookups, gallery image
 * facts) each depend on one part only, so the wizard sends a completed copy and keeps just the
 * answers about the parts the operator actually wrote. `undefined` = an optional part, left out.
 */
const PLACEHOLDERS: Record<string, unknown> = {
  id: "draft-pool-check",
  displayName: undefined,
  vmSize: "standard_d2s_v3",
  image: { kind: "marketplace", publisher: "canonical", offer: "0001-com-ubuntu-server-focal", sku: "20_04-lts", version: "latest" },
  nodeAgentSkuId: "batch.node.ubuntu 20.04",
  container: undefined,
  scale: { dedicated: 1, spot: 0, resizeTimeout: "PT15M" },
  startTask: undefined,
  taskSlotsPerNode: 1,
  metadata: [],
};

export interface CheckableSpec {
  spec: PoolSpecInput;
  /** Top-level fields replaced by a placeholder: answers about them mean nothing to the operator. */
  filled: ReadonlySet<string>;
}

/** The spec completed with placeholders until it parses, or undefined when that cannot be done. */
export function completeForCheck(spec: PoolSpecInput): CheckableSpec | undefined {
  let draft: Record<string, unknown> = { ...spec };
  const filled = new Set<string>();
  // Each round replaces at least one new top-level field, so this ends within PLACEHOLDERS' size.
  for (let round = 0; round <= Object.keys(PLACEHOLDERS).length; round++) {
    const parsed = parsePoolSpec(draft as PoolSpecInput);
    if (parsed.ok) return { spec: draft as PoolSpecInput, filled };
    const heads = new Set(parsed.issues.map((i) => i.path[0]));
    for (const head of heads) {
      if (typeof head !== "string" || !(head in PLACEHOLDERS) || filled.has(head)) return undefined;
      filled.add(head);
      const value = PLACEHOLDERS[head];
      if (value === undefined) {
        const { [head]: _dropped, ...rest } = draft;
        draft = rest;
      } else draft = { ...draft, [head]: value };
    }
  }
  return undefined;
}

/** Drops what a check learned about placeholder fields (see completeForCheck). */
export function keepOwnAnswers(res: { issues: ValidationIssue[]; facts: ValidationContext }, filled: ReadonlySet<string>) {
  const issues = res.issues.filter((i) => !(typeof i.path[0] === "string" && filled.has(i.path[0])));
  const facts: ValidationContext = { ...res.facts };
  if (filled.has("id")) delete facts.poolIdTaken;
  return { issues, facts };
}
