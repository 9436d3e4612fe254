/**
 * `Microsoft.Batch/batchAccounts/{a}/applications[/{app}[/versions[/{v}[/activate]]]]` as
 * api-version 2023-11-01 answers them (BatchManagement.json, examples ApplicationCreate,
 * ApplicationPackageCreate, ApplicationPackageActivate): a version's create returns the
 * `storageUrl` (a SAS blob URL in the account's auto-storage account) the client uploads the zip
 * to, and `activate` with `{format: "zip"}` makes it Active once the blob is there.
 *
 * Error codes Azure answers, as Azure's own SDK tests against the live service expect them
 * (azure-sdk-for-js arm-batch test "batchManagementClient"): 409 ApplicationPackageBlobNotFound
 * (activate before upload), 409 RequestedDefaultVersionNotActive, 409 ApplicationPackagesNotEmpty
 * (delete an application that still has versions). The others are the emulator's choice, because
 * neither the spec (success examples only) nor Learn names them: 409 AutoStorageNotConfigured (an
 * account with no linked storage account; Learn says packages need one), 409
 * ApplicationPackageAlreadyExists (re-creating an Active version of an application whose
 * allowUpdates is false), 400 InvalidResourceName and InvalidRequestContent.
 */
import {
  BlobSASPermissions,
  BlobServiceClient,
  RestError,
  SASProtocol,
  StorageSharedKeyCredential,
} from "@azure/storage-blob";
import type { Request } from "express";
import {
  newEtag,
  packageContainer,
  type Application,
  type PackageVersion,
} from "../applications/application-catalog";
import type { StorageAccountAccess } from "../storage/local-storage";
import { ArmError } from "./arm-errors";
import { ArmReply } from "./gallery-writes";
import { applicationPackageResource, applicationResource } from "./resource-shapes";

/** How long a storageUrl's SAS lets the client upload (the emulator's choice: Azure names none). */
const UPLOAD_WINDOW_MS = 4 * 3600_000;
const APP_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const VERSION_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

/** One Batch account's applications, with the ARM id prefix and its auto-storage account. */
export interface ApplicationScope {
  /** `/subscriptions/…/batchAccounts/{a}`. */
  accountId: string;
  accountName: string;
  apps: Map<string, Application>;
  storage?: StorageAccountAccess;
}

const notFound = (what: string, name: string) =>
  new ArmError(404, "ResourceNotFound", `The specified ${what} '${name}' does not exist.`);

function application(scope: ApplicationScope, name: string): Application {
  const app = scope.apps.get(name.toLowerCase());
  if (!app) throw notFound("application", name);
  return app;
}

function version(app: Application, name: string): PackageVersion {
  const v = app.versions.get(name.toLowerCase());
  if (!v) throw notFound("application package", `${app.name}/${name}`);
  return v;
}

function autoStorage(scope: ApplicationScope): StorageAccountAccess {
  if (!scope.storage)
    throw new ArmError(
      409,
      "AutoStorageNotConfigured",
      `The Batch account '${scope.accountName}' has no auto-storage account linked; application packages are stored there.`,
    );
  return scope.storage;
}

const containerOf = (storage: StorageAccountAccess, container: string) =>
  new BlobServiceClient(
    storage.blobEndpoint,
    new StorageSharedKeyCredential(storage.name, storage.key),
  ).getContainerClient(container);

/** The properties ARM reads from an Application body (`{properties: {...}}`). */
function applicationProperties(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === undefined || body === null || (typeof body === "object" && Object.keys(body).length === 0))
    return {};
  const props = typeof body === "object" ? Reflect.get(body, "properties") : undefined;
  if (props === undefined) return {};
  if (typeof props !== "object" || props === null || Array.isArray(props))
    throw new ArmError(400, "InvalidRequestContent", "properties must be an object.");
  return { ...props };
}

