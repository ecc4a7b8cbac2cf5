// What one pending item changes, property by property.
import { useMemo } from "react";
import { jsonChanges } from "./json-diff";

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value, null, 1));

export function ChangeDiff({ before, after }: { before: unknown; after: unknown }) {
  const changes = useMemo(() => jsonChanges(before, after), [before, after]);
  if (changes.length === 0) return <p className="muted">Same content as the published version.</p>;
  if (before === undefined || after === undefined) {
    return <pre className="diff-block">{show(after ?? before)}</pre>;
  }
  return (
    <table className="table diff-table">
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Published</th>
          <th scope="col">Draft</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path} className={`diff-${c.kind}`}>
            <td>
              <code>{c.path || "(whole item)"}</code>
            </td>
            <td>
              {c.kind === "added" ? (
                <span className="muted">—</span>
              ) : (
                <pre className="diff-before">{show(c.before)}</pre>
              )}
            </td>
            <td>
              {c.kind === "removed" ? (
                <span className="muted">removed</span>
              ) : (
                <pre className="diff-after">{show(c.after)}</pre>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
