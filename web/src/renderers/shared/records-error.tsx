// Why a list of records couldn't load, said in words that fit the cause.
import { ApiError } from "../../api/client";
import { EmptyState, ErrorState } from "../../components/status";

export function RecordsError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.status === 404) {
    return error.code === "unknown_entity" ? (
      <EmptyState title="Unknown entity">
        <p>The server doesn't know this entity. Its configuration may not be published yet.</p>
      </EmptyState>
    ) : (
      <EmptyState title="This entity has no records API yet">
        <p>The records service isn't available on this server yet.</p>
      </EmptyState>
    );
  }
  if (error instanceof ApiError && error.status === 403)
    return <ErrorState title="You can't see these records" error={error} />;
  if (error instanceof ApiError && error.status === 400)
    return <ErrorState title="This filter doesn't work" error={error} onRetry={onRetry} />;
  return <ErrorState title="Couldn't load records" error={error} onRetry={onRetry} />;
}
