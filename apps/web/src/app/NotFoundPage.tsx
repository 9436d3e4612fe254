import { LinkButton } from "../components/LinkButton";
import { EmptyState } from "../components/EmptyState";

export function NotFoundPage() {
  return (
    <EmptyState
      title="Nothing at this address"
      action={
        <LinkButton to="/" appearance="primary">
          Go to your accounts
        </LinkButton>
      }
    >
      The link may be old, or the pool, job or task was deleted.
    </EmptyState>
  );
}
