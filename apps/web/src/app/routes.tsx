import { lazy, Suspense, type ReactNode } from "react";
import { useRoutes, type RouteObject } from "../router";
import { PageLoading } from "../components/PageLoading";
import { AppShell } from "./AppShell";
import { NotFoundPage } from "./NotFoundPage";
import { PoolsPage } from "../pools/PoolsPage";
import { loadFileViewerPage } from "../output/preload";

// The pools list is the first route; everything heavier loads when first visited.
const PoolPage = lazy(() => import("../pools/PoolPage"));
const PoolWizardPage = lazy(() => import("../wizard/PoolWizardPage"));
const NodePage = lazy(() => import("../nodes/NodePage"));
const JobsPage = lazy(() => import("../jobs/JobsPage"));
const JobPage = lazy(() => import("../jobs/JobPage"));
const NewJobPage = lazy(() => import("../jobs/NewJobPage"));
const EditJobPage = lazy(() => import("../jobs/EditJobPage"));
const JobSchedulesPage = lazy(() => import("../schedules/JobSchedulesPage"));
const JobSchedulePage = lazy(() => import("../schedules/JobSchedulePage"));
const NewJobSchedulePage = lazy(() => import("../schedules/NewJobSchedulePage"));
const EditJobSchedulePage = lazy(() => import("../schedules/EditJobSchedulePage"));
const NewTaskPage = lazy(() => import("../tasks/NewTaskPage"));
const SweepPage = lazy(() => import("../jobs/SweepPage"));
const TaskPage = lazy(() => import("../tasks/TaskPage"));
const FileViewerPage = lazy(loadFileViewerPage);
const AccountPage = lazy(() => import("../accounts/AccountPage"));
const AccountPickerPage = lazy(() => import("../accounts/AccountPickerPage").then((m) => ({ default: m.AccountPickerPage })));

const page = (node: ReactNode) => <Suspense fallback={<PageLoading />}>{node}</Suspense>;

export const routes: RouteObject[] = [
  {
    element: <AppShell />,
    children: [
      { path: "/", element: page(<AccountPickerPage />) },
      { path: "/a/:account", element: <PoolsPage /> },
      { path: "/a/:account/pools", element: <PoolsPage /> },
      { path: "/a/:account/pools/new", element: page(<PoolWizardPage />) },
      { path: "/a/:account/pools/:pool", element: page(<PoolPage />) },
      { path: "/a/:account/pools/:pool/nodes/:node", element: page(<NodePage />) },
      { path: "/a/:account/pools/:pool/nodes/:node/files/:file", element: page(<FileViewerPage source="node" />) },
      { path: "/a/:account/jobs", element: page(<JobsPage />) },
      { path: "/a/:account/jobs/new", element: page(<NewJobPage />) },
      { path: "/a/:account/job-schedules", element: page(<JobSchedulesPage />) },
      { path: "/a/:account/job-schedules/new", element: page(<NewJobSchedulePage />) },
      { path: "/a/:account/job-schedules/:schedule", element: page(<JobSchedulePage />) },
      { path: "/a/:account/job-schedules/:schedule/edit", element: page(<EditJobSchedulePage />) },
      { path: "/a/:account/jobs/:job", element: page(<JobPage />) },
      { path: "/a/:account/jobs/:job/edit", element: page(<EditJobPage />) },
      { path: "/a/:account/jobs/:job/tasks/new", element: page(<NewTaskPage />) },
      { path: "/a/:account/jobs/:job/tasks/sweep", element: page(<SweepPage />) },
      { path: "/a/:account/jobs/:job/tasks/:task", element: page(<TaskPage />) },
      { path: "/a/:account/jobs/:job/tasks/:task/files/:file", element: page(<FileViewerPage source="task" />) },
      { path: "/a/:account/jobs/:job/tasks/:task/saved-outputs/:file", element: page(<FileViewerPage source="savedOutput" />) },
      { path: "/a/:account/account", element: page(<AccountPage />) },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];

/** Declarative routing (inside <BrowserRouter>): the data router's loaders and actions are unused. */
export function AppRoutes() {
  return useRoutes(routes);
}
