import { cloneElement, useState, type ReactElement } from "react";
import { onDemand, useOnDemand } from "./onDemand";
import { SwapHost } from "./SwapHost";

const tooltipModule = onDemand(() => import("./TooltipOnDemand"));

interface TriggerProps {
  "aria-description"?: string;
  onPointerEnter?: () => void;
  onPointerLeave?: () => void;
  onFocus?: () => void;
  onBlur?: () => void;
}

/**
 * A Fluent Tooltip (relationship "description") whose code, with the positioning engine under it,
 * loads when the pointer or the focus first reaches a trigger. Until then the trigger carries the
 * same text as `aria-description`, so assistive tech reads it either way; the tooltip that was
 * asked for before the module arrived shows as soon as it does.
 */
export function DescriptionTooltip({ content, children }: { content: string; children: ReactElement<TriggerProps> }) {
  const [loaded, request] = useOnDemand(tooltipModule);
  const [visible, setVisible] = useState(false);
  const show = () => {
    setVisible(true);
    request();
  };
  const hide = () => setVisible(false);

  return (
    <SwapHost swapped={!!loaded}>
      {loaded ? (
        <loaded.Tooltip content={content} relationship="description" visible={visible} onVisibleChange={(_, data) => setVisible(data.visible)}>
          {children}
        </loaded.Tooltip>
      ) : (
        cloneElement(children, { "aria-description": content, onPointerEnter: show, onPointerLeave: hide, onFocus: show, onBlur: hide })
      )}
    </SwapHost>
  );
}
