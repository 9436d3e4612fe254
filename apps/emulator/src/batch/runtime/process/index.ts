export { createProcessRuntime, PROCESS_RUNTIME_NOTE, type ProcessRuntimeOptions } from "./process-runtime";
