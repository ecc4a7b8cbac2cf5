// One item's draft: load it, edit it locally, save it with If-Match, validate it on the server,
// mark it for removal. A stale save (412) changes nothing and says so.
import { useCallback, useEffect, useState } from "react";
import { canonicalJson } from "@shared/config/hash";
import type { ConfigError } from "@shared/config/issues";
import { ApiError } from "../../api/client";
import {
  deleteDraft,
  type DraftItem,
  getDraft,
  type ItemId,
  saveDraft,
  validateDraft,
  validateEdit,
} from "../../api/studio";

export type DraftLoad = { status: "loading" } | { status: "error"; error: unknown } | { status: "ready" };
export type Busy = "saving" | "validating" | "removing" | null;

export interface DraftEditor {
  load: DraftLoad;
  item: DraftItem | null;
  value: unknown;
  setValue: (value: unknown) => void;
  dirty: boolean;
  busy: Busy;
  /** Someone else saved since we loaded (412). */
  conflict: boolean;
  /** The server's errors, for the content they were computed for. */
  serverErrors: ConfigError[];
  actionError: unknown;
  notice: string | null;
  save: () => Promise<boolean>;
  validate: () => Promise<void>;
  remove: () => Promise<DraftItem | null>;
  reload: () => void;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

export function useDraft(id: ItemId): DraftEditor {
  const [load, setLoad] = useState<DraftLoad>({ status: "loading" });
  const [item, setItem] = useState<DraftItem | null>(null);
  const [value, setValue] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<Busy>(null);
  const [conflict, setConflict] = useState(false);
  const [checked, setChecked] = useState<{ config: unknown; errors: ConfigError[] } | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: "loading" });
    getDraft(id, controller.signal).then(
      (loaded) => {
        setItem(loaded);
        setValue(loaded.config);
        setConflict(false);
        setChecked(null);
        setLoad({ status: "ready" });
      },
      (error: unknown) => !controller.signal.aborted && setLoad({ status: "error", error }),
    );
    return () => controller.abort();
  }, [id.namespace, id.entity, id.key, tick]); // the item, not the object that names it

  const dirty = item !== null && !same(value, item.config);

  const run = useCallback(
    async <T>(kind: Busy, action: () => Promise<T>): Promise<T | undefined> => {
      setBusy(kind);
      setActionError(null);
      setNotice(null);
      try {
        return await action();
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) setConflict(true);
        else if (error instanceof ApiError && error.status === 422)
          setChecked({ config: value, errors: toErrors(error) });
        else setActionError(error);
        return undefined;
      } finally {
        setBusy(null);
      }
    },
    [value],
  );

  const check = async (config: unknown) => {
    const result = await validateDraft(id);
    setChecked({ config, errors: result.valid ? [] : (result.errors ?? []) });
    return result.valid;
  };

  const save = async () => {
    if (!item) return false;
    const saved = await run("saving", async () => {
      const next = await saveDraft(id, value, item.revision);
      setItem(next);
      const valid = await check(next.config);
      setNotice(
        valid
          ? `Saved revision ${next.revision}. It is valid and ready to publish.`
          : `Saved revision ${next.revision}, with problems to fix before publishing.`,
      );
      return true;
    });
    return saved === true;
  };

  // Validating never saves: an edit is checked as it stands, and only Save draft stores it
  // (a broken edit validated but not saved must not block publishing).
  const validate = async () => {
    await run("validating", async () => {
      if (dirty) {
        const edited = value;
        const result = await validateEdit(id, edited);
        setChecked({ config: edited, errors: result.valid ? [] : (result.errors ?? []) });
        setNotice(result.valid ? "Your changes are valid. They are not saved yet: Save draft keeps them." : null);
        return;
      }
      const valid = await check(item?.config);
      setNotice(valid ? "The saved draft is valid." : null);
    });
  };

  const remove = async () => {
    if (!item) return null;
    const removed = await run("removing", async () => {
      const next = await deleteDraft(id, item.revision);
      setItem(next);
      setValue(next.config);
      return next;
    });
    return removed ?? null;
  };

  const serverErrors = checked && same(checked.config, value) ? checked.errors : [];
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // "Saved" no longer describes what is on screen once it is edited again.
  const edit = useCallback((next: unknown) => {
    setValue(next);
    setNotice(null);
  }, []);
  return {
    load,
    item,
    value,
    setValue: edit,
    dirty,
    busy,
    conflict,
    serverErrors,
    actionError,
    notice,
    save,
    validate,
    remove,
    reload,
  };
}

function toErrors(error: ApiError): ConfigError[] {
  return error.details.map((d) => ({ path: d.path ?? "", message: d.message }));
}
