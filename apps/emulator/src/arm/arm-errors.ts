import type { Response } from "express";

/** An ARM error: the HTTP status plus ARM's `{ error: { code, message } }` body. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers, e.g. WWW-Authenticate on 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ArmError";
  }
}

export function sendArmError(res: Response, err: ArmError): void {
  res
    .status(err.status)
    .set(err.headers)
    .set("x-ms-failure-cause", err.status === 401 || err.status === 403 ? "gateway" : "service")
    .json({ error: { code: err.code, message: err.message } });
}

export const armErrors = {
  subscriptionNotFound: (id: string) =>
    new ArmError(404, "SubscriptionNotFound", `The subscription '${id}' could not be found.`),
  resourceGroupNotFound: (name: string) =>
    new ArmError(404, "ResourceGroupNotFound", `Resource group '${name}' could not be found.`),
  resourceNotFound: (type: string, name: string, resourceGroup: string) =>
    new ArmError(
      404,
      "ResourceNotFound",
      `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    ),
  missingApiVersion: () =>
    new ArmError(
      400,
      "MissingApiVersionParameter",
      "The api-version query parameter (?api-version=) is required for all requests.",
    ),
  unsupportedApiVersion: (type: string, version: string, supported: readonly string[]) =>
    new ArmError(
      400,
      "InvalidApiVersionParameter",
      `The api-version '${version}' is invalid for resource type '${type}'. The supported versions are '${supported.join(",")}'.`,
    ),
  invalidResourceType: (path: string) =>
    new ArmError(
      404,
      "InvalidResourceType",
      `The resource type for '${path}' could not be found. The local ARM emulator serves subscriptions, Microsoft.Batch accounts and locations, and Microsoft.Compute galleries.`,
    ),
  methodNotAllowed: (method: string, path: string) =>
    new ArmError(
      405,
      "MethodNotAllowed",
      `The local ARM emulator is read-only here: ${method} is not supported on '${path}'.`,
    ),
  locationNotAvailable: (location: string, type: string, available: readonly string[]) =>
    new ArmError(
      400,
      "LocationNotAvailableForResourceType",
      `The provided location '${location}' is not available for resource type '${type}'. List of available regions for the resource type is '${available.join(",")}'.`,
    ),
  invalidSkipToken: () =>
    new ArmError(400, "InvalidSkipToken", "The $skiptoken query parameter is not valid."),
};
