import type { Rule } from "../rule";
import { canonicalImageNameOf, type TaskFacts } from "../task-facts";
import { setFix } from "../rule";
import { splitShellWords } from "../run-options";

const SETTINGS = ["containerSettings"];
const IMAGE = ["containerSettings", "imageName"];
const RUN_OPTIONS = ["containerSettings", "runOptions"];

const describeEntrypoint = (entrypoint: string[], cmd: string[] | null | undefined): string =>
  JSON.stringify([...entrypoint, ...(cmd ?? [])]);

export const taskContainerSettingsRequired: Rule<TaskFacts> = {
  code: "task.containerSettingsRequired",
  area: "task",
  level: "error",
  summary: "A task on a container pool has container settings.",
  source:
    "Batch REST VirtualMachineConfiguration.containerConfiguration: all regular tasks and job manager tasks run on this pool must specify containerSettings.",
  check: ({ spec, context }, emit) => {
    if (!context.pool?.isContainerPool || spec.containerSettings) return;
    emit(
      SETTINGS,
      `Pool "${context.pool.poolId}" is a container pool, so every task needs container settings; choose the image the task runs in.`,
    );
  },
};

export const taskContainerSettingsNeedContainerPool: Rule<TaskFacts> = {
  code: "task.containerSettingsNeedContainerPool",
  area: "task",
  level: "error",
  summary: "Container settings only on tasks whose pool is a container pool.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": container tasks run on container-enabled pools.',
  check: ({ spec, context }, emit) => {
    if (!context.pool || context.pool.isContainerPool || !spec.containerSettings) return;
    emit(
      SETTINGS,
      `Pool "${context.pool.poolId}" has no container configuration, so this task cannot run in a container; remove the container settings or use a container pool.`,
    );
  },
};

export const taskCommandLineRequired: Rule<TaskFacts> = {
  code: "task.commandLineRequired",
  area: "task",
  level: "error",
  summary:
    "A task without container settings has a command line (only container tasks may leave it empty to run the ENTRYPOINT).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": set the task command line to "" to use the image\'s default ENTRYPOINT.',
  check: ({ spec }, emit) => {
    if (!spec.containerSettings && spec.commandLine.trim() === "")
      emit(
        ["commandLine"],
        "Enter the command the task runs; only container tasks can leave it empty to run the image's ENTRYPOINT.",
      );
  },
};

export const taskImageReference: Rule<TaskFacts> = {
  code: "task.imageReference",
  area: "task",
  level: "error",
  summary: "The task's container image follows the distribution reference grammar.",
  source: "Batch REST TaskContainerSettings.imageName (a docker pull reference; :latest when no tag)",
  check: ({ image }, emit) => {
    if (image && !image.parsed.ok)
      emit(IMAGE, `Fix the image reference "${image.reference}": ${image.parsed.reason}.`);
  },
};

export const taskEntrypointMissing: Rule<TaskFacts> = {
  code: "task.entrypointMissing",
  area: "task",
  level: "error",
  summary: "An empty command line needs an image with an ENTRYPOINT (when the image's config is known).",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": to override the default ENTRYPOINT, or if the image has no ENTRYPOINT, set a command line such as /app/myapp or /bin/sh -c python myscript.py.',
  check: ({ spec, image, imageProbe }, emit) => {
    if (!image || spec.commandLine.trim() !== "" || imageProbe?.status !== "found") return;
    if (imageProbe.entrypoint && imageProbe.entrypoint.length > 0) return;
    emit(
      ["commandLine"],
      `The image ${image.reference} has no ENTRYPOINT, so an empty command line runs nothing; enter a command such as /bin/sh -c "…".`,
    );
  },
};

export const taskEntrypointUsed: Rule<TaskFacts> = {
  code: "task.entrypointUsed",
  area: "task",
  level: "info",
  summary: "Shows the ENTRYPOINT an empty command line runs.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": to use the image\'s default ENTRYPOINT, set the task command line to the empty string.',
  check: ({ spec, imageProbe }, emit) => {
    if (spec.commandLine.trim() !== "" || imageProbe?.status !== "found" || !imageProbe.entrypoint?.length)
      return;
    emit(
      ["commandLine"],
      `The container runs the image's ENTRYPOINT: ${describeEntrypoint(imageProbe.entrypoint, imageProbe.cmd)}.`,
    );
  },
};

