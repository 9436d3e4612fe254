/** The line the viewer shows once a task is done, whether the follow stream or the task's state said so first. */
export const completionMessage = (exitCode: number | undefined): string =>
  `Task completed${exitCode !== undefined ? ` with exit code ${exitCode}` : ""}.`;
