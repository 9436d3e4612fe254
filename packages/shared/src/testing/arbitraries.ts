/**
 * fast-check arbitraries of valid specs, for property tests (not exported from the package index
 * so that fast-check stays a dev dependency).
 */
import fc from "fast-check";
import type { ApplicationPackageReferenceSpec } from "../application-package-spec";
import type { ExitConditionsSpec, ExitOptionsSpec } from "../exit-conditions-spec";
import type { PoolSpec, StartTaskSpec } from "../pool-spec";
import type { RegistrySpec } from "../registry-spec";
import type { OutputFileSpec, ResourceFileSpec } from "../task-data-spec";
import type { ContainerSettingsSpec, EnvironmentVariable, JobSpec, TaskSpec } from "../task-spec";
import type { JobScheduleSpec } from "../job-schedule-spec";

export const batchIdArb = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);

const hostArb = fc.constantFrom(
  "myacr.azurecr.io",
  "docker.io",
  "localhost:5000",
  "127.0.0.1:5001",
  "ghcr.io",
  "quay.io",
);
const pathArb = fc
  .array(fc.stringMatching(/^[a-z0-9]+(?:[._-][a-z0-9]+)?$/), { minLength: 1, maxLength: 3 })
  .map((p) => p.join("/"));
const tagArb = fc.stringMatching(/^[\w][\w.-]{0,20}$/);

export const imageRefArb: fc.Arbitrary<string> = fc
  .tuple(fc.option(hostArb, { nil: undefined }), pathArb, fc.option(tagArb, { nil: undefined }))
  .map(([host, path, tag]) => `${host ? `${host}/` : ""}${path}${tag ? `:${tag}` : ""}`);

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops keys whose value is undefined, as JSON and the converters do. */
const compact = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const registryArb: fc.Arbitrary<RegistrySpec> = fc.record({
  server: hostArb,
  auth: fc.oneof(
    fc.record({
      kind: fc.constant("password" as const),
      username: fc.string({ minLength: 1 }),
      password: fc.string({ minLength: 1 }),
    }),
    fc.record({
      kind: fc.constant("identity" as const),
      identityResourceId: fc.constant(
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1",
      ),
    }),
  ),
});

const envArb: fc.Arbitrary<EnvironmentVariable[]> = fc.array(
  fc.record({ name: fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,10}$/), value: fc.string() }),
  { maxLength: 3 },
);

export const containerSettingsArb: fc.Arbitrary<ContainerSettingsSpec> = fc
  .record({
    imageName: imageRefArb,
    runOptions: fc.constantFrom("", "--rm", "--rm --workdir /app"),
    registry: optional(registryArb),
    workingDirectory: fc.constantFrom("taskWorkingDirectory" as const, "containerImageDefault" as const),
  })
  .map(compact);

/** Blob URLs without a SAS (a SAS is dropped on the way back from Batch, see sas.ts). */
const blobUrlArb = fc
  .tuple(fc.constantFrom("https://acct.blob.core.windows.net", "http://127.0.0.1:4402/acct"), pathArb)
  .map(([origin, path]) => `${origin}/${path}`);
const relativePathArb = optional(pathArb);

export const resourceFileArb: fc.Arbitrary<ResourceFileSpec> = fc
  .record({
    source: fc.oneof(
      fc.record({ kind: fc.constant("http" as const), url: blobUrlArb }),
      fc
        .record({
          kind: fc.constant("container" as const),
          containerUrl: blobUrlArb,
          blobPrefix: relativePathArb,
        })
        .map(compact),
      fc
        .record({
          kind: fc.constant("autoStorage" as const),
          containerName: fc.stringMatching(/^[a-z0-9]{3,20}$/),
          blobPrefix: relativePathArb,
        })
        .map(compact),
    ),
    filePath: relativePathArb,
    fileMode: optional(fc.constantFrom("0644", "0755")),
  })
  .map(compact);

export const outputFileArb: fc.Arbitrary<OutputFileSpec> = fc.record({
  filePattern: fc.constantFrom("*.txt", "out/**/*", "../std*.txt", "result.json"),
  destination: fc
    .record({ kind: fc.constant("container" as const), containerUrl: blobUrlArb, path: relativePathArb })
    .map(compact),
  uploadCondition: fc.constantFrom("taskSuccess" as const, "taskFailure" as const, "taskCompletion" as const),
});

const nonEmptyListOf = <T>(arb: fc.Arbitrary<T>) => optional(fc.array(arb, { minLength: 1, maxLength: 3 }));

export const applicationPackageArb: fc.Arbitrary<ApplicationPackageReferenceSpec> = fc
  .record({ applicationId: batchIdArb, version: optional(fc.stringMatching(/^[A-Za-z0-9_.-]{1,64}$/)) })
  .map(compact);

