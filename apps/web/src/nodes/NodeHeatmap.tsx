import { Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { NodeSummary } from "@batch-studio/shared";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTheme } from "../components/theme";
import { heatmapLayout, hitTest } from "./heatmapLayout";
import { NODE_STATE_GROUPS, countByState, groupOfState, nodeSummaryText } from "./nodeStates";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  canvas: { display: "block", width: "100%", cursor: "pointer" },
  legend: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalL, margin: 0, padding: 0, listStyleType: "none" },
  legendItem: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  swatch: { width: "12px", height: "12px", borderRadius: tokens.borderRadiusSmall },
});

/** Resolves `var(--token)` to a colour the canvas understands, from the element's theme. */
function resolveToken(el: Element, token: string): string {
  const name = /var\((--[^,)]+)/.exec(token)?.[1];
  return (name && getComputedStyle(el).getPropertyValue(name).trim()) || "gray";
}

/**
 * Every node of the pool as one cell coloured by state, on a canvas so 50,000 nodes cost one
 * draw call batch instead of 50,000 DOM nodes. The text summary is the accessible equivalent.
 */
export function NodeHeatmap({ nodes, onSelect }: { nodes: readonly NodeSummary[]; onSelect?: (node: NodeSummary) => void }) {
  const styles = useStyles();
  // Cell colours are read from the theme's CSS variables: redraw when the theme changes.
  const theme = useTheme().resolved;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const layout = useMemo(() => heatmapLayout(nodes.length, width), [nodes.length, width]);
  const states = useMemo(() => nodes.map((n) => n.state), [nodes]);
  const counts = useMemo(() => new Map(NODE_STATE_GROUPS.map((g) => [g.key, 0])), []);
  counts.forEach((_, k) => counts.set(k, 0));
  for (const s of states) counts.set(groupOfState(s).key, (counts.get(groupOfState(s).key) ?? 0) + 1);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(100, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext?.("2d");
    if (!el || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    el.width = width * ratio;
    el.height = layout.height * ratio;
    el.style.height = `${layout.height}px`;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, layout.height);
    const colours = new Map(NODE_STATE_GROUPS.map((g) => [g.key, resolveToken(el, g.token)]));
    const step = layout.cell + layout.gap;
    nodes.forEach((n, i) => {
      ctx.fillStyle = colours.get(groupOfState(n.state).key)!;
      ctx.fillRect((i % layout.columns) * step, Math.floor(i / layout.columns) * step, layout.cell, layout.cell);
    });
  }, [nodes, layout, width, theme]);

  const nodeAt = (e: { clientX: number; clientY: number; currentTarget: HTMLCanvasElement }) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const index = hitTest(layout, nodes.length, e.clientX - rect.left, e.clientY - rect.top);
    return index === undefined ? undefined : nodes[index];
  };

  const summary = nodeSummaryText(states);
  return (
    <div className={styles.root}>
      <canvas
        ref={canvas}
        className={styles.canvas}
        role="img"
        aria-label={`Node heatmap. ${summary}`}
        title="Click a node to open it"
        onMouseMove={(e) => {
          // The node under the pointer, in the native tooltip; set directly, so moving costs no render.
          const node = nodeAt(e);
          e.currentTarget.title = node ? `${node.id}: ${node.state} (click to open)` : "Click a node to open it";
        }}
        onClick={(e) => {
          const node = nodeAt(e);
          if (node && onSelect) onSelect(node);
        }}
      />
      <ul className={styles.legend} aria-label="Nodes by state">
        {NODE_STATE_GROUPS.map((g) => (
          <li key={g.key} className={styles.legendItem}>
            <span className={styles.swatch} style={{ backgroundColor: g.token }} aria-hidden />
            <Caption1>
              {g.label}: <b>{counts.get(g.key) ?? 0}</b>
            </Caption1>
          </li>
        ))}
      </ul>
      <Caption1 aria-live="polite">{countByState(states).length > 0 ? summary : "No nodes yet."}</Caption1>
    </div>
  );
}
