/**
 * The portal names a Batch account by one opaque URL segment built from its ARM coordinates:
 * `<subscriptionId>~<resourceGroup>~<accountName>`. '~' cannot occur in any of the three
 * (subscription ids are GUIDs, resource groups allow letters, digits, '.', '_', '-', '(' and ')',
 * account names are lowercase letters and digits), so the split is unambiguous.
 */
export interface AccountCoordinates {
  subscriptionId: string;
  resourceGroup: string;
  accountName: string;
}

const SEPARATOR = "~";

export const accountIdOf = (c: AccountCoordinates): string =>
  [c.subscriptionId, c.resourceGroup, c.accountName].join(SEPARATOR);

export const parseAccountId = (id: string): AccountCoordinates | undefined => {
  const parts = id.split(SEPARATOR);
  if (parts.length !== 3 || parts.some((p) => p === "")) return undefined;
  const [subscriptionId, resourceGroup, accountName] = parts as [string, string, string];
  return { subscriptionId, resourceGroup, accountName };
};
