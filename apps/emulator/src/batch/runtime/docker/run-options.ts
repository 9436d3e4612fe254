/**
 * containerRunOptions: the extra `docker create` arguments a Batch task carries, e.g. "--rm --workdir /".
 * Split with the same quote rules as command lines (no shell expansion), then parsed the way the docker
 * CLI's flag library does: `--opt value`, `--opt=value`, `-o value`, `-o=value`, `-ovalue`; boolean
 * flags also as `--flag=true|false`. Only the options listed in OPTIONS are accepted: anything else
 * (including `--name`, which the runtime owns, and `-t`/`-i`, which tasks have no use for) is refused
 * with a message naming it, which the runtime reports as ContainerInvalidSettings.
 */
import { CommandLineError, splitCommandLine } from "../command-line";

export interface EnvOption {
  name: string;
  /** Absent for `-e NAME`: the value is passed through from the task environment or the emulator's own. */
  value?: string;
}

export interface Ulimit {
  Name: string;
  Soft: number;
  Hard: number;
}

export interface RunOptions {
  /** Recorded only: the runtime removes every task container once it has its exit code and output. */
  remove: boolean;
  workdir?: string;
  env: EnvOption[];
  /** "" resets the image ENTRYPOINT, as `docker run --entrypoint ""` does. */
  entrypoint?: string;
  user?: string;
  memoryBytes?: number;
  memorySwapBytes?: number;
  nanoCpus?: number;
  cpuShares?: number;
  network?: string;
  shmSizeBytes?: number;
  privileged: boolean;
  readOnly: boolean;
  init: boolean;
  ipc?: string;
  pidsLimit?: number;
  hostname?: string;
  capAdd: string[];
  capDrop: string[];
  securityOpt: string[];
  dns: string[];
  addHosts: string[];
  ulimits: Ulimit[];
  labels: Record<string, string>;
  /** Mount point -> tmpfs options ("" for defaults). */
  tmpfs: Record<string, string>;
  /** `-v src:dst[:mode]` bind or named-volume mounts, as the engine's HostConfig.Binds takes them. */
  binds: string[];
  /** `-v /path`: anonymous volumes. */
  anonymousVolumes: string[];
}

export type RunOptionsResult = { ok: true; options: RunOptions } | { ok: false; message: string };

class RunOptionError extends Error {}

interface OptionSpec {
  names: string[];
  /** Boolean flags take no separate value word. */
  flag?: true;
  apply(options: RunOptions, value: string, name: string): void;
}

const emptyOptions = (): RunOptions => ({
  remove: false,
  env: [],
  privileged: false,
  readOnly: false,
  init: false,
  capAdd: [],
  capDrop: [],
  securityOpt: [],
  dns: [],
  addHosts: [],
  ulimits: [],
  labels: {},
  tmpfs: {},
  binds: [],
  anonymousVolumes: [],
});

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Docker's RAMInBytes: "512m", "1g", "1.5GiB", "1024" (binary units, case-insensitive). */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s?([kmgtp]?)(?:i?b)?$/i.exec(text.trim());
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}

function byteSize(value: string, name: string): number {
  const bytes = parseByteSize(value);
  if (bytes === undefined) throw new RunOptionError(`${name} needs a size like 512m or 2g, not "${value}"`);
  return bytes;
}

function positiveInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new RunOptionError(`${name} needs a whole number, not "${value}"`);
  return Number(value);
}

function parseUlimit(value: string, name: string): Ulimit {
  const m = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
  if (!m) throw new RunOptionError(`${name} needs NAME=SOFT[:HARD], e.g. nofile=1024:2048, not "${value}"`);
  const soft = Number(m[2]);
  return { Name: m[1]!, Soft: soft, Hard: m[3] === undefined ? soft : Number(m[3]) };
}

