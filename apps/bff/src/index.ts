export { createBffApp, type BffApp, type BffAppOptions } from "./app";
export { loadConfig, ConfigError, ENV, type BffConfig } from "./config";
export { buildOpenApiDocument } from "./openapi";
