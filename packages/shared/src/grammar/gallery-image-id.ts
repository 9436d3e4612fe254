import type { Parsed } from "./parsed";

/** The parts of a Shared Image Gallery (Azure Compute Gallery) image resource id. */
export interface GalleryImageId {
  subscriptionId: string;
  resourceGroup: string;
  gallery: string;
  imageDefinition: string;
  /** Absent = the image definition, which Batch resolves to its latest version. */
  version?: string;
}

const SEGMENT = "([^/]+)";
// ARM segment names are case-insensitive; values keep their case.
const GALLERY_ID = new RegExp(
  `^/subscriptions/${SEGMENT}/resourceGroups/${SEGMENT}/providers/Microsoft\\.Compute/galleries/${SEGMENT}/images/${SEGMENT}(?:/versions/${SEGMENT})?/?$`,
  "i",
);
const EXAMPLE =
  "/subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Compute/galleries/{gallery}/images/{definition}[/versions/{version}]";

export const parseGalleryImageId = (id: string): Parsed<GalleryImageId> => {
  const trimmed = id.trim();
  if (trimmed === "") return { ok: false, reason: "the gallery image resource id is empty" };
  if (/^https?:\/\//i.test(trimmed))
    return { ok: false, reason: `use the resource id (${EXAMPLE}), not a URL` };
  const match = GALLERY_ID.exec(trimmed);
  if (!match) {
    const hint = /\/providers\/Microsoft\.Compute\/images\//i.test(trimmed)
      ? "this is a managed image, not a gallery image; "
      : "";
    return { ok: false, reason: `${hint}expected ${EXAMPLE}` };
  }
  const [, subscriptionId, resourceGroup, gallery, imageDefinition, version] = match;
  const value: GalleryImageId = {
    subscriptionId: subscriptionId!,
    resourceGroup: resourceGroup!,
    gallery: gallery!,
    imageDefinition: imageDefinition!,
  };
  if (version !== undefined) value.version = version;
  return { ok: true, value };
};

export const formatGalleryImageId = (id: GalleryImageId): string =>
  `/subscriptions/${id.subscriptionId}/resourceGroups/${id.resourceGroup}/providers/Microsoft.Compute/galleries/${id.gallery}/images/${id.imageDefinition}` +
  (id.version === undefined ? "" : `/versions/${id.version}`);

/** Gallery versions are Major.Minor.Patch: "1.0.10" sorts after "1.0.9". */
export const compareGalleryVersions = (a: string, b: string): number => {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** The version an image-definition id means, as Batch resolves it: the highest one not excluded from latest. */
export const latestGalleryVersion = <V extends { name: string; excludeFromLatest?: boolean }>(versions: readonly V[]): V | undefined =>
  [...versions].filter((v) => v.excludeFromLatest !== true).sort((a, b) => compareGalleryVersions(b.name, a.name))[0];
