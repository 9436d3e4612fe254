/**
 * Task containerRunOptions are extra `docker create` arguments. We split them like a POSIX shell
 * (quotes, backslashes) and sort them into options docker create knows, options Batch controls
 * itself, and things docker would not accept.
 */

/** docker create options that take a value (long and short forms). */
const WITH_VALUE = new Set(
  (
    "--add-host --annotation --attach -a --blkio-weight --blkio-weight-device --cap-add --cap-drop --cgroup-parent --cgroupns --cidfile " +
    "--cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares -c --cpus --cpuset-cpus --cpuset-mems --device " +
    "--device-cgroup-rule --device-read-bps --device-read-iops --device-write-bps --device-write-iops --dns --dns-option --dns-search " +
    "--domainname --entrypoint --env -e --env-file --expose --gpus --group-add --health-cmd --health-interval --health-retries " +
    "--health-start-interval --health-start-period --health-timeout --hostname -h --ip --ip6 --ipc --isolation --kernel-memory " +
    "--label -l --label-file --link --link-local-ip --log-driver --log-opt --mac-address --memory -m --memory-reservation " +
    "--memory-swap --memory-swappiness --mount --name --network --net --network-alias --oom-score-adj --pid --pids-limit --platform " +
    "--publish -p --pull --restart --runtime --security-opt --shm-size --stop-signal --stop-timeout --storage-opt --sysctl --tmpfs " +
    "--ulimit --user -u --userns --uts --volume -v --volume-driver --volumes-from --workdir -w"
  ).split(" "),
);

/** docker create options that are flags. */
const FLAGS = new Set(
  "--init --interactive -i --no-healthcheck --oom-kill-disable --privileged --publish-all -P --quiet -q --read-only --rm --tty -t --use-api-socket".split(
    " ",
  ),
);

/** Options Batch sets itself or that make no sense for a Batch task. */
const BATCH_CONTROLLED: Record<string, string> = {
  "--name": "Batch names the task's container itself",
  "--detach": "is a docker run option; Batch creates and starts the container itself",
  "-d": "is a docker run option; Batch creates and starts the container itself",
  "--interactive": "a Batch task has no stdin to attach",
  "-i": "a Batch task has no stdin to attach",
};

export interface RunOption {
  name: string;
  value?: string;
}

export interface RunOptions {
  options: RunOption[];
  /** Options docker create does not know. */
  unknown: string[];
  /** Known options Batch controls, with why. */
  unsupported: { name: string; reason: string }[];
  /** Words that are not options: docker would read the first as the image name. */
  positional: string[];
  /** Set when quoting is unbalanced. */
  syntaxError?: string;
  workdir?: string;
}

export const splitShellWords = (text: string): { words: string[]; error?: string } => {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === "\\" && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === "\\" && i + 1 < text.length) {
      current += text[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return quote ? { words, error: `unbalanced ${quote} quote` } : { words };
};

export const parseRunOptions = (text: string): RunOptions => {
  const { words, error } = splitShellWords(text);
  const result: RunOptions = { options: [], unknown: [], unsupported: [], positional: [] };
  if (error) result.syntaxError = error;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith("-") || word === "-") {
      result.positional.push(word);
      continue;
    }
    const eq = word.indexOf("=");
    const name = eq > 0 ? word.slice(0, eq) : word;
    let value: string | undefined = eq > 0 ? word.slice(eq + 1) : undefined;
    if (WITH_VALUE.has(name)) {
      if (value === undefined && i + 1 < words.length) value = words[++i];
    } else if (!FLAGS.has(name) && !BATCH_CONTROLLED[name]) {
      result.unknown.push(name);
      continue;
    }
    result.options.push(value === undefined ? { name } : { name, value });
    const reason = BATCH_CONTROLLED[name];
    if (reason) result.unsupported.push({ name, reason });
    if ((name === "--workdir" || name === "-w") && value !== undefined) result.workdir = value;
  }
  return result;
};