export const taskImageNotPrefetched: Rule<TaskFacts> = {
  code: "task.imageNotPrefetched",
  area: "task",
  level: "info",
  summary: "The task's image is not in the pool's prefetch list, so its first run on each node pulls it.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": prefetching means tasks do not wait for the image download when they first run.',
  check: ({ image, context }, emit) => {
    const pool = context.pool;
    if (!image?.canonical || !pool?.isContainerPool) return;
    if (
      pool.prefetchImages.some(
        (ref) => ref === image.reference || canonicalImageNameOf(ref) === image.canonical,
      )
    )
      return;
    emit(
      IMAGE,
      `Pool "${pool.poolId}" does not prefetch ${image.reference}; the first run on each node waits while it is pulled.`,
    );
  },
};

export const taskRunOptions: Rule<TaskFacts> = {
  code: "task.runOptions.unsupported",
  area: "task",
  level: "warning",
  summary: "runOptions holds only docker create options Batch lets the task set.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": ContainerRunOptions are additional arguments to the docker create command.',
  check: ({ runOptions }, emit) => {
    if (!runOptions) return;
    if (runOptions.syntaxError) emit(RUN_OPTIONS, `The run options have an ${runOptions.syntaxError}.`);
    for (const name of runOptions.unknown)
      emit(RUN_OPTIONS, `docker create has no option ${name}; remove it or check its spelling.`);
    for (const { name, reason } of runOptions.unsupported) emit(RUN_OPTIONS, `Remove ${name}: ${reason}.`);
    if (runOptions.positional.length > 0) {
      emit(
        RUN_OPTIONS,
        `"${runOptions.positional.join(" ")}" is not an option; docker would take it as the image name. Put commands in the task's command line.`,
      );
    }
  },
};

export const taskWorkdirConflict: Rule<TaskFacts> = {
  code: "task.runOptions.workdirConflict",
  area: "task",
  level: "info",
  summary:
    "--workdir in runOptions and workingDirectory=taskWorkingDirectory both choose where the container starts.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch": change the working directory in the container run options to match the image\'s WORKDIR, e.g. --workdir /app.',
  check: ({ spec, runOptions }, emit) => {
    if (!runOptions?.workdir || spec.containerSettings?.workingDirectory !== "taskWorkingDirectory") return;
    emit(
      RUN_OPTIONS,
      `--workdir ${runOptions.workdir} and working directory "task working directory" both set where the container starts; to use the image's WORKDIR choose "container image default" and drop --workdir.`,
    );
  },
};

export const taskRelativeExecutable: Rule<TaskFacts> = {
  code: "task.relativeExecutable",
  area: "task",
  level: "info",
  summary: "A relative executable path resolves against the task working directory, not the image's WORKDIR.",
  source:
    'Microsoft Learn "Run container applications on Azure Batch", troubleshooting: use an absolute path in the task command line; the task runs in a working directory different from the image\'s WORKDIR.',
  check: ({ spec, imageProbe, runOptions }, emit) => {
    const workdir = imageProbe?.status === "found" ? imageProbe.workingDir : undefined;
    if (
      !workdir ||
      workdir === "/" ||
      spec.containerSettings?.workingDirectory !== "taskWorkingDirectory" ||
      runOptions?.workdir
    )
      return;
    const first = splitShellWords(spec.commandLine).words[0];
    if (!first || !first.includes("/") || first.startsWith("/") || first.startsWith("$")) return;
    const absolute = `${workdir.replace(/\/+$/, "")}/${first.replace(/^\.\//, "")}`;
    emit(
      ["commandLine"],
      `${first} is relative, but the task starts in its own working directory, not the image's WORKDIR (${workdir}); use ${absolute}.`,
      {
        fix: setFix(`Use ${absolute}`, ["commandLine"], spec.commandLine.replace(first, absolute)),
      },
    );
  },
};

export const taskRules = [
  taskContainerSettingsRequired,
  taskContainerSettingsNeedContainerPool,
  taskCommandLineRequired,
  taskImageReference,
  taskEntrypointMissing,
  taskEntrypointUsed,
  taskImageNotPrefetched,
  taskRunOptions,
  taskWorkdirConflict,
  taskRelativeExecutable,
];
