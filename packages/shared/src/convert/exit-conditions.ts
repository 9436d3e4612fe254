import type { BatchServiceModels } from "@azure/batch";
import { EXIT_ENDINGS, type ExitConditionsSpec, type ExitOptionsSpec } from "../exit-conditions-spec";
import { compact } from "./container-parts";

type ExitConditions = BatchServiceModels.ExitConditions;
type ExitOptions = BatchServiceModels.ExitOptions;

const JOB_ACTIONS = ["none", "disable", "terminate"] as const;
const DEPENDENCY_ACTIONS = ["satisfy", "block"] as const;

const toExitOptions = (o: ExitOptionsSpec): ExitOptions => compact({ jobAction: o.jobAction, dependencyAction: o.dependencyAction });

/** Batch's ExitConditions, or nothing when the task leaves every ending to Batch's defaults. */
export const toExitConditions = (c: ExitConditionsSpec | undefined): ExitConditions | undefined => {
  if (!c) return undefined;
  const out: ExitConditions = compact({
    exitCodes: c.exitCodes.length ? c.exitCodes.map((m) => ({ code: m.code, exitOptions: toExitOptions(m.exitOptions) })) : undefined,
    exitCodeRanges: c.exitCodeRanges.length
      ? c.exitCodeRanges.map((r) => ({ start: r.start, end: r.end, exitOptions: toExitOptions(r.exitOptions) }))
      : undefined,
  });
  for (const ending of EXIT_ENDINGS) {
    const options = c[ending];
    // An ending whose actions are both Batch's defaults says nothing: it is not sent.
    if (options && (options.jobAction || options.dependencyAction)) out[ending] = toExitOptions(options);
  }
  return Object.keys(out).length ? out : undefined;
};

/** Only the actions this portal knows; anything else Batch may add later is left out, not guessed at. */
const fromExitOptions = (o: ExitOptions | undefined): ExitOptionsSpec =>
  compact({
    jobAction: JOB_ACTIONS.find((a) => a === o?.jobAction),
    dependencyAction: DEPENDENCY_ACTIONS.find((a) => a === o?.dependencyAction),
  });

/** A task's exit conditions from Batch back to spec fields; undefined when it has none. */
export const fromExitConditions = (c: ExitConditions | undefined): ExitConditionsSpec | undefined => {
  if (!c) return undefined;
  const spec: ExitConditionsSpec = {
    exitCodes: (c.exitCodes ?? []).map((m) => ({ code: m.code, exitOptions: fromExitOptions(m.exitOptions) })),
    exitCodeRanges: (c.exitCodeRanges ?? []).map((r) => ({ start: r.start, end: r.end, exitOptions: fromExitOptions(r.exitOptions) })),
  };
  for (const ending of EXIT_ENDINGS) {
    const options = fromExitOptions(c[ending]);
    if (options.jobAction || options.dependencyAction) spec[ending] = options;
  }
  const empty = spec.exitCodes.length === 0 && spec.exitCodeRanges.length === 0 && EXIT_ENDINGS.every((e) => !spec[e]);
  return empty ? undefined : spec;
};
