import { EmptyState } from "../../../components/status";

/** An endpoint another issue is still building. */
export function NotAvailableYet({ what }: { what: string }) {
  return (
    <EmptyState title={`${what} isn't available yet`}>
      <p>This server doesn't offer it yet. It will appear here once it does.</p>
    </EmptyState>
  );
}
