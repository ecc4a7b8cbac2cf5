import { type ConnectionStatus, useConnectionStore } from "../state/realtime";

const LABELS: Record<ConnectionStatus, string> = {
  idle: "Offline",
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
};

export function ConnectionIndicator() {
  const status = useConnectionStore((s) => s.status);
  return (
    <span className={`connection connection-${status}`} role="status" title={`Realtime: ${LABELS[status]}`}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{LABELS[status]}</span>
    </span>
  );
}
