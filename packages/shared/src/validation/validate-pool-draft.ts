import { parseParts, parsePoolSpec } from "../parse/parse-spec";
import { PoolSpec } from "../pool-spec";
import type { ValidationContext } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import { deriveContainerFacts, deriveImageFacts, totalNodes, type ImagePartFacts } from "./pool-facts";
import { runRules } from "./rule";
import { containerPartRules } from "./rules/containers";
import { galleryRules } from "./rules/gallery";
import { gallerySubscriptionRules } from "./rules/gallery-subscription";
import { poolIdFormat, poolIdTaken } from "./rules/ids";
import { marketplaceImageRules } from "./rules/marketplace-image";
import { registryRules } from "./rules/registries";
import { scaleRules } from "./rules/scale";
import { applicationPackageRules } from "./rules/application-packages";
import { poolApplicationPackages, validatePool } from "./validate-pool";
import { validateStartTaskUpdate } from "./validate-start-task";

/** The top-level parts of a pool spec that parsed, each with its defaults applied. */
export type PoolParts = Partial<PoolSpec>;

/** A draft's valid parts and the issues of the others (see parseParts). */
export const parsePoolParts = (json: unknown) => parseParts(PoolSpec, json);

const imagePartRules = [...marketplaceImageRules, ...galleryRules, ...gallerySubscriptionRules];

/** The image part's facts, with what the other valid parts add (a container pool? how many nodes?). */
function imagePartFacts(parts: PoolParts & Pick<PoolSpec, "image">, containerKnown: boolean, context: ValidationContext): ImagePartFacts {
  const { image, nodeAgentSkuId, scale } = parts;
  const facts = deriveImageFacts(nodeAgentSkuId === undefined ? { image } : { image, nodeAgentSkuId }, context);
  if (containerKnown) facts.isContainerPool = parts.container !== undefined;
  if (scale) facts.totalNodes = totalNodes(scale);
  return facts;
}

/**
 * The rules of each valid part; rules across parts that need a whole spec (image and VM size,
 * quota) wait for one. The image part's rules run as soon as the image parsed: what ARM said about
 * a gallery image (specialized, no replica here) belongs on the Image step, not after Size & scale.
 * `containerKnown`: the container part parsed (or is absent: not a container pool), so rules may rely on it.
 */
function partRules(parts: PoolParts, containerKnown: boolean, context: ValidationContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (parts.id !== undefined) issues.push(...runRules([poolIdFormat, poolIdTaken], { spec: { id: parts.id }, context }));
  const { image } = parts;
  if (image) issues.push(...runRules(imagePartRules, imagePartFacts({ ...parts, image }, containerKnown, context)));
  if (containerKnown) issues.push(...runRules([...containerPartRules, ...registryRules], deriveContainerFacts(parts.container, context)));
  if (parts.scale) issues.push(...runRules(scaleRules, { spec: { scale: parts.scale }, totalNodes: totalNodes(parts.scale) }));
  if (parts.applicationPackages)
    issues.push(...runRules(applicationPackageRules(poolApplicationPackages), { spec: parts, context }));
  if (parts.startTask && containerKnown)
    issues.push(
      ...validateStartTaskUpdate(parts.startTask, {
        isContainerPool: parts.container !== undefined,
        ...(parts.nodeAgentSkuId === undefined ? {} : { nodeAgentSkuId: parts.nodeAgentSkuId }),
      }),
    );
  return issues;
}

/**
 * Any JSON in, never throws: a whole spec gets every rule (validatePool); a draft gets the schema's
 * issues of its invalid parts and the rules of its valid ones, so advice about what the operator
 * filled in arrives before the rest is chosen, and nothing is judged on a stand-in value.
 */
export function validatePoolDraft(json: unknown, context: ValidationContext = {}): ValidationIssue[] {
  const whole = parsePoolSpec(json);
  if (whole.ok) return validatePool(whole.value, context);
  const { parts, issues } = parsePoolParts(json);
  return [...issues, ...partRules(parts, !issues.some((i) => i.path[0] === "container"), context)];
}
