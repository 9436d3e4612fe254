/**
 * The Batch task failure codes the docker runtime reports (TaskFailureInformationCodes), with the
 * generic messages Batch uses and the specific reason in details[{name:"Message"}] the way Batch
 * shows it. One place, so the codes and their categories stay consistent across pull, create and start.
 */
import type { RuntimeFailure } from "../task-runtime";

export type DockerFailureCode =
  | "ContainerInvalidImage"
  | "ContainerInvalidRegistry"
  | "ContainerInvalidSettings"
  | "ContainerMiscError"
  | "CommandProgramNotFound"
  | "CommandLaunchFailed"
  | "TaskEnded";

/** A failure caused by the task's own settings (usererror), with the specific reason as detail. */
export function userFailure(code: DockerFailureCode, message: string, detail?: string): RuntimeFailure {
  return {
    category: "usererror",
    code,
    message,
    ...(detail ? { details: [{ name: "Message", value: detail }] } : {}),
  };
}

/** The engine misbehaved in a way the task could not cause. */
export function serverFailure(message: string, detail?: string): RuntimeFailure {
  return {
    category: "servererror",
    code: "ContainerMiscError",
    message,
    ...(detail ? { details: [{ name: "Message", value: detail }] } : {}),
  };
}

/** Batch's wording for invalid container settings (observed in Azure/Batch issue #4). */
export const INVALID_SETTINGS_MESSAGE = "At least one value of specified task container settings is invalid";

/** Engine messages quote what they were given; make sure no secret ever rides along. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join("***");
  return out;
}
