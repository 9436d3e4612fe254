export { createDockerRuntime, type DockerRuntimeOptions } from "./docker-runtime";
export {
  createDockerClient,
  detectDocker,
  type DockerClientOptions,
  type DockerDetection,
} from "./docker-client";
export { EXECUTION_LABEL } from "./container-spec";
export { parseRunOptions, SUPPORTED_RUN_OPTIONS, type RunOptions } from "./run-options";
