#!/usr/bin/env -S npx tsx
/**
 * The local stack's Storage (`pnpm start` runs this under its supervisor): Azurite's blob service on
 * loopback with the seeded storage accounts and their well-known keys, data in <data>/azurite.
 * Azurite runs in this process: its entry reads the arguments and AZURITE_ACCOUNTS set here.
 */
import { join, resolve } from "node:path";
import { DEFAULT_HOST, DEFAULT_PORTS, LOCAL_AZURE_ENV } from "../local-azure-constants";
import { ensurePrivateDir } from "../private-files";
import { DEFAULT_SEED } from "../seed";
import { AZURITE_BLOB_MAIN } from "./azurite";
import { azuriteAccounts, azuriteArgs } from "./local-storage";

const env = process.env;
const location = join(resolve(env[LOCAL_AZURE_ENV.dataDir] || ".data"), "azurite");
const port = Number(env[LOCAL_AZURE_ENV.storagePort] || DEFAULT_PORTS.storage);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `azurite: ${LOCAL_AZURE_ENV.storagePort}: "${env[LOCAL_AZURE_ENV.storagePort]}" is not a port number.`,
  );
  process.exit(2);
}
await ensurePrivateDir(location);
process.env.AZURITE_ACCOUNTS = azuriteAccounts(DEFAULT_SEED.storageAccounts ?? []);
process.argv = [
  process.argv[0]!,
  AZURITE_BLOB_MAIN,
  ...azuriteArgs({ host: env[LOCAL_AZURE_ENV.host] || DEFAULT_HOST, port, location }),
];
await import(AZURITE_BLOB_MAIN);
