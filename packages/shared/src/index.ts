export * from "./validation-result";
export * from "./ids";
export * from "./registry-spec";
export * from "./task-spec";
export * from "./pool-spec";
export * from "./validation-context";
