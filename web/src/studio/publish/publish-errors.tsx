// A refused publish (422): the errors grouped by item, each linking to the control it is about.
import { Link } from "react-router";
import type { ApiErrorDetail } from "../../api/client";
import { itemUrl, splitItemPath } from "../paths";

interface Group {
  item: string;
  ref: { namespace: string; entity: string; key: string } | null;
  errors: Array<{ path: string; message: string }>;
}

/** Details like `form/customers/default:fields[2].type`, grouped by `form/customers/default`. */
export function groupPublishErrors(details: ApiErrorDetail[]): Group[] {
  const groups = new Map<string, Group>();
  for (const d of details) {
    const { item, path } = splitItemPath(d.path ?? "");
    const [namespace, entity, key] = item.split("/");
    const isItem = namespace && entity && key;
    const id = isItem ? item : "other";
    const group = groups.get(id) ?? {
      item: isItem ? item : "Other",
      ref: isItem ? { namespace, entity, key } : null,
      errors: [],
    };
    group.errors.push({ path: isItem ? path : (d.path ?? ""), message: d.message });
    groups.set(id, group);
  }
  return [...groups.values()];
}

export function PublishErrors({ details }: { details: ApiErrorDetail[] }) {
  const groups = groupPublishErrors(details);
  return (
    <section className="error-summary" aria-labelledby="publish-errors">
      <h2 id="publish-errors" className="error-summary-title">
        Nothing was published: fix these first
      </h2>
      {groups.map((g) => (
        <div key={g.item} className="error-group">
          <h3 className="error-group-title">
            {g.ref ? (
              <Link to={itemUrl(g.ref)}>
                <code>{g.item}</code>
              </Link>
            ) : (
              g.item
            )}
          </h3>
          <ul className="error-summary-list">
            {g.errors.map((e, i) => (
              <li key={i}>
                {g.ref ? (
                  <Link to={itemUrl(g.ref, e.path || undefined)}>{e.path ? <code>{e.path}</code> : "the item"}</Link>
                ) : (
                  e.path && <code>{e.path}</code>
                )}{" "}
                {e.message}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