const startTaskArb: fc.Arbitrary<StartTaskSpec> = fc
  .record({
    commandLine: fc.string({ minLength: 1 }),
    elevated: fc.boolean(),
    waitForSuccess: fc.boolean(),
    maxRetries: fc.integer({ min: -1, max: 100 }),
    env: envArb,
    containerSettings: optional(containerSettingsArb),
    resourceFiles: nonEmptyListOf(resourceFileArb),
  })
  .map(compact);

const galleryIdArb = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    fc.option(fc.stringMatching(/^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/), { nil: undefined }),
  )
  .map(
    ([name, version]) =>
      `/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/galleries/gal/images/${name}${version ? `/versions/${version}` : ""}`,
  );

export const poolSpecArb: fc.Arbitrary<PoolSpec> = fc
  .record({
    id: batchIdArb,
    displayName: optional(fc.string({ maxLength: 40 })),
    vmSize: fc.constantFrom("STANDARD_D1_V2", "Standard_NC6", "Standard_D2s_v3"),
    image: fc.oneof(
      fc.record({
        kind: fc.constant("marketplace" as const),
        publisher: fc.constantFrom("microsoft-azure-batch", "canonical"),
        offer: fc.constantFrom("ubuntu-server-container", "0001-com-ubuntu-server-focal"),
        sku: fc.constantFrom("16-04-lts", "20-04-lts"),
        version: fc.constantFrom("latest", "1.0.0"),
      }),
      fc.record({ kind: fc.constant("gallery" as const), imageId: galleryIdArb }),
    ),
    nodeAgentSkuId: fc.constantFrom("batch.node.ubuntu 20.04", "batch.node.windows amd64"),
    container: optional(
      fc.record({
        prefetchImages: fc.array(imageRefArb, { maxLength: 4 }),
        registries: fc.array(registryArb, { maxLength: 3 }),
      }),
    ),
    scale: fc.record({
      dedicated: fc.integer({ min: 0, max: 5000 }),
      spot: fc.integer({ min: 0, max: 5000 }),
      resizeTimeout: fc.constantFrom("PT5M", "PT15M", "PT30M", "PT1H"),
    }),
    startTask: optional(startTaskArb),
    applicationPackages: nonEmptyListOf(applicationPackageArb),
    taskSlotsPerNode: fc.integer({ min: 1, max: 256 }),
    metadata: fc.array(
      fc.record({ name: fc.string({ minLength: 1, maxLength: 10 }), value: fc.string({ maxLength: 10 }) }),
      { maxLength: 2 },
    ),
  })
  .map(compact);

const exitOptionsArb: fc.Arbitrary<ExitOptionsSpec> = fc
  .record({
    jobAction: optional(fc.constantFrom("none" as const, "disable" as const, "terminate" as const)),
    dependencyAction: optional(fc.constantFrom("satisfy" as const, "block" as const)),
  })
  .map(compact);

/** An ending's options with at least one action (one with neither is not sent, so it comes back as none). */
const endingOptionsArb = exitOptionsArb.filter((o) => o.jobAction !== undefined || o.dependencyAction !== undefined);

const exitConditionsArb: fc.Arbitrary<ExitConditionsSpec> = fc
  .record({
    exitCodes: fc.array(fc.record({ code: fc.integer({ min: -5, max: 300 }), exitOptions: exitOptionsArb }), { maxLength: 2 }),
    exitCodeRanges: fc.array(
      fc.integer({ min: 1, max: 100 }).chain((start) => fc.record({ start: fc.constant(start), end: fc.integer({ min: start, max: start + 50 }), exitOptions: exitOptionsArb })),
      { maxLength: 2 },
    ),
    preProcessingError: optional(endingOptionsArb),
    fileUploadError: optional(endingOptionsArb),
    default: optional(endingOptionsArb),
  })
  .map(compact)
  .filter((c) => c.exitCodes.length + c.exitCodeRanges.length > 0 || c.preProcessingError !== undefined || c.fileUploadError !== undefined || c.default !== undefined);