function parseVolume(options: RunOptions, value: string, name: string): void {
  if (value === "") throw new RunOptionError(`${name} needs a value like /host/path:/container/path[:ro]`);
  const parts = value.split(":");
  if (parts.length === 1) {
    if (!value.startsWith("/"))
      throw new RunOptionError(`${name} ${value}: a container path must be absolute`);
    options.anonymousVolumes.push(value);
    return;
  }
  if (parts.length > 3 || parts.some((p) => p === "")) {
    throw new RunOptionError(`${name} ${value}: expected SOURCE:TARGET[:MODE]`);
  }
  if (!parts[1]!.startsWith("/"))
    throw new RunOptionError(`${name} ${value}: the container path must be absolute`);
  options.binds.push(value);
}

const OPTIONS: OptionSpec[] = [
  { names: ["--rm"], flag: true, apply: (o, v) => (o.remove = v === "true") },
  { names: ["--privileged"], flag: true, apply: (o, v) => (o.privileged = v === "true") },
  { names: ["--read-only"], flag: true, apply: (o, v) => (o.readOnly = v === "true") },
  { names: ["--init"], flag: true, apply: (o, v) => (o.init = v === "true") },
  { names: ["-w", "--workdir"], apply: (o, v, n) => (o.workdir = absolutePath(v, n)) },
  {
    names: ["-e", "--env"],
    apply: (o, v, n) => {
      const eq = v.indexOf("=");
      const envName = eq < 0 ? v : v.slice(0, eq);
      if (envName === "") throw new RunOptionError(`${n} needs NAME=value or NAME, not "${v}"`);
      o.env.push(eq < 0 ? { name: envName } : { name: envName, value: v.slice(eq + 1) });
    },
  },
  { names: ["--entrypoint"], apply: (o, v) => (o.entrypoint = v) },
  { names: ["-u", "--user"], apply: (o, v, n) => (o.user = nonEmpty(v, n)) },
  { names: ["-m", "--memory"], apply: (o, v, n) => (o.memoryBytes = byteSize(v, n)) },
  {
    names: ["--memory-swap"],
    // -1 means unlimited swap, as for docker.
    apply: (o, v, n) => (o.memorySwapBytes = v === "-1" ? -1 : byteSize(v, n)),
  },
  {
    names: ["--cpus"],
    apply: (o, v, n) => {
      const cpus = Number(v);
      if (!/^\d*\.?\d+$/.test(v) || !(cpus > 0))
        throw new RunOptionError(`${n} needs a positive number of CPUs, not "${v}"`);
      o.nanoCpus = Math.round(cpus * 1e9);
    },
  },
  { names: ["-c", "--cpu-shares"], apply: (o, v, n) => (o.cpuShares = positiveInteger(v, n)) },
  { names: ["--network", "--net"], apply: (o, v, n) => (o.network = nonEmpty(v, n)) },
  { names: ["--shm-size"], apply: (o, v, n) => (o.shmSizeBytes = byteSize(v, n)) },
  { names: ["--ipc"], apply: (o, v, n) => (o.ipc = nonEmpty(v, n)) },
  { names: ["--pids-limit"], apply: (o, v, n) => (o.pidsLimit = v === "-1" ? -1 : positiveInteger(v, n)) },
  { names: ["-h", "--hostname"], apply: (o, v, n) => (o.hostname = nonEmpty(v, n)) },
  { names: ["--cap-add"], apply: (o, v, n) => o.capAdd.push(nonEmpty(v, n)) },
  { names: ["--cap-drop"], apply: (o, v, n) => o.capDrop.push(nonEmpty(v, n)) },
  { names: ["--security-opt"], apply: (o, v, n) => o.securityOpt.push(nonEmpty(v, n)) },
  { names: ["--dns"], apply: (o, v, n) => o.dns.push(nonEmpty(v, n)) },
  {
    names: ["--add-host"],
    apply: (o, v, n) => {
      if (!/^[^:=\s]+[:=].+$/.test(v)) throw new RunOptionError(`${n} needs HOST:IP, not "${v}"`);
      o.addHosts.push(v.replace("=", ":"));
    },
  },
  { names: ["--ulimit"], apply: (o, v, n) => o.ulimits.push(parseUlimit(v, n)) },
  {
    names: ["-l", "--label"],
    apply: (o, v, n) => {
      const eq = v.indexOf("=");
      const key = eq < 0 ? v : v.slice(0, eq);
      if (key === "") throw new RunOptionError(`${n} needs KEY=value, not "${v}"`);
      o.labels[key] = eq < 0 ? "" : v.slice(eq + 1);
    },
  },
  {
    names: ["--tmpfs"],
    apply: (o, v, n) => {
      const colon = v.indexOf(":");
      const path = absolutePath(colon < 0 ? v : v.slice(0, colon), n);
      o.tmpfs[path] = colon < 0 ? "" : v.slice(colon + 1);
    },
  },
  { names: ["-v", "--volume"], apply: parseVolume },
];

