import {
  latestGalleryVersion,
  normalizeRegistryHost,
  osOfNodeAgentSku,
  parseGalleryImageId,
  parseImageReference,
  quotaUsage,
  type AccountQuotaFact,
  type ApplicationFact,
  type ApplicationPackageReferenceSpec,
  type AccountSummary,
  type GalleryImageFact,
  type JobScheduleSpec,
  type JobSpec,
  type ImageProbeFact,
  type PoolParts,
  type PoolSpec,
  type RegistryProbeFact,
  type RegistrySpec,
  type SubscriptionFact,
  taskJobFact,
  type TaskPoolFact,
  type TaskSpec,
  type ValidationContext,
  type VmSizeFact,
} from "@batch-studio/shared";
import type { Logger } from "pino";
import type { ArmGateway } from "../gateways/arm-gateway";
import type { BatchGateway } from "../gateways/batch-gateway";
import type { RegistryProbe } from "../registry/registry-probe";
import type { RegistryCredentials } from "../registry/registry-client";

/** Runs one lookup; a failed lookup leaves its fact absent, so the rule that needs it stays silent. */
const attempt = async <T>(what: string, logger: Logger, work: () => Promise<T>): Promise<T | undefined> => {
  try {
    return await work();
  } catch (err) {
    logger.debug({ err, check: what }, "live check skipped");
    return undefined;
  }
};

const credentialsOf = (registry: RegistrySpec | undefined): RegistryCredentials =>
  registry?.auth.kind === "password" ? { username: registry.auth.username, password: registry.auth.password } : {};

const hostOfImage = (reference: string): string | undefined => {
  const parsed = parseImageReference(reference);
  return parsed.ok ? parsed.value.registryHost : undefined;
};

/** The registry credentials a pool would use for this image: the entry whose server is the image's host. */
const registryFor = (reference: string, registries: RegistrySpec[]): RegistrySpec | undefined => {
  const host = hostOfImage(reference);
  return host === undefined ? undefined : registries.find((r) => normalizeRegistryHost(r.server) === host);
};

/** "West Europe" and "westeurope" name the same region. */
const sameRegion = (a: string, b: string) => a.replace(/\s+/g, "").toLowerCase() === b.replace(/\s+/g, "").toLowerCase();

/** The subscription a gallery image's id names, when it is not the Batch account's. */
const otherImageSubscription = (image: PoolSpec["image"] | undefined, accountSubscriptionId: string): string | undefined => {
  if (image?.kind !== "gallery") return undefined;
  const parsed = parseGalleryImageId(image.imageId);
  if (!parsed.ok || parsed.value.subscriptionId.toLowerCase() === accountSubscriptionId.toLowerCase()) return undefined;
  return parsed.value.subscriptionId;
};

/** A pool as Batch lists it for quota counting (`listPoolSizes`): counts may be absent when 0. */
interface ListedPool {
  id?: string;
  vmSize?: string;
  currentDedicatedNodes?: number;
  targetDedicatedNodes?: number;
  currentLowPriorityNodes?: number;
  targetLowPriorityNodes?: number;
}

/**
 * The account's quotas and what its pools use once every resize finishes (`target`): a new pool
 * must fit beside that. Counted by the same shared `quotaUsage` the account page shows.
 */
const quotaFact = (account: AccountSummary, sizes: VmSizeFact[] | undefined, pools: ListedPool[] | undefined): AccountQuotaFact | undefined => {
  const q = account.quotas;
  if (q.dedicatedCoreQuota === undefined || q.lowPriorityCoreQuota === undefined) return undefined;
  const fact: AccountQuotaFact = { dedicatedCores: q.dedicatedCoreQuota, lowPriorityCores: q.lowPriorityCoreQuota };
  if (q.poolQuota !== undefined) fact.poolQuota = q.poolQuota;
  if (q.dedicatedCoreQuotaPerVmFamilyEnforced) {
    fact.perFamilyDedicatedCores = Object.fromEntries((q.dedicatedCoreQuotaPerVmFamily ?? []).map((f) => [f.family, f.coreQuota]));
  }
  if (pools) {
    fact.poolCount = pools.length;
    if (sizes) {
      const counts = pools.map((p) => ({
        id: p.id ?? "",
        vmSize: p.vmSize ?? "",
        currentDedicatedNodes: p.currentDedicatedNodes ?? 0,
        targetDedicatedNodes: p.targetDedicatedNodes ?? 0,
        currentSpotNodes: p.currentLowPriorityNodes ?? 0,
        targetSpotNodes: p.targetLowPriorityNodes ?? 0,
      }));
      const usage = quotaUsage(q, counts, sizes);
      fact.usedDedicatedCores = usage.dedicated.target;
      fact.usedLowPriorityCores = usage.spot.target;
      fact.usedPerFamilyDedicatedCores = Object.fromEntries(usage.families.map((f) => [f.family, f.target]));
    }
  }
  return fact;
};