function applyProperties(app: Application, props: Record<string, unknown>): void {
  const { displayName, allowUpdates, defaultVersion } = props;
  if (displayName !== undefined && typeof displayName !== "string")
    throw new ArmError(400, "InvalidRequestContent", "properties.displayName must be a string.");
  if (allowUpdates !== undefined && typeof allowUpdates !== "boolean")
    throw new ArmError(400, "InvalidRequestContent", "properties.allowUpdates must be a boolean.");
  if (defaultVersion !== undefined && defaultVersion !== null) {
    const v = typeof defaultVersion === "string" ? app.versions.get(defaultVersion.toLowerCase()) : undefined;
    if (v?.state !== "Active")
      throw new ArmError(
        409,
        "RequestedDefaultVersionNotActive",
        `The requested default version '${String(defaultVersion)}' of application '${app.name}' is not an active package.`,
      );
    app.defaultVersion = v.name;
  }
  if (defaultVersion === null) delete app.defaultVersion;
  if (displayName !== undefined) app.displayName = displayName;
  if (allowUpdates !== undefined) app.allowUpdates = allowUpdates;
  app.etag = newEtag();
}

export const listApplications = (scope: ApplicationScope) =>
  [...scope.apps.values()].map((a) => applicationResource(scope.accountId, a));

export const getApplication = (scope: ApplicationScope, name: string) =>
  applicationResource(scope.accountId, application(scope, name));

/** PUT: create, or replace the properties of, an application (its versions stay). */
export function putApplication(scope: ApplicationScope, name: string, req: Request) {
  if (!APP_NAME.test(name))
    throw new ArmError(
      400,
      "InvalidResourceName",
      `The application name '${name}' is invalid: 1-64 letters, digits, '-' or '_'.`,
    );
  autoStorage(scope);
  const existing = scope.apps.get(name.toLowerCase());
  const app: Application = existing ?? { name, allowUpdates: true, etag: "", versions: new Map() };
  const props = applicationProperties(req);
  if (existing) {
    delete app.displayName;
    delete app.defaultVersion;
    app.allowUpdates = true;
  }
  applyProperties(app, props);
  scope.apps.set(name.toLowerCase(), app);
  return applicationResource(scope.accountId, app);
}

/** PATCH: the given properties change, the others stay. */
export function patchApplication(scope: ApplicationScope, name: string, req: Request) {
  const app = application(scope, name);
  applyProperties(app, applicationProperties(req));
  return applicationResource(scope.accountId, app);
}

export function deleteApplication(scope: ApplicationScope, name: string): ArmReply {
  const app = scope.apps.get(name.toLowerCase());
  if (!app) return new ArmReply(204, undefined);
  if (app.versions.size > 0)
    throw new ArmError(
      409,
      "ApplicationPackagesNotEmpty",
      `The application '${app.name}' still has application packages; delete them first.`,
    );
  scope.apps.delete(name.toLowerCase());
  return new ArmReply(200, undefined);
}

/** A fresh SAS URL for uploading the version's blob (reads answer one too, as Azure's do). */
async function uploadUrl(storage: StorageAccountAccess, v: PackageVersion) {
  const expiresOn = new Date(Date.now() + UPLOAD_WINDOW_MS);
  const url = await containerOf(storage, v.container)
    .getBlobClient(v.blobName)
    .generateSasUrl({
      permissions: BlobSASPermissions.parse("rcw"),
      expiresOn,
      // The local blob service listens on plain http.
      protocol: SASProtocol.HttpsAndHttp,
    });
  return { storageUrl: url, storageUrlExpiry: expiresOn.toISOString() };
}

async function versionJson(scope: ApplicationScope, app: Application, v: PackageVersion) {
  const upload = scope.storage ? await uploadUrl(scope.storage, v) : undefined;
  return applicationPackageResource(scope.accountId, app, v, upload);
}

export async function listVersions(scope: ApplicationScope, name: string) {
  const app = application(scope, name);
  return Promise.all([...app.versions.values()].map((v) => versionJson(scope, app, v)));
}