/** Refused on purpose, with the reason (instead of "unknown option"). */
const REFUSED: Record<string, string> = {
  "--name": "the emulator names each task's container itself",
  "-d": "the task's container always runs attached so its output reaches stdout.txt and stderr.txt",
  "--detach": "the task's container always runs attached so its output reaches stdout.txt and stderr.txt",
};

const BY_NAME = new Map(OPTIONS.flatMap((spec) => spec.names.map((n) => [n, spec] as const)));

function nonEmpty(value: string, name: string): string {
  if (value === "") throw new RunOptionError(`${name} needs a value`);
  return value;
}

function absolutePath(value: string, name: string): string {
  if (!value.startsWith("/")) throw new RunOptionError(`${name} needs an absolute path, not "${value}"`);
  return value;
}

/** Finds the option a word names, with its inline value if written `--opt=value`, `-o=value` or `-ovalue`. */
function lookup(word: string): { name: string; spec: OptionSpec; inline?: string } | undefined {
  if (word.startsWith("--")) {
    const eq = word.indexOf("=");
    const name = eq < 0 ? word : word.slice(0, eq);
    const spec = BY_NAME.get(name);
    if (!spec) return undefined;
    return eq < 0 ? { name, spec } : { name, spec, inline: word.slice(eq + 1) };
  }
  const name = word.slice(0, 2);
  const spec = BY_NAME.get(name);
  if (!spec || (spec.flag && word.length > 2)) return undefined;
  if (word.length === 2) return { name, spec };
  return { name, spec, inline: word[2] === "=" ? word.slice(3) : word.slice(2) };
}

function optionName(word: string): string {
  return word.startsWith("--") ? word.split("=")[0]! : word.slice(0, 2);
}

export function parseRunOptions(text: string): RunOptionsResult {
  let words: string[];
  try {
    words = splitCommandLine(text);
  } catch (e) {
    return {
      ok: false,
      message: `containerRunOptions cannot be split: ${e instanceof CommandLineError ? e.message : String(e)}`,
    };
  }
  const options = emptyOptions();
  try {
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (!word.startsWith("-") || word === "-" || word === "--") {
        throw new RunOptionError(
          `unexpected argument "${word}": containerRunOptions holds only docker create options (the image and command are separate settings)`,
        );
      }
      const found = lookup(word);
      if (!found) {
        const name = optionName(word);
        const reason = REFUSED[name];
        throw new RunOptionError(
          reason
            ? `the container run option ${name} is not allowed: ${reason}`
            : `unknown container run option ${name}`,
        );
      }
      const { name, spec, inline } = found;
      let value: string;
      if (spec.flag) {
        if (inline !== undefined && inline !== "true" && inline !== "false") {
          throw new RunOptionError(`${name} takes no value (or =true / =false), not "${inline}"`);
        }
        value = inline ?? "true";
      } else if (inline !== undefined) {
        value = inline;
      } else {
        const next = words[i + 1];
        if (next === undefined) throw new RunOptionError(`${name} needs a value`);
        value = next;
        i++;
      }
      spec.apply(options, value, name);
    }
  } catch (e) {
    if (e instanceof RunOptionError) return { ok: false, message: e.message };
    throw e;
  }
  return { ok: true, options };
}

/** Every option name the parser accepts, for documentation and error hints. */
export const SUPPORTED_RUN_OPTIONS: readonly string[] = OPTIONS.flatMap((spec) => spec.names);
