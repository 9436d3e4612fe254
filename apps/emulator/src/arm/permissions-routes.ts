/**
 * `GET {scope}/providers/Microsoft.Authorization/permissions`: the caller's effective permissions
 * at a subscription, resource group or resource, one block per role assignment that applies there
 * (assigned at the scope or above). Azure answers it for any signed-in caller about themselves, so
 * it needs no role; an operator with none gets an empty list. Portals call it to grey out what the
 * operator may not do.
 */
import { armErrors } from "./arm-errors";
import type { ArmContext } from "./arm-routes";
import type { ArmCaller } from "./arm-auth";

const PERMISSIONS = ["providers", "Microsoft.Authorization", "permissions"];

export const PERMISSION_PATTERNS = {
  subscription: ["subscriptions", ":sub", ...PERMISSIONS],
  resourceGroup: ["subscriptions", ":sub", "resourceGroups", ":rg", ...PERMISSIONS],
  /** A top-level resource, e.g. providers/Microsoft.Batch/batchAccounts/contosoweu. */
  resource: [
    "subscriptions",
    ":sub",
    "resourceGroups",
    ":rg",
    "providers",
    ":namespace",
    ":type",
    ":name",
    ...PERMISSIONS,
  ],
};

/** The resource ids the seed holds at the top level of a resource group (what the resource pattern may name). */
function resourceExists(ctx: ArmContext, rg: string, namespace: string, type: string, name: string): boolean {
  const key = `${namespace}/${type}`.toLowerCase();
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const inGroup = <T extends { resourceGroup: string; name: string }>(list: readonly T[]) =>
    list.some((r) => same(r.resourceGroup, rg) && same(r.name, name));
  if (key === "microsoft.batch/batchaccounts") return inGroup(ctx.seed.batchAccounts);
  if (key === "microsoft.storage/storageaccounts")
    return inGroup(ctx.storage ? (ctx.seed.storageAccounts ?? []) : []);
  if (key === "microsoft.compute/galleries") return inGroup(ctx.seed.galleries);
  return false;
}

export function permissionsAt(
  ctx: ArmContext,
  caller: ArmCaller,
  params: Record<string, string>,
): { value: unknown[] } {
  const sub = ctx.seed.subscription.subscriptionId;
  let scope = `/subscriptions/${sub}`;
  if (params.rg !== undefined) {
    const rg = ctx.seed.resourceGroups.find((r) => r.name.toLowerCase() === params.rg!.toLowerCase());
    if (!rg) throw armErrors.resourceGroupNotFound(params.rg);
    scope += `/resourceGroups/${rg.name}`;
    if (params.name !== undefined) {
      const { namespace, type, name } = params as { namespace: string; type: string; name: string };
      if (!resourceExists(ctx, rg.name, namespace, type, name))
        throw armErrors.resourceNotFound(`${namespace}/${type}`, name, rg.name);
      scope += `/providers/${namespace}/${type}/${name}`;
    }
  }
  return { value: ctx.access.permissionsAt(caller.oid, scope) };
}
