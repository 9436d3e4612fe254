import {
  Badge,
  Button,
  Caption1,
  SearchBox,
  Spinner,
  Switch,
  Toolbar,
  ToolbarDivider,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowDownloadRegular, ArrowDownRegular, ArrowUpRegular, CopyRegular } from "@fluentui/react-icons";
import { formatBytes } from "./outputSource";
import type { OutputSearch } from "./useOutputSearch";
import { WholeFileSearchStatus } from "./WholeFileSearchStatus";

const useStyles = makeStyles({
  toolbar: {
    flexWrap: "wrap",
    gap: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  grow: { flexGrow: 1 },
});

/** "2 of 5", "3 of 40 loaded" (more may be outside the loaded windows), "No matches". */
function matchCount(search: OutputSearch): string {
  const { query, matches, matchIndex, outside } = search;
  if (!query) return "";
  if (!matches.length) return outside ? "None loaded" : "No matches";
  return `${matchIndex + 1} of ${matches.length}${outside ? " loaded" : ""}`;
}

/** The viewer's tools: search (the search hook's state and steps), wrap, copy, download, the size and whether it follows. */
export function OutputToolbar({
  fileName,
  search,
  wrap,
  onWrap,
  onCopy,
  onDownload,
  size,
  following,
}: {
  fileName: string;
  search: OutputSearch;
  wrap: boolean;
  onWrap(wrap: boolean): void;
  onCopy(): void;
  onDownload(): void;
  size: number | undefined;
  following: boolean;
}) {
  const styles = useStyles();
  const { query, matches, outside, step, whole } = search;
  const canStep = matches.length > 0 || (query !== "" && outside);
  return (
    <>
      <Toolbar className={styles.toolbar} aria-label={`${fileName} tools`}>
        <SearchBox
          aria-label="Search output"
          placeholder={outside ? "Search output (Enter: next)" : "Search output"}
          value={query}
          onChange={(_, d) => search.setQuery(d.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") step(e.shiftKey ? -1 : 1);
          }}
        />
        <Caption1 aria-live="polite">{matchCount(search)}</Caption1>
        <Button
          appearance="subtle"
          icon={<ArrowUpRegular />}
          aria-label="Previous match"
          disabled={!canStep}
          onClick={() => step(-1)}
        />
        <Button
          appearance="subtle"
          icon={<ArrowDownRegular />}
          aria-label="Next match"
          disabled={!canStep}
          onClick={() => step(1)}
        />
        <ToolbarDivider />
        <Switch label="Wrap" checked={wrap} onChange={(_, d) => onWrap(d.checked)} />
        <Button appearance="subtle" icon={<CopyRegular />} onClick={onCopy}>
          Copy
        </Button>
        <Button appearance="subtle" icon={<ArrowDownloadRegular />} onClick={onDownload}>
          Download
        </Button>
        <span className={styles.grow} />
        {size !== undefined && <Caption1>{formatBytes(size)}</Caption1>}
        {following && (
          // The badge's text says it; the spinner is decoration (a nameless progressbar otherwise).
          <Badge color="brand" appearance="tint" icon={<Spinner size="extra-tiny" aria-hidden />}>
            Following
          </Badge>
        )}
      </Toolbar>
      <WholeFileSearchStatus
        state={whole.state}
        query={query}
        offerWholeFile={outside && matches.length === 0}
        onSearch={() => step(1)}
        onCancel={whole.cancel}
      />
    </>
  );
}
