import type { ImageInspection, PoolDetails, RegistryTestRequest } from "@batch-studio/shared";
import { useMemo, useState } from "react";
import { useImageInspection } from "../api/registry";
import { imageRegistry, type ImageRegistry } from "./imageRegistry";

/** The password state belongs to one image: any other image starts from nothing. */
interface Login {
  image: string;
  /** What the operator is typing into the pool registry's password field. */
  draft: string;
  /** The credentials "Read image" sent, for as long as the image stays the same. */
  used?: RegistryTestRequest;
}

export interface ImageConfig {
  registry: ImageRegistry | undefined;
  /** What the registry said last about the settled image: anonymously, or with the credentials used. */
  inspection: ImageInspection | undefined;
  /** A credentialed read is in flight. */
  reading: boolean;
  /** The pool logs in to the image's registry with a password the portal never gets back: ask for it. */
  askPoolPassword: boolean;
  /** The pool logs in with a managed identity, which the portal cannot act as. */
  identityOnly: boolean;
  /** The registry is not the pool's and wants a login: the task has to carry one. */
  askTaskLogin: boolean;
  draft: string;
  setDraft: (password: string) => void;
  /** Reads the image config with these credentials (the pool registry's user and the draft when omitted). */
  read: (credentials?: RegistryTestRequest) => void;
}

/**
 * ENTRYPOINT/WORKDIR of the task's image, asking for a registry password only when the registry
 * refused the anonymous read. The password lives in this component's state only, as the wizard's
 * do (never in a URL, a query key — secretVersion() stands for it — or storage), and is dropped
 * as soon as the image changes.
 */
export function useImageConfig(image: string, settledImage: string, poolRegistries: PoolDetails["registries"] | undefined): ImageConfig {
  const [login, setLogin] = useState<Login>({ image, draft: "" });
  const current = login.image === image ? login : { image, draft: "" };
  // Adjusting state while rendering (React's documented pattern) drops the old password at once,
  // rather than one effect later.
  if (login !== current) setLogin(current);

  // Until the pool is known, every registry would look like one the pool has no login for.
  const registry = useMemo(() => (settledImage && poolRegistries ? imageRegistry(settledImage, poolRegistries) : undefined), [settledImage, poolRegistries]);
  const settled = settledImage !== "" && settledImage === image.trim();
  const anonymous = useImageInspection(settledImage || undefined);
  const withLogin = useImageInspection(settled && current.used ? settledImage : undefined, current.used);

  const inspection = current.used ? (withLogin.data ?? anonymous.data) : anonymous.data;
  const refused = settled && anonymous.data?.status === "unauthorized";
  const readOk = withLogin.data?.status === "found";
  return {
    registry,
    inspection,
    reading: withLogin.isFetching,
    askPoolPassword: refused && registry?.kind === "poolPassword" && !readOk,
    identityOnly: refused && registry?.kind === "poolIdentity",
    askTaskLogin: refused && registry?.kind === "taskOwn",
    draft: current.draft,
    setDraft: (draft) => setLogin({ ...current, draft }),
    read: (credentials) => {
      const used = credentials ?? (registry?.kind === "poolPassword" ? { server: registry.server, username: registry.username, password: current.draft } : undefined);
      if (used?.password) setLogin({ ...current, used });
    },
  };
}
