import { z } from "zod";
import { hexColorSchema, httpUrlSchema, label, timeZoneSchema } from "./common";

// theme/tenant/default is the one the web app applies. Its timezone is the tenant's calendar
// for dates in conditions ("due today").
export const themeSchema = z.strictObject({
  name: label,
  logoUrl: httpUrlSchema.optional(),
  colors: z.strictObject({ primary: hexColorSchema, accent: hexColorSchema.optional() }),
  defaultMode: z.enum(["light", "dark", "system"]).optional(),
  timezone: timeZoneSchema.optional(), // absent: UTC
});
export type ThemeConfig = z.infer<typeof themeSchema>;
