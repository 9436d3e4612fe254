import { Toaster } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { TOASTER_ID, toasterIsMounted } from "./toaster";

/**
 * The landmark toasts live in. Fluent portals them to the end of <body>, outside every landmark,
 * where screen-reader users navigating by region would never find them (axe: "region"). It sits
 * inside the FluentProvider's element: the theme's tokens (fonts, colours) are CSS variables set
 * there, and a region outside it rendered toasts unstyled.
 */
const notificationsRegion = (): HTMLElement => {
  const existing = document.getElementById("notifications-region");
  if (existing) return existing;
  const region = document.createElement("section");
  region.id = "notifications-region";
  region.setAttribute("aria-label", "Notifications");
  (document.querySelector<HTMLElement>(".fui-FluentProvider") ?? document.body).appendChild(region);
  return region;
};

/** Where useNotify's toasts appear (see toaster.ts for when it loads). */
export default function AppToaster() {
  const [mountNode] = useState(notificationsRegion);
  // Effects run child first: the Toaster already listens when this one runs.
  useEffect(toasterIsMounted, []);
  return <Toaster toasterId={TOASTER_ID} position="bottom-end" mountNode={mountNode} />;
}
