import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ContainerClient, StorageSharedKeyCredential } from "@azure/storage-blob";
import { startAzurite } from "../../storage/azurite";
import { storageAccountAccess, type StorageAccountAccess } from "../../storage/local-storage";

/** A real Azurite in a folder of its own, with the seeded storage account the tests use as auto-storage. */
export interface TestStorage {
  access: StorageAccountAccess;
  /** A new container of that account, key-authenticated (the test's side of the blobs). */
  container(name: string): Promise<ContainerClient>;
  close(): Promise<void>;
}

export async function startTestStorage(prefix: string): Promise<TestStorage> {
  const dir = await mkdtemp(join(tmpdir(), `${prefix}-`));
  const azurite = await startAzurite({ location: dir });
  const access = storageAccountAccess(azurite, "contosoweudata");
  const credential = new StorageSharedKeyCredential(access.name, access.key);
  return {
    access,
    container: async (name) => {
      const client = new ContainerClient(`${access.blobEndpoint}/${name}`, credential);
      await client.create();
      return client;
    },
    close: async () => {
      await azurite.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
