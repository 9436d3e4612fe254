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
import { parseJobSpec, type JobSpecInput } from "@batch-studio/shared";
import { useState } from "react";
import { useNavigate } from "../router";
import { useCreateJob, usePools } from "../api/hooks";
import { paths } from "../router/paths";
import { isApiError } from "../auth/apiError";
import { useNotify } from "../components/notify";
import { useSpecForm } from "../forms/useSpecForm";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

const validate = (job: JobSpecInput) => {
  const parsed = parseJobSpec(job);
  return parsed.ok ? [] : parsed.issues;
};

/** Create a job on a pool; the shared JobSpec schema checks it before the BFF sees it. */
export function NewJobDialog({ account, defaultPool }: { account: string; defaultPool?: string }) {
  const styles = useStyles();
  const notify = useNotify();
  const navigate = useNavigate();
  const pools = usePools(account);
  const [open, setOpen] = useState(false);
  const form = useSpecForm<JobSpecInput>({ initial: { id: "", poolId: defaultPool ?? "" }, validate });
  const messageAt = (field: "id" | "poolId") => form.at([field]).map((i) => i.message).join(" ") || undefined;
  const create = useCreateJob(account);

  const submit = () =>
    form.submit((value) => {
      const parsed = parseJobSpec(value);
      if (!parsed.ok) return;
      create.mutate(parsed.value, {
        onSuccess: (job) => {
          notify.success("Job created", job.id);
          setOpen(false);
          navigate(paths.job(account, job.id));
        },
        onError: (e) => {
          if (isApiError(e) && e.problem.issues) form.reject(e.problem.issues);
          notify.error("Create job failed", e);
        },
      });
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
            <Field label="Job id" required validationMessage={messageAt("id")}>
              <Input value={form.value.id} onChange={(_, d) => form.set(["id"], d.value)} />
            </Field>
            <Field
              label="Pool"
              required
              validationMessage={messageAt("poolId")}
            >
              <Dropdown
                placeholder="Choose a pool"
                value={form.value.poolId}
                selectedOptions={form.value.poolId ? [form.value.poolId] : []}
                onOptionSelect={(_, d) => form.set(["poolId"], d.optionValue ?? "")}
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
              disabled={create.isPending || form.shown.some((i) => i.level === "error")}
              onClick={submit}
            >
              Create
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