/** Reads the account's applications (accountApplications), asked only when a spec references packages. */
export type ApplicationsLookup = () => Promise<ApplicationFact[]>;

export interface TaskCheckDeps {
  batch: BatchGateway;
  logger: Logger;
  applications?: ApplicationsLookup;
}

export interface PoolCheckDeps extends TaskCheckDeps {
  account: AccountSummary;
  arm: ArmGateway | undefined;
}

/** The account's applications when any of `references` lists a package; undefined otherwise or on failure. */
const applicationsFor = (
  references: (readonly ApplicationPackageReferenceSpec[] | undefined)[],
  { applications, logger }: Pick<TaskCheckDeps, "applications" | "logger">,
): Promise<ApplicationFact[] | undefined> | undefined =>
  applications && references.some((refs) => (refs?.length ?? 0) > 0) ? attempt("applications", logger, applications) : undefined;

/**
 * The async half of validation: looks up what only Azure and the registries know, as facts the
 * shared (pure) rules then judge. The same facts go back to the browser so it can rerun them.
 */
export class LiveValidation {
  constructor(private readonly probe: RegistryProbe) {}

  /**
   * Takes the valid parts of a spec (whole or a draft): each lookup about a part runs once that
   * part is valid, the account's own facts (VM sizes, quota) always, so a form gets the answers
   * about what it has so far without stand-in values for the rest.
   */
  async poolFacts(spec: PoolParts, deps: PoolCheckDeps): Promise<ValidationContext> {
    const { batch, account, arm, logger } = deps;
    const registries = spec.container?.registries ?? [];
    const { id, image } = spec;
    const imageSubscription = otherImageSubscription(image, account.subscriptionId);
    const [poolIdTaken, supportedImages, vmSizes, pools, galleryImage, subscriptions, registryFacts, imageFacts, applications] = await Promise.all([
      id === undefined ? undefined : attempt("poolIdTaken", logger, () => batch.poolExists(id)),
      image?.kind === "marketplace" ? attempt("supportedImages", logger, () => batch.listSupportedImages()) : undefined,
      arm ? attempt("vmSizes", logger, () => arm.listVmSizes(account.subscriptionId, account.location)) : undefined,
      attempt("pools", logger, () => batch.listPoolSizes()),
      image?.kind === "gallery" && arm ? attempt("galleryImage", logger, () => this.galleryFact(arm, image.imageId, logger)) : undefined,
      imageSubscription && arm ? this.subscriptionFacts(arm, account.subscriptionId, imageSubscription, logger) : undefined,
      Promise.all(
        registries
          .filter((r) => r.auth.kind === "password")
          .map((r): Promise<RegistryProbeFact> => this.probe.testLogin(r.server, credentialsOf(r))),
      ),
      Promise.all(
        (spec.container?.prefetchImages ?? []).map((ref): Promise<ImageProbeFact> => this.probe.inspectImage(ref, credentialsOf(registryFor(ref, registries)))),
      ),
      applicationsFor([spec.applicationPackages], deps),
    ]);
    const facts: ValidationContext = { accountRegion: account.location, authMode: "entra", registries: registryFacts, images: imageFacts };
    if (poolIdTaken !== undefined) facts.poolIdTaken = poolIdTaken;
    if (supportedImages) facts.supportedImages = supportedImages.map(({ containerCapable: _, ...fact }) => fact);
    if (vmSizes) facts.vmSizes = vmSizes.map(({ maxDataDisks: _, ...fact }) => fact);
    const quota = quotaFact(account, facts.vmSizes, pools);
    if (quota) facts.quota = quota;
    if (galleryImage) facts.galleryImage = galleryImage;
    facts.accountSubscription = subscriptions?.account ?? { subscriptionId: account.subscriptionId };
    if (subscriptions?.image) facts.galleryImageSubscription = subscriptions.image;
    if (applications) facts.applications = applications;
    return facts;
  }

  /**
   * For a gallery image in another subscription: both subscriptions' tenants and whether the
   * image's subscription has Microsoft.Batch registered (each lookup may fail on its own).
   */
  private async subscriptionFacts(arm: ArmGateway, accountSubscriptionId: string, imageSubscriptionId: string, logger: Logger): Promise<{ account: SubscriptionFact; image: SubscriptionFact }> {
    const [accountTenant, imageTenant, batchProvider] = await Promise.all([
      attempt("accountSubscription", logger, () => arm.getSubscriptionTenant(accountSubscriptionId)),
      attempt("galleryImageSubscription", logger, () => arm.getSubscriptionTenant(imageSubscriptionId)),
      attempt("galleryImageSubscription.batchProvider", logger, () => arm.getProviderRegistrationState(imageSubscriptionId, "Microsoft.Batch")),
    ]);
    const account: SubscriptionFact = { subscriptionId: accountSubscriptionId };
    if (accountTenant) account.tenantId = accountTenant;
    const image: SubscriptionFact = { subscriptionId: imageSubscriptionId };
    if (imageTenant) image.tenantId = imageTenant;
    if (batchProvider) image.batchProviderState = batchProvider;
    return { account, image };
  }