export const getVersion = (scope: ApplicationScope, name: string, versionName: string) => {
  const app = application(scope, name);
  return versionJson(scope, app, version(app, versionName));
};

/**
 * PUT: a Pending version and the storageUrl to upload its zip to. The application is made when it
 * does not exist yet (as the portal's "add a package with a new application id" does).
 */
export async function putVersion(scope: ApplicationScope, name: string, versionName: string) {
  const storage = autoStorage(scope);
  if (!VERSION_NAME.test(versionName))
    throw new ArmError(
      400,
      "InvalidResourceName",
      `The version '${versionName}' is invalid: 1-64 letters, digits, '-', '_' or '.'.`,
    );
  const app = scope.apps.get(name.toLowerCase()) ?? putApplicationNamed(scope, name);
  const existing = app.versions.get(versionName.toLowerCase());
  if (existing?.state === "Active" && !app.allowUpdates)
    throw new ArmError(
      409,
      "ApplicationPackageAlreadyExists",
      `Version '${existing.name}' of application '${app.name}' is active and the application does not allow updates.`,
    );
  const v: PackageVersion = existing ?? {
    name: versionName,
    state: "Pending",
    etag: newEtag(),
    container: packageContainer(scope.accountName, app.name),
    // A new blob per created version, so a deleted and re-created version never serves the old zip.
    blobName: `${app.name.toLowerCase()}-${versionName.toLowerCase()}-${crypto.randomUUID()}.zip`,
  };
  await containerOf(storage, v.container).createIfNotExists();
  app.versions.set(versionName.toLowerCase(), v);
  return versionJson(scope, app, v);
}

function putApplicationNamed(scope: ApplicationScope, name: string): Application {
  if (!APP_NAME.test(name))
    throw new ArmError(400, "InvalidResourceName", `The application name '${name}' is invalid.`);
  const app: Application = { name, allowUpdates: true, etag: newEtag(), versions: new Map() };
  scope.apps.set(name.toLowerCase(), app);
  return app;
}

/** POST activate `{format}`: the uploaded blob becomes the Active package. */
export async function activateVersion(
  scope: ApplicationScope,
  name: string,
  versionName: string,
  req: Request,
) {
  const app = application(scope, name);
  const v = version(app, versionName);
  const format: unknown =
    typeof req.body === "object" && req.body ? Reflect.get(req.body, "format") : undefined;
  if (typeof format !== "string" || format.toLowerCase() !== "zip")
    throw new ArmError(
      400,
      "InvalidRequestContent",
      "format is required and must be 'zip', the only package format Batch supports.",
    );
  const storage = autoStorage(scope);
  try {
    await containerOf(storage, v.container).getBlobClient(v.blobName).getProperties();
  } catch (e) {
    if (e instanceof RestError && e.statusCode === 404)
      throw new ArmError(
        409,
        "ApplicationPackageBlobNotFound",
        `The package blob of version '${v.name}' of application '${app.name}' was not uploaded to its storageUrl.`,
      );
    throw e;
  }
  Object.assign(v, {
    state: "Active",
    format,
    lastActivationTime: new Date().toISOString(),
    etag: newEtag(),
  });
  return applicationPackageResource(scope.accountId, app, v);
}

/** DELETE: the version and its blob; it stops being the default version (Learn: "Delete"). */
export async function deleteVersion(scope: ApplicationScope, name: string, versionName: string) {
  const app = scope.apps.get(name.toLowerCase());
  const v = app?.versions.get(versionName.toLowerCase());
  if (!app || !v) return new ArmReply(204, undefined);
  if (scope.storage) await containerOf(scope.storage, v.container).getBlobClient(v.blobName).deleteIfExists();
  app.versions.delete(versionName.toLowerCase());
  if (app.defaultVersion?.toLowerCase() === v.name.toLowerCase()) delete app.defaultVersion;
  return new ArmReply(200, undefined);
}
