/** The handlers' side of saved outputs and signed destinations (storage/): the operator's scope in, Storage out. */
import type { ContainerUrlOf, OutputFileSpec } from "@batch-studio/shared";
import { toProblem } from "../http/problem";
import type { OperatorScope } from "../services/operator-scope";
import { accountStorageContainers, signAccountStorage } from "../storage/signed-destinations";
import { resolveDestinations, savedOutputsSource, type AutoStorageAccess, type ResolvedDestination } from "../storage/saved-outputs";

/**
 * The URL signer for a spec's output files, or undefined when none goes to the account's
 * storage (then no ARM call is made at all).
 */
export const signOutputs = async (scope: OperatorScope, accountId: string, files: readonly (readonly OutputFileSpec[] | undefined)[], expiresOn: Date): Promise<ContainerUrlOf | undefined> => {
  const containers = accountStorageContainers(files);
  if (containers.size === 0) return undefined;
  return signAccountStorage(containers, await scope.autoStorage(accountId), expiresOn);
};

type TaskParams = { account: string; job: string; task: string };

/** The account's auto-storage, or why the operator cannot use it (none linked: 409; no right to its keys: 403). */
const autoStorageAccess = async (scope: OperatorScope, accountId: string): Promise<AutoStorageAccess> => {
  try {
    return { storage: await scope.autoStorage(accountId) };
  } catch (err) {
    const { problem: answer } = toProblem(err);
    if (answer.status !== 403 && answer.status !== 409) throw err;
    return { reason: `${answer.title}. ${answer.detail ?? ""}`.trim(), denied: answer.status === 403 };
  }
};

/** The task's output-file destinations, each with how (or why not) the operator's portal can read it. */
export const taskDestinations = async (scope: OperatorScope, p: TaskParams): Promise<ResolvedDestination[]> => {
  const files = await (await scope.batch(p.account)).taskOutputFiles(p.job, p.task);
  // Without the auto-storage a destination is shown unreadable, with why.
  return resolveDestinations(files, () => autoStorageAccess(scope, p.account));
};

/** The task's saved outputs as a file source (paths "<output file index>/<blob name>"). */
export const savedOutputFiles = async (scope: OperatorScope, p: TaskParams) => savedOutputsSource(await taskDestinations(scope, p));

/**
 * A spec read back from Batch carries its account-storage destinations as the container URLs they
 * were signed into, the signature stripped. Named as account-storage containers again, a clone or
 * a re-add is signed anew when it is sent; without access to the auto-storage account they stay
 * plain container URLs (and the form asks for a SAS).
 */
export const reclaimAccountStorage = async (scope: OperatorScope, accountId: string, files: readonly (readonly OutputFileSpec[] | undefined)[]): Promise<(list: OutputFileSpec[] | undefined) => OutputFileSpec[] | undefined> => {
  const keep = (list: OutputFileSpec[] | undefined) => list;
  if (!files.some((list) => list?.some((f) => f.destination.kind === "container"))) return keep;
  const access = await autoStorageAccess(scope, accountId);
  if (!("storage" in access)) return keep;
  const { storage } = access;
  return (list) =>
    list?.map((f) => {
      if (f.destination.kind !== "container") return f;
      const containerName = storage.containerOf(f.destination.containerUrl);
      return containerName ? { ...f, destination: { kind: "accountStorage" as const, containerName, ...(f.destination.path !== undefined ? { path: f.destination.path } : {}) } } : f;
    });
};
