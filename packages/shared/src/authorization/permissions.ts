import { z } from "zod";
import { grants } from "./action-match";

/** Azure RBAC splits permissions: control-plane `actions`, and `dataActions` (Batch's jobs and job schedules). */
export type ActionKind = "action" | "dataAction";

/** One Azure permission a call needs, by Azure's own name. */
export const AzureAction = z.object({ action: z.string(), kind: z.enum(["action", "dataAction"]) });
export type AzureAction = z.infer<typeof AzureAction>;

/** One block of `Microsoft.Authorization/permissions`: what one role assignment grants at a scope. */
export const PermissionBlock = z.object({
  actions: z.array(z.string()).default([]),
  notActions: z.array(z.string()).default([]),
  dataActions: z.array(z.string()).default([]),
  notDataActions: z.array(z.string()).default([]),
});
export type PermissionBlock = z.infer<typeof PermissionBlock>;

/** A permission block as any holder keeps it (the local Azure's role table keeps them read-only). */
export type Grants = { readonly [K in keyof PermissionBlock]: readonly string[] };

/** Granted when some block grants it: an allow entry of its kind matches and no deny entry of that kind does. */
export const permits = (blocks: readonly Grants[], need: AzureAction): boolean =>
  blocks.some((b) =>
    need.kind === "action" ? grants(b.actions, b.notActions, need.action) : grants(b.dataActions, b.notDataActions, need.action),
  );

/** The needed permissions the blocks do not grant (empty: allowed). */
export const missingPermissions = (blocks: readonly Grants[], needs: readonly AzureAction[]): AzureAction[] =>
  needs.filter((n) => !permits(blocks, n));
