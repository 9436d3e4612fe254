import type { JobSpec } from "../../task-spec";
import type { ApplicationFact, TaskPoolFact } from "../../validation-context";
import { setFix, type Rule } from "../rule";

export interface JobFacts {
  spec: JobSpec;
  /** The pool the job runs on, when the BFF looked it up. */
  pool?: TaskPoolFact | undefined;
  /** The account's applications, when the BFF looked them up. */
  applications?: ApplicationFact[] | undefined;
}

export const jobManagerContainerSettings: Rule<JobFacts> = {
  code: "jobManager.containerSettingsRequired",
  area: "job tasks",
  level: "error",
  summary: "A job manager task on a container pool has container settings.",
  source:
    "Batch REST VirtualMachineConfiguration.containerConfiguration: all regular tasks and job manager tasks run on this pool must specify containerSettings; job preparation and release tasks may run on the host.",
  check: ({ spec, pool }, emit) => {
    if (!spec.jobManagerTask || spec.jobManagerTask.containerSettings || !pool?.isContainerPool) return;
    emit(
      ["jobManagerTask", "containerSettings"],
      `Pool "${pool.poolId}" is a container pool, so the job manager task must run in a container; choose its image (preparation and release tasks may stay on the host).`,
    );
  },
};

export const jobReleaseNeedsPreparation: Rule<JobFacts> = {
  code: "jobRelease.needsPreparation",
  area: "job tasks",
  level: "error",
  summary: "A job release task comes with a job preparation task.",
  source:
    "Batch REST JobReleaseTask: a job release task cannot be specified without also specifying a job preparation task.",
  check: ({ spec }, emit) => {
    if (!spec.jobReleaseTask || spec.jobPreparationTask) return;
    emit(
      ["jobReleaseTask"],
      'Batch runs the release task only on nodes that ran the job\'s preparation task, so it needs one; add a job preparation task (it may be as small as "/bin/true") or remove the release task.',
      { fix: setFix("Remove the release task", ["jobReleaseTask"], undefined) },
    );
  },
};

export const jobTaskRules = [jobManagerContainerSettings, jobReleaseNeedsPreparation];
