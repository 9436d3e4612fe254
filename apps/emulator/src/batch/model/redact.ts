/**
 * The one list of wire fields that carry secrets, and the walks over it: hiding them on every
 * read (Batch never returns a secret it was given), dropping the ones the emulator never uses,
 * and sealing/unsealing the ones it keeps when records go to and come from the store.
 *
 * Which secrets are kept: registry passwords, because a node that starts later (or after a
 * restart) still has to pull with them; and the URLs of resource and output files, which carry SAS
 * tokens the node needs at every attempt. Those URLs are the task's own description, so reads show
 * them as given (a clone needs them); they are sealed at rest like the passwords. Everything else (user-account passwords and SSH private
 * keys, mount account keys, SAS keys and CIFS passwords) is dropped when the entity is created:
 * the emulator creates no node users and mounts nothing, so it has no use for them.
 *
 * Every walk returns the same object when it changes nothing, so list pages keep their cached
 * JSON and the scheduler's frequent writes of secret-free tasks cost no copy.
 */

/** A path into a wire object; "[]" steps into every element of an array. */
type SecretPath = readonly string[];

interface SecretField {
  path: SecretPath;
  /** Whether the emulator needs the value again after the entity was created. */
  kept: boolean;
  /** Returned by reads (sealed at rest only). */
  shown?: true;
}

const registry = (...at: string[]): SecretField => ({ path: [...at, "registry", "password"], kept: true });
const sasUrl = (...path: string[]): SecretField => ({ path, kept: true, shown: true });
const taskSecrets = (...at: string[]): SecretField[] => [
  registry(...at, "containerSettings"),
  sasUrl(...at, "resourceFiles", "[]", "httpUrl"),
  sasUrl(...at, "resourceFiles", "[]", "storageContainerUrl"),
  sasUrl(...at, "outputFiles", "[]", "destination", "container", "containerUrl"),
];

/** Secret-bearing fields of a pool specification (also nested in a job's auto-pool). */
const poolSecrets = (...at: string[]): SecretField[] => [
  {
    path: [
      ...at,
      "virtualMachineConfiguration",
      "containerConfiguration",
      "containerRegistries",
      "[]",
      "password",
    ],
    kept: true,
  },
  ...taskSecrets(...at, "startTask"),
  { path: [...at, "userAccounts", "[]", "password"], kept: false },
  { path: [...at, "userAccounts", "[]", "linuxUserConfiguration", "sshPrivateKey"], kept: false },
  { path: [...at, "mountConfiguration", "[]", "azureFileShareConfiguration", "accountKey"], kept: false },
  {
    path: [...at, "mountConfiguration", "[]", "azureBlobFileSystemConfiguration", "accountKey"],
    kept: false,
  },
  { path: [...at, "mountConfiguration", "[]", "azureBlobFileSystemConfiguration", "sasKey"], kept: false },
  { path: [...at, "mountConfiguration", "[]", "cifsMountConfiguration", "password"], kept: false },
];

/**
 * Every secret of the Batch REST model (2022-10-01.16.0) that a pool, node, job, job schedule or task wire can
 * hold. The paths of different entities do not collide, so one list serves all of them.
 */
const SECRET_FIELDS: readonly SecretField[] = [
  ...poolSecrets(),
  ...poolSecrets("poolInfo", "autoPoolSpecification", "pool"),
  // A task's own container settings; a node's copy of the pool's start task is covered above.
  ...taskSecrets(),
  ...taskSecrets("jobManagerTask"),
  ...taskSecrets("jobPreparationTask"),
  ...taskSecrets("jobReleaseTask"),
  // A job schedule holds the same job fields under jobSpecification.
  ...poolSecrets("jobSpecification", "poolInfo", "autoPoolSpecification", "pool"),
  ...taskSecrets("jobSpecification", "jobManagerTask"),
  ...taskSecrets("jobSpecification", "jobPreparationTask"),
  ...taskSecrets("jobSpecification", "jobReleaseTask"),
];

/** What to do with one secret: return the new value, or undefined to drop the field. */
type SecretChange = (value: string, field: SecretField) => string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

function changeAt(node: unknown, path: SecretPath, field: SecretField, change: SecretChange): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return node;
  if (step === "[]") {
    if (!Array.isArray(node)) return node;
    let out: unknown[] | undefined;
    node.forEach((item, i) => {
      const next = changeAt(item, rest, field, change);
      if (next !== item) (out ??= [...node])[i] = next;
    });
    return out ?? node;
  }
  if (!isObject(node) || Array.isArray(node) || !(step in node)) return node;
  const value = node[step];
  if (rest.length === 0) {
    if (typeof value !== "string") return node;
    const next = change(value, field);
    if (next === value) return node;
    const copy = { ...node };
    if (next === undefined) delete copy[step];
    else copy[step] = next;
    return copy;
  }
  const next = changeAt(value, rest, field, change);
  return next === value ? node : { ...node, [step]: next };
}

/** Apply `change` to every secret in `wire`, copying only the branches that change. */
export function mapSecrets<T extends object>(wire: T, change: SecretChange): T {
  let out: unknown = wire;
  for (const field of SECRET_FIELDS) out = changeAt(out, field.path, field, change);
  // changeAt copies objects as they are and replaces only string leaves, so the shape is T's.
  return out as T;
}

/** The wire as a read returns it: no secret it was given, only the file URLs that describe the task. */
export const withoutSecrets = <T extends object>(wire: T): T =>
  mapSecrets(wire, (value, field) => (field.shown ? value : undefined));

/** The wire as the emulator keeps it: only the secrets it will use again. */
export const withUsedSecretsOnly = <T extends object>(wire: T): T =>
  mapSecrets(wire, (value, field) => (field.kept ? value : undefined));
