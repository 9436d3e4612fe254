import { useRouteGate } from "../api/permissions";
import { Caption1 } from "@fluentui/react-components";
import { AddRegular, ServerMultipleRegular } from "@fluentui/react-icons";
import type { PoolSummary } from "@batch-studio/shared";
import { Link, useParams } from "../router";
import { usePools } from "../api/hooks";
import { paths } from "../router/paths";
import { EmptyState } from "../components/EmptyState";
import { LinkButton } from "../components/LinkButton";
import { ErrorState } from "../components/ErrorState";
import { PageHeader } from "../components/PageHeader";
import { RelativeTime } from "../components/RelativeTime";
import { TableSkeleton } from "../components/Skeletons";
import { StateBadge } from "../components/StateBadge";
import { VirtualTable, type Column } from "../components/VirtualTable";

const nodes = (current: number, target: number) =>
  current === target ? `${current}` : `${current} → ${target}`;

export function poolColumns(account: string): Column<PoolSummary>[] {
  return [
    {
      key: "id",
      header: "Pool",
      width: "minmax(160px, 2fr)",
      render: (p) => <Link to={paths.pool(account, p.id)}>{p.id}</Link>,
    },
    { key: "state", header: "State", width: "100px", render: (p) => <StateBadge state={p.state} /> },
    {
      key: "alloc",
      header: "Allocation",
      width: "110px",
      render: (p) => <StateBadge state={p.allocationState} />,
    },
    {
      key: "dedicated",
      header: "Dedicated",
      width: "90px",
      render: (p) => nodes(p.currentDedicatedNodes, p.targetDedicatedNodes),
    },
    {
      key: "spot",
      header: "Spot",
      width: "80px",
      render: (p) => nodes(p.currentSpotNodes, p.targetSpotNodes),
    },
    { key: "vm", header: "VM size", width: "minmax(120px, 1fr)", render: (p) => p.vmSize },
    {
      key: "image",
      header: "Image",
      width: "minmax(140px, 2fr)",
      render: (p) => <span title={p.image}>{p.image ?? "—"}</span>,
    },
    {
      key: "created",
      header: "Created",
      width: "130px",
      render: (p) => <RelativeTime value={p.creationTime} />,
    },
  ];
}

/** Every pool of the account, virtualized so thousands of pools scroll like ten. */
export function PoolsPage() {
  const account = useParams().account!;
  const pools = usePools(account);
  const items = pools.data?.items ?? [];
  const create = useRouteGate(account)("createPool");

  return (
    <>
      <PageHeader
        title="Pools"
        actions={
          <LinkButton to={paths.newPool(account)} appearance="primary" icon={<AddRegular />} gate={create}>
            New container pool
          </LinkButton>
        }
      >
        {pools.data && <Caption1>{items.length} pool(s)</Caption1>}
      </PageHeader>
      {pools.isPending && <TableSkeleton label="Loading pools" />}
      {pools.isError && <ErrorState what="pools" error={pools.error} onRetry={() => pools.refetch()} />}
      {pools.data && items.length === 0 && (
        <EmptyState
          icon={<ServerMultipleRegular />}
          title="No pools yet"
          action={
            <LinkButton to={paths.newPool(account)} appearance="primary" gate={create}>
              Create a container pool
            </LinkButton>
          }
        >
          A pool is the set of VMs your tasks run on. The wizard checks the image, registries, VM size and
          quota before anything is created.
        </EmptyState>
      )}
      {items.length > 0 && (
        <VirtualTable label="Pools" columns={poolColumns(account)} rows={items} rowKey={(p) => p.id} />
      )}
    </>
  );
}
