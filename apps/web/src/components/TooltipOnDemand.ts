// The Tooltip on its own, for DescriptionTooltip's on-demand import (a dynamic import of the
// whole @fluentui/react-components barrel would not tree-shake as well).
export { Tooltip } from "@fluentui/react-components";
