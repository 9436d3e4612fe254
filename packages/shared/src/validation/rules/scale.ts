import { formatIsoDuration, minutesToMs, parseIsoDuration } from "../../grammar/iso-duration";
import type { ScalePartFacts } from "../pool-facts";
import { setFix, type Rule } from "../rule";

const PATH = ["scale", "resizeTimeout"];
/** Batch refuses a shorter resizeTimeout with 400. */
export const MINIMUM_RESIZE_TIMEOUT_MS = minutesToMs(5);
const MINIMUM = MINIMUM_RESIZE_TIMEOUT_MS;
const PER_THOUSAND = minutesToMs(15);

/** 15 minutes per started 1,000 nodes, and never below Batch's 15-minute default. */
export const recommendedResizeTimeout = (totalNodes: number): number =>
  Math.max(1, Math.ceil(totalNodes / 1000)) * PER_THOUSAND;

const fixTo = (ms: number) => {
  const text = formatIsoDuration(ms);
  return setFix(`Set resize timeout to ${text} (${ms / 60_000} minutes)`, PATH, text);
};

export const resizeTimeoutFormat: Rule<ScalePartFacts> = {
  code: "scale.resizeTimeout.format",
  area: "scale",
  level: "error",
  summary: "resizeTimeout is an ISO-8601 duration such as PT15M.",
  source: "Batch REST PoolAddParameter.resizeTimeout (an ISO-8601 duration)",
  check: ({ spec, totalNodes }, emit) => {
    if (parseIsoDuration(spec.scale.resizeTimeout) !== undefined) return;
    emit(
      PATH,
      `"${spec.scale.resizeTimeout}" is not an ISO-8601 duration; write minutes as PT15M or hours as PT1H.`,
      {
        fix: fixTo(recommendedResizeTimeout(totalNodes)),
      },
    );
  },
};

export const resizeTimeoutMinimum: Rule<ScalePartFacts> = {
  code: "scale.resizeTimeout.minimum",
  area: "scale",
  level: "error",
  summary: "resizeTimeout is at least 5 minutes (Batch rejects shorter ones with 400).",
  source: "Batch REST: the default value is 15 minutes; the minimum value is 5 minutes.",
  check: ({ spec, totalNodes }, emit) => {
    const ms = parseIsoDuration(spec.scale.resizeTimeout);
    if (ms === undefined || ms >= MINIMUM) return;
    emit(
      PATH,
      `Batch requires a resize timeout of at least 5 minutes; ${spec.scale.resizeTimeout} is too short.`,
      {
        fix: fixTo(recommendedResizeTimeout(totalNodes)),
      },
    );
  },
};

export const resizeTimeoutPerThousandNodes: Rule<ScalePartFacts> = {
  code: "scale.resizeTimeout.perThousandNodes",
  area: "scale",
  level: "warning",
  summary:
    "Fixed-size pools of 1,000+ nodes get at least 15 minutes of resizeTimeout per 1,000 nodes (dedicated + spot).",
  source:
    'Microsoft Learn "Use the Azure Compute Gallery to create a custom image pool": for a fixed number of nodes, raise resizeTimeout: at least 15 minutes per 1000 VMs; e.g. 30 minutes or more for 2000 VMs.',
  check: ({ spec, totalNodes }, emit) => {
    const ms = parseIsoDuration(spec.scale.resizeTimeout);
    if (ms === undefined || ms < MINIMUM || totalNodes < 1000) return;
    const want = recommendedResizeTimeout(totalNodes);
    if (ms >= want) return;
    emit(
      PATH,
      `A pool of ${totalNodes} nodes should have a resize timeout of at least ${want / 60_000} minutes (15 per 1,000 nodes); ${spec.scale.resizeTimeout} may time out while nodes are allocated.`,
      {
        fix: fixTo(want),
      },
    );
  },
};

export const scaleEmpty: Rule<ScalePartFacts> = {
  code: "scale.empty",
  area: "scale",
  level: "info",
  summary: "A pool with 0 dedicated and 0 spot nodes runs nothing until it is resized.",
  source: "operator experience",
  check: ({ totalNodes }, emit) => {
    if (totalNodes === 0) {
      emit(
        ["scale", "dedicated"],
        "The pool will have no nodes, so tasks wait until you resize it; set dedicated or spot nodes above 0 to run tasks right away.",
        {
          fix: setFix("Start with 1 dedicated node", ["scale", "dedicated"], 1),
        },
      );
    }
  },
};

export const scaleRules = [
  resizeTimeoutFormat,
  resizeTimeoutMinimum,
  resizeTimeoutPerThousandNodes,
  scaleEmpty,
];
