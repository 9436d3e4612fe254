/**
 * The built-in Azure roles the local Azure knows, with the ids and permissions Azure publishes
 * (learn.microsoft.com/azure/role-based-access-control/built-in-roles, "General" and "Compute";
 * the Batch roles from learn.microsoft.com/azure/batch/batch-role-based-access-control).
 *
 * Batch splits its permissions: pools, applications and the account are control-plane `actions`;
 * jobs and job schedules (tasks are part of a job) are `dataActions`. A role's `*` in `actions`
 * therefore does not reach jobs, which is why Contributor alone cannot submit work with Entra ID.
 */

export interface Permission {
  actions: readonly string[];
  notActions: readonly string[];
  dataActions: readonly string[];
  notDataActions: readonly string[];
}

export interface RoleDefinition {
  /** The role definition's GUID (the same in every tenant for built-in roles). */
  id: string;
  roleName: string;
  description: string;
  permissions: readonly Permission[];
}

export const CONTRIBUTOR: RoleDefinition = {
  id: "b24988ac-6180-42a0-ab88-20f7382dd24c",
  roleName: "Contributor",
  description:
    "Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.",
  permissions: [
    {
      actions: ["*"],
      notActions: [
        "Microsoft.Authorization/*/Delete",
        "Microsoft.Authorization/*/Write",
        "Microsoft.Authorization/elevateAccess/Action",
        "Microsoft.Blueprint/blueprintAssignments/write",
        "Microsoft.Blueprint/blueprintAssignments/delete",
        "Microsoft.Compute/galleries/share/action",
        "Microsoft.Purview/consents/write",
        "Microsoft.Purview/consents/delete",
      ],
      dataActions: [],
      notDataActions: [],
    },
  ],
};

export const READER: RoleDefinition = {
  id: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
  roleName: "Reader",
  description: "View all resources, but does not allow you to make any changes.",
  permissions: [{ actions: ["*/read"], notActions: [], dataActions: [], notDataActions: [] }],
};

export const BATCH_JOB_SUBMITTER: RoleDefinition = {
  id: "48e5e92e-a480-4e71-aa9c-2778f4c13781",
  roleName: "Azure Batch Job Submitter",
  description: "Lets you submit and manage jobs in the Batch account.",
  permissions: [
    {
      actions: [
        "Microsoft.Batch/batchAccounts/applications/read",
        "Microsoft.Batch/batchAccounts/applications/versions/read",
        "Microsoft.Batch/batchAccounts/pools/read",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
      ],
      notActions: [],
      dataActions: ["Microsoft.Batch/batchAccounts/jobSchedules/*", "Microsoft.Batch/batchAccounts/jobs/*"],
      notDataActions: [],
    },
  ],
};

export const BATCH_DATA_CONTRIBUTOR: RoleDefinition = {
  id: "6aaa78f1-f7de-44ca-8722-c64a23943cae",
  roleName: "Azure Batch Data Contributor",
  description: "Grants permissions to manage Batch pools and jobs but not to modify accounts.",
  permissions: [
    {
      actions: [
        "Microsoft.Authorization/*/read",
        "Microsoft.Batch/batchAccounts/read",
        "Microsoft.Batch/batchAccounts/applications/*",
        "Microsoft.Batch/batchAccounts/certificates/*",
        "Microsoft.Batch/batchAccounts/certificateOperationResults/*",
        "Microsoft.Batch/batchAccounts/pools/*",
        "Microsoft.Batch/batchAccounts/poolOperationResults/*",
        "Microsoft.Batch/locations/*/read",
        "Microsoft.Insights/alertRules/*",
        "Microsoft.Resources/deployments/*",
        "Microsoft.Resources/subscriptions/resourceGroups/read",
      ],
      notActions: [],
      dataActions: ["Microsoft.Batch/batchAccounts/jobSchedules/*", "Microsoft.Batch/batchAccounts/jobs/*"],
      notDataActions: [],
    },
  ],
};

/**
 * A custom role (a tenant's own definition, so its id is local): Reader's `*\/read` reaches no
 * dataActions, so reading jobs and schedules with Entra ID needs their read dataActions as well.
 * The seeded readers hold Reader and this; docs/CONFIGURATION.md lists it beside the operator role.
 */
export const BATCH_JOB_READER: RoleDefinition = {
  id: "5d0c8f0e-2a57-4e5b-9a4c-b47d1a3c0001",
  roleName: "Batch Studio Job Reader",
  description: "Read a Batch account's jobs, tasks and job schedules through the Batch API with Microsoft Entra ID.",
  permissions: [
    {
      actions: [],
      notActions: [],
      dataActions: ["Microsoft.Batch/batchAccounts/jobs/read", "Microsoft.Batch/batchAccounts/jobSchedules/read"],
      notDataActions: [],
    },
  ],
};

/** Every role an assignment may name, by display name (what `az role assignment create --role` takes). */
export const BUILT_IN_ROLES: readonly RoleDefinition[] = [
  CONTRIBUTOR,
  READER,
  BATCH_JOB_SUBMITTER,
  BATCH_DATA_CONTRIBUTOR,
  BATCH_JOB_READER,
];

export function roleNamed(name: string): RoleDefinition {
  const role = BUILT_IN_ROLES.find((r) => r.roleName.toLowerCase() === name.toLowerCase() || r.id === name);
  if (!role)
    throw new Error(
      `No built-in role '${name}' in the local Azure (known: ${BUILT_IN_ROLES.map((r) => r.roleName).join(", ")}).`,
    );
  return role;
}
