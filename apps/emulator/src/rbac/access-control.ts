/**
 * Decides what a principal may do at a scope from the role assignments, as Azure RBAC does
 * without deny assignments, conditions or groups: an assignment applies to its scope and every
 * resource under it; an action is allowed when some applying assignment's permission block
 * grants it (allow entry matches, no notActions entry does). dataActions are checked separately
 * from actions, so `*` in actions never grants a data action.
 */
import { permits, type ActionKind } from "@batch-studio/shared";
import type { Permission } from "./role-definitions";
import type { RoleAssignment } from "./role-assignments";

const trimSlashes = (s: string) => s.replace(/\/+$/, "");

/** Scope A contains resource B when B is A or lies under it, segment by segment, ignoring case. */
export function scopeContains(scope: string, resourceId: string): boolean {
  const a = trimSlashes(scope).toLowerCase();
  const b = trimSlashes(resourceId).toLowerCase();
  return a === "" || b === a || b.startsWith(`${a}/`);
}

export type { ActionKind };

export class AccessControl {
  readonly #assignments: RoleAssignment[];

  constructor(assignments: readonly RoleAssignment[]) {
    this.#assignments = [...assignments];
  }

  /** The principal's assignments that apply at this scope (assigned there or above). */
  assignmentsAt(principalId: string, scope: string): RoleAssignment[] {
    return this.#assignments.filter((a) => a.principalId === principalId && scopeContains(a.scope, scope));
  }

  /** Whether the principal holds any assignment at, above or below the scope (what makes a subscription visible). */
  hasAnyAssignmentTouching(principalId: string, scope: string): boolean {
    return this.#assignments.some(
      (a) =>
        a.principalId === principalId && (scopeContains(a.scope, scope) || scopeContains(scope, a.scope)),
    );
  }

  isAllowed(principalId: string, scope: string, action: string, kind: ActionKind = "action"): boolean {
    return this.assignmentsAt(principalId, scope).some((a) => permits(a.role.permissions, { action, kind }));
  }

  /** `Microsoft.Authorization/permissions`: one permission block per applying assignment's role block. */
  permissionsAt(principalId: string, scope: string): Permission[] {
    return this.assignmentsAt(principalId, scope).flatMap((a) =>
      a.role.permissions.map((p) => ({
        actions: [...p.actions],
        notActions: [...p.notActions],
        dataActions: [...p.dataActions],
        notDataActions: [...p.notDataActions],
      })),
    );
  }
}