  private async galleryFact(arm: ArmGateway, imageId: string, logger: Logger): Promise<GalleryImageFact | undefined> {
    const parsed = parseGalleryImageId(imageId);
    if (!parsed.ok) return undefined;
    const { subscriptionId, resourceGroup, gallery, imageDefinition, version } = parsed.value;
    let versions;
    try {
      versions = await arm.listGalleryImageVersions(subscriptionId, resourceGroup, gallery, imageDefinition);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return { imageId, exists: false };
      throw err;
    }
    const chosen =
      version !== undefined
        ? versions.find((v) => v.name === version)
        : latestGalleryVersion(versions);
    if (!chosen) return { imageId, exists: false };
    // Lists carry no replication state; one GET with $expand=ReplicationStatus does (optional fact).
    const states = await attempt("galleryImage.replicationStatus", logger, () =>
      arm.getGalleryImageVersionReplication(subscriptionId, resourceGroup, gallery, imageDefinition, chosen.name),
    );
    const fact: GalleryImageFact = {
      imageId,
      exists: true,
      replicas: chosen.replication.map((r) => {
        const state = states?.find((s) => sameRegion(s.region, r.region))?.state;
        return state ? { region: r.region, count: r.replicaCount, state } : { region: r.region, count: r.replicaCount };
      }),
    };
    // The version's own id, so a replica advice can name what to change (a definition id means its latest).
    if (chosen.id) fact.versionId = chosen.id;
    if (chosen.osType) fact.osType = chosen.osType;
    if (chosen.osState) fact.osState = chosen.osState;
    if (chosen.state) fact.provisioningState = chosen.state;
    return fact;
  }

  /** Like poolFacts, from the valid parts of a task spec: its id, its image, and the job's pool. */
  async taskFacts(jobId: string, spec: Partial<TaskSpec>, deps: TaskCheckDeps): Promise<ValidationContext> {
    const { batch, logger } = deps;
    const job = await batch.getJob(jobId);
    const { id } = spec;
    const image = spec.containerSettings?.imageName;
    const [taskIdTaken, pool, imageFact, applications] = await Promise.all([
      id === undefined ? undefined : attempt("taskIdTaken", logger, () => batch.taskExists(jobId, id)),
      job.poolId ? this.taskPoolFact(job.poolId, { batch, logger }) : undefined,
      // The task's registry credentials go only to the registry they are for.
      image ? this.probe.inspectImage(image, credentialsOf(registryFor(image, spec.containerSettings?.registry ? [spec.containerSettings.registry] : []))) : undefined,
      applicationsFor([spec.applicationPackages], deps),
    ]);
    const facts: ValidationContext = { authMode: "entra" };
    if (taskIdTaken !== undefined) facts.taskIdTaken = taskIdTaken;
    // What the task's exit conditions may do depends on the job (Batch refuses a job action otherwise).
    facts.job = taskJobFact(job);
    if (imageFact) facts.images = [imageFact];
    if (pool) facts.pool = pool;
    if (applications) facts.applications = applications;
    return facts;
  }

  /** What the job rules need of a job schedule's pool (a container pool wants a containerised job manager). */
  /** A job's facts: the pool it runs on (the job's own tasks are judged against it), and the account's applications when its job manager references packages. */
  async jobFacts(job: Pick<JobSpec, "poolId" | "jobManagerTask">, deps: TaskCheckDeps): Promise<ValidationContext> {
    const [pool, applications] = await Promise.all([this.taskPoolFact(job.poolId, deps), applicationsFor([job.jobManagerTask?.applicationPackages], deps)]);
    const facts: ValidationContext = { authMode: "entra" };
    if (pool) facts.pool = pool;
    if (applications) facts.applications = applications;
    return facts;
  }

  async jobScheduleFacts(spec: JobScheduleSpec, deps: TaskCheckDeps): Promise<ValidationContext> {
    return this.jobFacts(spec.jobSpecification, deps);
  }

  /** The pool a job runs on, as the task and job rules read it; undefined when it cannot be read. */
  private async taskPoolFact(poolId: string, { batch, logger }: { batch: BatchGateway; logger: Logger }): Promise<TaskPoolFact | undefined> {
    const pool = await attempt("pool", logger, () => batch.getCloudPool(poolId));
    if (!pool) return undefined;
    const vm = pool.virtualMachineConfiguration;
    const container = vm?.containerConfiguration;
    const poolFact: TaskPoolFact = {
      poolId: pool.id ?? poolId,
      isContainerPool: container !== undefined,
      prefetchImages: container?.containerImageNames ?? [],
      registryServers: (container?.containerRegistries ?? []).map((r) => r.registryServer ?? "docker.io"),
    };
    const os = vm?.nodeAgentSKUId ? osOfNodeAgentSku(vm.nodeAgentSKUId) : undefined;
    if (os) poolFact.osType = os;
    return poolFact;
  }
}
