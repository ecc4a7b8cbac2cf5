import { z } from "zod";
import { hexColorSchema, httpUrlSchema, label } from "./common";

// theme/tenant/default is the one the web app applies.
export const themeSchema = z.strictObject({
  name: label,
  logoUrl: httpUrlSchema.optional(),
  colors: z.strictObject({ primary: hexColorSchema, accent: hexColorSchema.optional() }),
  defaultMode: z.enum(["light", "dark", "system"]).optional(),
});
export type ThemeConfig = z.infer<typeof themeSchema>;
