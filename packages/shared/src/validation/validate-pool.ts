import type { PoolSpec } from "../pool-spec";
import type { ValidationContext } from "../validation-context";
import type { ValidationIssue } from "../validation-result";
import { derivePoolFacts, type PoolFacts } from "./pool-facts";
import { runRules, type Rule } from "./rule";
import { containerRules } from "./rules/containers";
import { galleryRules } from "./rules/gallery";
import { gallerySubscriptionRules } from "./rules/gallery-subscription";
import { poolIdFormat, poolIdTaken } from "./rules/ids";
import { marketplaceImageRules } from "./rules/marketplace-image";
import { quotaRules } from "./rules/quota";
import { registryRules } from "./rules/registries";
import { scaleRules } from "./rules/scale";
import { startTaskRules } from "./rules/start-task";
import { taskDataRules } from "./rules/task-data";
import { applicationPackageRules } from "./rules/application-packages";
import { vmSizeRules } from "./rules/vm-size";

/** The pool's references (installed on every node) with the account's applications. */
export const poolApplicationPackages = ({ spec, context }: { spec: Pick<PoolSpec, "applicationPackages">; context: ValidationContext }) => ({
  sets: [{ at: [], references: spec.applicationPackages }],
  applications: context.applications,
});

/** Every pool rule, in the order the wizard shows their issues. */
export const poolRules: readonly Rule<PoolFacts>[] = [
  poolIdFormat,
  poolIdTaken,
  ...marketplaceImageRules,
  ...galleryRules,
  ...gallerySubscriptionRules,
  ...vmSizeRules,
  ...quotaRules,
  ...scaleRules,
  ...containerRules,
  ...registryRules,
  ...startTaskRules,
  ...taskDataRules<PoolFacts>(({ spec }) => ({
    dataSets: [{ at: ["startTask"], resourceFiles: spec.startTask?.resourceFiles }],
  })),
  ...applicationPackageRules<PoolFacts>(poolApplicationPackages),
];

/**
 * Pure: the same spec and context always give the same issues. Rules that need a fact the context
 * lacks stay silent.
 */
export const validatePool = (spec: PoolSpec, context: ValidationContext = {}): ValidationIssue[] =>
  runRules(poolRules, derivePoolFacts(spec, context));
