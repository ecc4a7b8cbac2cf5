// One node of a condition tree: a leaf, an all / any group, a not, or a named-condition ref.
import type { Condition, ConditionLeaf } from "@shared/config/condition";
import { ControlErrors, useControl } from "../errors/errors-context";
import { useStableKeys } from "../controls/use-stable-keys";
import { removeAt, replaceAt } from "../patch";
import { childPath } from "../paths";
import type { FieldInfo } from "../snapshot-queries";
import { LeafEditor } from "./leaf-editor";
import { convert, defaultLeaf, kindOf, NODE_KINDS, type NodeKind } from "./model";

export interface NodeContext {
  fields: FieldInfo[];
  refs: string[];
  allowTriggerOps: boolean;
}

interface NodeProps {
  value: Condition;
  onChange: (value: Condition) => void;
  path: string;
  ctx: NodeContext;
  onRemove?: () => void;
}

export function ConditionNode({ value, onChange, path, ctx, onRemove }: NodeProps) {
  const kind = kindOf(value);
  const kindCtl = useControl(path);
  const fallback = { leaf: defaultLeaf(ctx.fields), ref: ctx.refs[0] };
  return (
    <div className={`condition-node condition-${kind}`}>
      <div className="condition-node-head">
        <select
          className="input input-compact"
          aria-label="Condition type"
          {...kindCtl.a11y}
          value={kind}
          onChange={(e) => onChange(convert(value, e.target.value as NodeKind, fallback))}
        >
          {NODE_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {onRemove && (
          <button type="button" className="button button-small" onClick={onRemove} aria-label="Remove this condition">
            Remove
          </button>
        )}
      </div>
      <ControlErrors id={kindCtl.errorId} errors={kindCtl.errors} />
      <NodeBody value={value} onChange={onChange} path={path} ctx={ctx} />
    </div>
  );
}

function NodeBody({ value, onChange, path, ctx }: Omit<NodeProps, "onRemove">) {
  if ("all" in value)
    return <GroupBody op="all" items={value.all} onChange={(all) => onChange({ all })} path={path} ctx={ctx} />;
  if ("any" in value)
    return <GroupBody op="any" items={value.any} onChange={(any) => onChange({ any })} path={path} ctx={ctx} />;
  if ("not" in value) {
    return (
      <div className="condition-children">
        <ConditionNode
          value={value.not}
          onChange={(not) => onChange({ not })}
          path={childPath(path, "not")}
          ctx={ctx}
        />
      </div>
    );
  }
  if ("ref" in value)
    return (
      <RefEditor
        value={value.ref}
        onChange={(ref) => onChange({ ref })}
        path={childPath(path, "ref")}
        refs={ctx.refs}
      />
    );
  return (
    <LeafEditor
      value={value as ConditionLeaf}
      onChange={onChange}
      path={path}
      fields={ctx.fields}
      allowTriggerOps={ctx.allowTriggerOps}
    />
  );
}

function GroupBody({
  op,
  items,
  onChange,
  path,
  ctx,
}: {
  op: "all" | "any";
  items: Condition[];
  onChange: (items: Condition[]) => void;
  path: string;
  ctx: NodeContext;
}) {
  const list = Array.isArray(items) ? items : [];
  const keys = useStableKeys(list.length);
  const add = (item: Condition) => onChange([...list, item]);
  return (
    <div className="condition-children">
      {list.length === 0 && (
        <p className="muted condition-empty">
          {op === "all" ? "No conditions yet: always true." : "No conditions yet: never true."}
        </p>
      )}
      {list.map((item, i) => (
        <ConditionNode
          key={keys.keys[i]}
          value={item}
          path={childPath(path, op, i)}
          ctx={ctx}
          onChange={(next) => onChange(replaceAt(list, i, next))}
          onRemove={() => {
            keys.remove(i);
            onChange(removeAt(list, i));
          }}
        />
      ))}
      <div className="row">
        <button type="button" className="button button-small" onClick={() => add(defaultLeaf(ctx.fields))}>
          Add condition
        </button>
        <button type="button" className="button button-small" onClick={() => add({ all: [defaultLeaf(ctx.fields)] })}>
          Add group
        </button>
        {ctx.refs.length > 0 && (
          <button type="button" className="button button-small" onClick={() => add({ ref: ctx.refs[0]! })}>
            Add named condition
          </button>
        )}
      </div>
    </div>
  );
}

function RefEditor({
  value,
  onChange,
  path,
  refs,
}: {
  value: string;
  onChange: (ref: string) => void;
  path: string;
  refs: string[];
}) {
  const ctl = useControl(path);
  const options = refs.includes(value) || !value ? refs : [value, ...refs];
  return (
    <div className="condition-leaf">
      <select
        className="input"
        aria-label="Named condition"
        {...ctl.a11y}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {!value && <option value="">Choose a named condition…</option>}
        {options.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {refs.length === 0 && <p className="field-hint">This entity has no named conditions yet.</p>}
      <ControlErrors id={ctl.errorId} errors={ctl.errors} />
    </div>
  );
}
