import { Button } from "@fluentui/react-components";
import { Link } from "../router";
import { EmptyState } from "../components/EmptyState";

export function NotFoundPage() {
  return (
    <EmptyState title="Nothing at this address" action={<Link to="/"><Button appearance="primary">Go to your accounts</Button></Link>}>
      The link may be old, or the pool, job or task was deleted.
    </EmptyState>
  );
}
