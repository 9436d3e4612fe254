export { startArm, type ArmOptions, type LocalArm } from "./arm-server";
export { lookupGalleryImage, latestVersion } from "./gallery-lookup";
export { API_VERSIONS } from "./arm-routes";
export { ARM_AUDIENCES } from "./arm-auth";