export const taskSpecArb: fc.Arbitrary<TaskSpec> = fc
  .record({
    id: batchIdArb,
    displayName: optional(fc.string({ maxLength: 40 })),
    commandLine: fc.string(),
    containerSettings: optional(containerSettingsArb),
    env: envArb,
    constraints: fc
      .record({
        maxWallClockTime: optional(fc.constantFrom("PT1H", "P1D")),
        retentionTime: optional(fc.constantFrom("P7D", "PT12H")),
        maxTaskRetryCount: fc.integer({ min: -1, max: 10 }),
      })
      .map(compact),
    elevated: fc.boolean(),
    requiredSlots: fc.integer({ min: 1, max: 4 }),
    resourceFiles: nonEmptyListOf(resourceFileArb),
    outputFiles: nonEmptyListOf(outputFileArb),
    applicationPackages: nonEmptyListOf(applicationPackageArb),
    dependsOn: optional(
      fc.record({
        taskIds: fc.array(batchIdArb, { minLength: 1, maxLength: 3 }),
        taskIdRanges: fc.array(fc.integer({ min: 0, max: 50 }).chain((start) => fc.integer({ min: start, max: start + 50 }).map((end) => ({ start, end }))), { maxLength: 2 }),
      }),
    ),
    exitConditions: optional(exitConditionsArb),
  })
  .map(compact);

export const jobSpecArb: fc.Arbitrary<JobSpec> = fc
  .record({
    id: batchIdArb,
    displayName: optional(fc.string({ maxLength: 40 })),
    poolId: batchIdArb,
    priority: fc.integer({ min: -1000, max: 1000 }),
    maxParallelTasks: fc.integer({ min: -1, max: 100 }),
    onAllTasksComplete: fc.constantFrom("noaction" as const, "terminatejob" as const),
    onTaskFailure: fc.constantFrom("noaction" as const, "performexitoptionsjobaction" as const),
    constraints: optional(
      // Never empty: no constraints at all is `undefined`, which Batch and the spec say alike.
      fc.record({ maxWallClockTime: fc.constantFrom("PT2H", "P1D"), maxTaskRetryCount: optional(fc.constantFrom(-1, 1, 3)) }).map(compact),
    ),
    usesTaskDependencies: fc.boolean(),
    env: envArb,
    metadata: fc.array(fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), value: fc.string({ maxLength: 12 }) }), { maxLength: 2 }),
    jobManagerTask: optional(
      fc
        .record({
          id: batchIdArb,
          displayName: optional(fc.string({ maxLength: 20 })),
          commandLine: fc.string({ minLength: 1 }),
          containerSettings: optional(containerSettingsArb),
          env: envArb,
          resourceFiles: nonEmptyListOf(resourceFileArb),
          outputFiles: nonEmptyListOf(outputFileArb),
          applicationPackages: nonEmptyListOf(applicationPackageArb),
          elevated: fc.boolean(),
          requiredSlots: fc.integer({ min: 1, max: 4 }),
          killJobOnCompletion: fc.boolean(),
          runExclusive: fc.boolean(),
        })
        .map(compact),
    ),
    jobPreparationTask: optional(
      fc
        .record({
          id: optional(batchIdArb),
          commandLine: fc.string({ minLength: 1 }),
          containerSettings: optional(containerSettingsArb),
          env: envArb,
          resourceFiles: nonEmptyListOf(resourceFileArb),
          elevated: fc.boolean(),
          waitForSuccess: fc.boolean(),
          rerunOnNodeRebootAfterSuccess: fc.boolean(),
        })
        .map(compact),
    ),
    jobReleaseTask: optional(
      fc
        .record({
          id: optional(batchIdArb),
          commandLine: fc.string({ minLength: 1 }),
          env: envArb,
          resourceFiles: nonEmptyListOf(resourceFileArb),
          elevated: fc.boolean(),
          maxWallClockTime: optional(fc.constantFrom("PT5M", "PT15M")),
        })
        .map(compact),
    ),
  })
  .map(compact);

/** Every path to a value inside a JSON-like tree, for mutation tests. */
export const pathsOf = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
  if (value === null || typeof value !== "object") return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
};

/** A copy of `root` with the value at `path` replaced (or deleted when `replacement` is undefined). */
export const mutateAt = (root: unknown, path: (string | number)[], replacement: unknown): unknown => {
  if (path.length === 0) return replacement;
  const copy: unknown = structuredClone(root);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
};

const isoDateArb = fc
  .date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2040-01-01T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString());

export const jobScheduleSpecArb: fc.Arbitrary<JobScheduleSpec> = fc
  .record({
    id: batchIdArb,
    displayName: optional(fc.string({ maxLength: 40 })),
    schedule: fc
      .record({
        doNotRunUntil: optional(isoDateArb),
        doNotRunAfter: optional(isoDateArb),
        startWindow: optional(fc.constantFrom("PT1M", "PT30M", "P1D")),
        recurrenceInterval: optional(fc.constantFrom("PT1M", "PT1H", "P1W")),
      })
      .map(compact),
    jobSpecification: jobSpecArb.map(({ id: _id, ...job }) => job),
    metadata: fc.array(
      fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), value: fc.string({ maxLength: 10 }) }),
      {
        maxLength: 2,
      },
    ),
  })
  .map(compact);
