export * from "./parsed";
export * from "./host";
export * from "./registry-server";
export * from "./image-reference";
export * from "./iso-duration";
export * from "./gallery-image-id";
export * from "./node-agent-sku";
export * from "./sas";
