import {
  canonicalImageName,
  parseImageReference,
  type ImageReferenceParts,
} from "../grammar/image-reference";
import type { Parsed } from "../grammar/parsed";
import type { TaskSpec } from "../task-spec";
import type { ImageProbeFact, TaskJobFact, ValidationContext } from "../validation-context";
import { parseRunOptions, type RunOptions } from "./run-options";

export interface TaskFacts {
  spec: TaskSpec;
  context: ValidationContext;
  image?: { reference: string; parsed: Parsed<ImageReferenceParts>; canonical?: string };
  /** What the registry said about the task's image, matched however either side spelled it. */
  imageProbe?: ImageProbeFact;
  runOptions?: RunOptions;
}

const canonicalOf = (reference: string): string | undefined => {
  const parsed = parseImageReference(reference);
  return parsed.ok ? canonicalImageName(parsed.value) : undefined;
};

export const findImageProbe = (
  context: ValidationContext,
  canonical: string | undefined,
  reference: string,
) =>
  context.images?.find(
    (probe) =>
      probe.reference === reference ||
      (canonical !== undefined && canonicalOf(probe.reference) === canonical),
  );

/**
 * The job fact from a job as Batch (or the BFF's job summary) describes it: Batch's defaults where
 * it says nothing (onTaskFailure noaction, no task dependencies).
 */
export const taskJobFact = (job: { id: string; onTaskFailure?: string; usesTaskDependencies?: boolean }): TaskJobFact => ({
  jobId: job.id,
  onTaskFailure: job.onTaskFailure === "performexitoptionsjobaction" ? "performexitoptionsjobaction" : "noaction",
  usesTaskDependencies: job.usesTaskDependencies ?? false,
});

export const deriveTaskFacts = (spec: TaskSpec, context: ValidationContext = {}): TaskFacts => {
  const facts: TaskFacts = { spec, context };
  const settings = spec.containerSettings;
  if (settings) {
    const parsed = parseImageReference(settings.imageName);
    const canonical = parsed.ok ? canonicalImageName(parsed.value) : undefined;
    facts.image = canonical
      ? { reference: settings.imageName, parsed, canonical }
      : { reference: settings.imageName, parsed };
    const probe = findImageProbe(context, canonical, settings.imageName);
    if (probe) facts.imageProbe = probe;
    facts.runOptions = parseRunOptions(settings.runOptions);
  }
  return facts;
};

export { canonicalOf as canonicalImageNameOf };
