import type { FormConfig, FormField } from "@shared/config/form";

export interface FormSection {
  title?: string;
  fields: FormField[];
}

/** The form's sections with the given fields; fields no section names follow in one untitled group. */
export function formSections(form: Pick<FormConfig, "sections">, fields: readonly FormField[]): FormSection[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const placed = new Set<string>();
  const sections: FormSection[] = [];
  for (const section of form.sections ?? []) {
    const members = section.fields
      .map((name) => byName.get(name))
      .filter((f): f is FormField => f !== undefined && !placed.has(f.name));
    members.forEach((f) => placed.add(f.name));
    if (members.length > 0) sections.push({ title: section.title, fields: members });
  }
  const rest = fields.filter((f) => !placed.has(f.name));
  if (rest.length > 0) sections.push({ title: sections.length > 0 ? "More" : undefined, fields: rest });
  return sections;
}
