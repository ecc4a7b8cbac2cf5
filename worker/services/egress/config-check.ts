import type { ConfigError } from "../../shared/config/issues";
import type { Snapshot } from "../../shared/config/snapshot";
import { templatedHost, urlRefusal, type EgressAllowList } from "../../shared/egress-rules";

/**
 * The error of one action whose literal webhook host the egress guard would refuse (path
 * relative to the action), so a save or publish refuses it up front and not only at run time.
 * Templated hosts are refused by the action schema itself; placeholders in path and query are
 * neutralized before the check.
 */
export function webhookUrlIssue(action: unknown, allow: EgressAllowList): ConfigError | null {
  const { type, url } = (action ?? {}) as { type?: unknown; url?: unknown };
  if (type !== "webhook" || typeof url !== "string" || templatedHost(url)) return null;
  const why = urlRefusal(url.replace(/\{\{[^}]*\}\}/g, "x"), allow);
  return why ? { path: "url", message: `the webhook URL's ${why}` } : null;
}

/** The same over a whole snapshot, with snapshot paths (`action/<entity>/<key>:url`). */
export function egressIssues(snapshot: Snapshot, allow: EgressAllowList): ConfigError[] {
  return Object.entries(snapshot.action ?? {}).flatMap(([entity, items]) =>
    Object.entries(items ?? {}).flatMap(([key, action]) => {
      const issue = webhookUrlIssue(action, allow);
      return issue ? [{ path: `action/${entity}/${key}:${issue.path}`, message: issue.message }] : [];
    }),
  );
}
