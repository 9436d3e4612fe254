import type { SeedImageVersion } from "../seed";
import { ArmError } from "./arm-errors";
import { normalizeLocation } from "./locations";

/** ARM refuses more replicas than this of one version in one region. */
export const MAX_REGIONAL_REPLICAS = 100;

/**
 * What an ARM handler answers when a plain 200 + JSON is not enough: a long-running operation's
 * first answer carries an Azure-AsyncOperation header the SDKs' pollers follow.
 */
export class ArmReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}

interface Operation {
  id: string;
  version: SeedImageVersion;
  /** Regions (normalized names) the write added or changed the replica count of. */
  regions: ReadonlySet<string>;
  startedAt: number;
  doneAt: number;
}

/** One region's row of a version's `replicationStatus.summary`. */
export interface RegionalReplication {
  state: "Replicating" | "Completed" | "Failed";
  progress: number;
}

/**
 * Long-running gallery writes. Replication takes minutes on Azure; here it "takes" `durationMs`,
 * judged from the clock whenever someone asks (no timers, so nothing outlives the server).
 */
export class GalleryOperations {
  private readonly operations = new Map<string, Operation>();

  constructor(
    private readonly durationMs: number,
    private readonly now: () => number,
  ) {}

  start(version: SeedImageVersion, regions: Iterable<string> = []): Operation {
    const startedAt = this.now();
    const op = {
      id: crypto.randomUUID(),
      version,
      regions: new Set(regions),
      startedAt,
      doneAt: startedAt + this.durationMs,
    };
    this.operations.set(op.id, op);
    return op;
  }

  /** ARM's operation status body (what Azure-AsyncOperation points at). */
  status(
    id: string,
  ): { name: string; status: "InProgress" | "Succeeded"; startTime: string; endTime?: string } | undefined {
    const op = this.operations.get(id);
    if (!op) return undefined;
    const done = this.now() >= op.doneAt;
    const body = {
      name: op.id,
      status: done ? ("Succeeded" as const) : ("InProgress" as const),
      startTime: new Date(op.startedAt).toISOString(),
    };
    return done ? { ...body, endTime: new Date(op.doneAt).toISOString() } : body;
  }

  /** "Updating" while a write to this version is still replicating. */
  provisioningState(version: SeedImageVersion): string {
    const now = this.now();
    for (const op of this.operations.values())
      if (op.version === version && now < op.doneAt) return "Updating";
    return version.provisioningState;
  }

  /** Where replication to one region stands: a region an unfinished write touched is still Replicating. */
  replication(version: SeedImageVersion, region: string): RegionalReplication {
    const now = this.now();
    for (const op of this.operations.values()) {
      if (op.version === version && now < op.doneAt && op.regions.has(region)) {
        const progress = Math.floor((100 * (now - op.startedAt)) / Math.max(1, op.doneAt - op.startedAt));
        return { state: "Replicating", progress };
      }
    }
    const seeded = version.replicationState?.[region];
    const state =
      seeded ??
      (version.provisioningState === "Succeeded"
        ? "Completed"
        : version.provisioningState === "Failed"
          ? "Failed"
          : "Replicating");
    return { state, progress: state === "Completed" ? 100 : 0 };
  }
}

/** The regions a new target list adds or changes the replica count of, compared with the old one. */
export function changedRegions(
  before: SeedImageVersion["targetRegions"],
  after: SeedImageVersion["targetRegions"],
): string[] {
  return after
    .filter((r) => before.find((b) => b.name === r.name)?.regionalReplicaCount !== r.regionalReplicaCount)
    .map((r) => r.name);
}

const invalid = (message: string) => new ArmError(400, "InvalidParameter", message);

interface TargetRegionInput {
  name?: unknown;
  regionalReplicaCount?: unknown;
}

/**
 * The target regions a PATCH of `properties.publishingProfile.targetRegions` asks for, checked
 * as ARM checks them. PATCH replaces the list: regions left out stop being targets.
 */
export function targetRegionsFromPatch(
  body: unknown,
  defaultReplicas: number,
): SeedImageVersion["targetRegions"] | undefined {
  const profile = (
    body as
      { properties?: { publishingProfile?: { targetRegions?: unknown; replicaCount?: unknown } } } | undefined
  )?.properties?.publishingProfile;
  if (profile?.targetRegions === undefined) return undefined;
  const regions = profile.targetRegions;
  if (!Array.isArray(regions) || regions.length === 0)
    throw invalid(
      "The value of parameter galleryImageVersion.publishingProfile.targetRegions is invalid: give at least one region.",
    );
  const seen = new Set<string>();
  return regions.map((raw: TargetRegionInput, index) => {
    const name = typeof raw?.name === "string" ? normalizeLocation(raw.name) : "";
    if (!/^[a-z0-9]+$/.test(name))
      throw invalid(
        `The value of parameter targetRegions[${index}].name is invalid: an Azure location such as westeurope is required.`,
      );
    if (seen.has(name)) throw invalid(`The region '${name}' is listed more than once in targetRegions.`);
    seen.add(name);
    const count = raw.regionalReplicaCount ?? profile.replicaCount ?? defaultReplicas;
    if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_REGIONAL_REPLICAS)
      throw invalid(
        `The value of parameter targetRegions[${index}].regionalReplicaCount is invalid: replicas per region must be between 1 and ${MAX_REGIONAL_REPLICAS}.`,
      );
    return { name, regionalReplicaCount: count };
  });
}
