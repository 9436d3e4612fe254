/**
 * "Save to the account's storage": output destinations that name a container of the Batch
 * account's auto-storage account are signed here, when the task, job or schedule is sent to
 * Batch, with a container-scoped write SAS (account-storage.ts). The signed URL goes to Batch and
 * nowhere else: Batch needs it to upload, the browser never sees it (task reads strip the SAS).
 */
import type { ContainerUrlOf, JobSpec, OutputFileSpec } from "@batch-studio/shared";
import type { AccountStorage } from "./account-storage";

/** The auto-storage containers some output files go to. */
export const accountStorageContainers = (files: readonly (readonly OutputFileSpec[] | undefined)[]): Set<string> =>
  new Set(files.flatMap((list) => (list ?? []).flatMap((f) => (f.destination.kind === "accountStorage" ? [f.destination.containerName] : []))));

/** The output files a job carries to Batch: only its job manager task has any. */
export const jobOutputFiles = (job: Pick<JobSpec, "jobManagerTask"> | undefined) => [job?.jobManagerTask?.outputFiles];

/** Signs each container once (creating it if needed) and answers the URLs the conversion asks for. */
export const signAccountStorage = async (containers: ReadonlySet<string>, storage: AccountStorage, expiresOn: Date): Promise<ContainerUrlOf> => {
  const signed = new Map(await Promise.all([...containers].map(async (name) => [name, await storage.writeSasUrl(name, expiresOn)] as const)));
  return (name) => {
    const url = signed.get(name);
    // Every name was collected from the same spec before signing, so a miss is a bug here.
    if (url === undefined) throw new Error(`the container "${name}" was not signed`);
    return url;
  };
};
