import {
  type FormConfig,
  type ThemeConfig,
  type ViewConfig,
  type WorkflowConfig,
  isFormConfig,
  isThemeConfig,
  isViewConfig,
  isWorkflowConfig,
} from "../config/types";
import { useRuntimeConfigStore } from "./runtime-config";

function useConfigItem<T>(
  namespace: string,
  entity: string,
  key: string,
  guard: (value: unknown) => value is T,
): T | undefined {
  const value = useRuntimeConfigStore((s) => s.snapshot?.[namespace]?.[entity]?.[key]);
  return guard(value) ? value : undefined;
}

export function useForm(entity: string, key = "default"): FormConfig | undefined {
  return useConfigItem("form", entity, key, isFormConfig);
}

export function useView(entity: string, key: string): ViewConfig | undefined {
  return useConfigItem("view", entity, key, isViewConfig);
}

export function useWorkflow(entity: string, key = "default"): WorkflowConfig | undefined {
  return useConfigItem("workflow", entity, key, isWorkflowConfig);
}

export function useTheme(): ThemeConfig | undefined {
  return useConfigItem("theme", "tenant", "default", isThemeConfig);
}
