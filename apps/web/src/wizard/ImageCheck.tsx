import { Badge, Spinner, Tooltip } from "@fluentui/react-components";
import type { ImageProbeStatus, RegistryTestRequest } from "@batch-studio/shared";
import { useImageInspection } from "../api/registry";
import { useDebounced } from "../components/useDebounced";

const LOOK: Record<ImageProbeStatus, { color: "success" | "danger" | "warning"; text: string }> = {
  found: { color: "success", text: "Found" },
  notFound: { color: "danger", text: "Not found" },
  unauthorized: { color: "danger", text: "Unauthorized" },
  unreachable: { color: "warning", text: "Unreachable" },
  refused: { color: "warning", text: "Not probed" },
  error: { color: "warning", text: "Check failed" },
};

/** The live state of one image reference in its registry; runs only once the grammar is valid. */
export function ImageCheck({ reference, grammarOk, registry }: { reference: string; grammarOk: boolean; registry?: RegistryTestRequest }) {
  const settled = useDebounced(reference.trim(), 400);
  const check = useImageInspection(grammarOk && settled !== "" && settled === reference.trim() ? settled : undefined, registry);
  if (!grammarOk || reference.trim() === "") return null;
  if (check.isFetching || settled !== reference.trim()) return <Spinner size="extra-tiny" label="Checking" labelPosition="after" />;
  if (check.isError) return <Badge color="warning" appearance="tint">Check failed</Badge>;
  if (!check.data) return null;
  const look = LOOK[check.data.status];
  return (
    <Tooltip content={check.data.message ?? look.text} relationship="description">
      <Badge color={look.color} appearance="tint" tabIndex={0}>
        {look.text}
      </Badge>
    </Tooltip>
  );
}
