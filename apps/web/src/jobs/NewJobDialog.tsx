import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Dropdown,
  Field,
  Input,
  Option,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { AddRegular } from "@fluentui/react-icons";
import { apiPaths, parseJobSpec, type JobSummary, type ValidationIssue } from "@batch-studio/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "../router";
import { usePools } from "../api/hooks";
import { jobKeys } from "../api/keys";
import { paths } from "../router/paths";
import { useApi } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { useNotify } from "../components/notify";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const messageAt = (issues: ValidationIssue[], field: string) =>
  issues.find((i) => i.path[0] === field)?.message;

/** Create a job on a pool; the shared JobSpec schema checks it before the BFF sees it. */
export function NewJobDialog({ account, defaultPool }: { account: string; defaultPool?: string }) {
  const styles = useStyles();
  const api = useApi();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const pools = usePools(account);
  const [open, setOpen] = useState(false);
  const [id, setId] = useState("");
  const [poolId, setPoolId] = useState(defaultPool ?? "");
  const [serverIssues, setServerIssues] = useState<ValidationIssue[]>([]);
  const parsed = parseJobSpec({ id, poolId });
  const issues = parsed.ok ? serverIssues : parsed.issues;
  const touched = id !== "" || poolId !== "";

  const create = useMutation({
    mutationFn: () =>
      api.json<JobSummary>(apiPaths.jobs(account), {
        method: "POST",
        body: parsed.ok ? parsed.value : undefined,
      }),
    onSuccess: (job) => {
      notify.success("Job created", job.id);
      void queryClient.invalidateQueries({ queryKey: jobKeys.all(account) });
      setOpen(false);
      navigate(paths.job(account, job.id));
    },
    onError: (e) => {
      if (isApiError(e) && e.problem.issues) setServerIssues(e.problem.issues);
      notify.error("Create job failed", e);
    },
  });

  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <DialogTrigger disableButtonEnhancement>
        <Button appearance="primary" icon={<AddRegular />}>
          New job
        </Button>
      </DialogTrigger>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>New job</DialogTitle>
          <DialogContent className={styles.form}>
            <Field label="Job id" required validationMessage={touched ? messageAt(issues, "id") : undefined}>
              <Input value={id} onChange={(_, d) => setId(d.value)} />
            </Field>
            <Field
              label="Pool"
              required
              validationMessage={touched ? messageAt(issues, "poolId") : undefined}
            >
              <Dropdown
                placeholder="Choose a pool"
                value={poolId}
                selectedOptions={poolId ? [poolId] : []}
                onOptionSelect={(_, d) => setPoolId(d.optionValue ?? "")}
              >
                {(pools.data?.items ?? []).map((p) => (
                  <Option key={p.id} value={p.id}>
                    {p.id}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>Cancel</Button>
            <Button
              appearance="primary"
              disabled={!parsed.ok || create.isPending}
              onClick={() => create.mutate()}
            >
              Create
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
