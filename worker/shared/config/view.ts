import { z } from "zod";
import { fieldName, label, roleSchema } from "./common";
import { conditionSchema } from "./condition";

export const VIEW_TYPES = ["table", "kanban", "list"] as const;
export type ViewType = (typeof VIEW_TYPES)[number];

const columnSchema = z.strictObject({
  field: fieldName,
  label: label.optional(),
  width: z.int().min(40).max(2000).optional(),
});

const sortSchema = z.strictObject({ field: fieldName, dir: z.enum(["asc", "desc"]) });

export const viewSchema = z
  .strictObject({
    title: label,
    type: z.enum(VIEW_TYPES),
    columns: z.array(columnSchema).min(1).max(100),
    filter: conditionSchema.optional(),
    sort: z.array(sortSchema).max(10).optional(),
    groupBy: fieldName.optional(), // kanban lanes
    pageSize: z.int().min(1).max(200).optional(), // the records API caps a page at 200
    roles: z.array(roleSchema).optional(), // who sees it in navigation; absent: everyone
  })
  .superRefine((view, ctx) => {
    if (view.type === "kanban" && !view.groupBy) {
      ctx.addIssue({ code: "custom", message: "kanban views need groupBy", path: ["groupBy"] });
    }
  });
export type ViewConfig = z.infer<typeof viewSchema>;
