import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouteBody, RouteParams } from "@batch-studio/shared";
import { useApi } from "../auth/AuthContext";
import { callRoute } from "./callRoute";
import { galleryKeys } from "./keys";

/* Gallery reads and the replica write: only the pool wizard and the pool page use them, so they stay off the first route. */

export function useGalleries(subscription: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: galleryKeys.all(subscription ?? ""),
    queryFn: ({ signal }) => callRoute(api, "galleries", { subscription: subscription! }, { signal }),
    enabled: !!subscription,
  });
}

export function useGalleryImages(subscription?: string, resourceGroup?: string, gallery?: string) {
  const api = useApi();
  return useQuery({
    queryKey: galleryKeys.images(subscription ?? "", resourceGroup ?? "", gallery ?? ""),
    queryFn: ({ signal }) =>
      callRoute(
        api,
        "galleryImages",
        { subscription: subscription!, resourceGroup: resourceGroup!, gallery: gallery! },
        { signal },
      ),
    enabled: !!(subscription && resourceGroup && gallery),
  });
}

export function useGalleryImageVersions(
  subscription?: string,
  resourceGroup?: string,
  gallery?: string,
  image?: string,
) {
  const api = useApi();
  return useQuery({
    queryKey: galleryKeys.versions(subscription ?? "", resourceGroup ?? "", gallery ?? "", image ?? ""),
    queryFn: ({ signal }) =>
      callRoute(
        api,
        "galleryImageVersions",
        { subscription: subscription!, resourceGroup: resourceGroup!, gallery: gallery!, image: image! },
        { signal },
      ),
    enabled: !!(subscription && resourceGroup && gallery && image),
  });
}

/** Sets one region's replica count of a gallery image version (a resource outside any pool). */
export function useSetGalleryReplicas() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      params,
      body,
    }: {
      params: RouteParams<"setGalleryReplicas">;
      body: RouteBody<"setGalleryReplicas">;
    }) => callRoute(api, "setGalleryReplicas", params, { body }),
    onSuccess: (_version, { params }) =>
      client.invalidateQueries({ queryKey: galleryKeys.all(params.subscription) }),
  });
}
