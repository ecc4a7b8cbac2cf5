import { z } from "zod";
import { hexColorSchema, httpUrlSchema, label, timeZoneSchema } from "./common";

// Phone numbers typed without "+" are read as this country's (ISO 3166-1 alpha-2).
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code such as US or DE");

// theme/tenant/default is the one the web app applies. Its timezone is the tenant's calendar
// for dates in conditions ("due today"), its defaultCountry the country of phone numbers
// typed without "+".
export const themeSchema = z.strictObject({
  name: label,
  logoUrl: httpUrlSchema.optional(),
  colors: z.strictObject({ primary: hexColorSchema, accent: hexColorSchema.optional() }),
  defaultMode: z.enum(["light", "dark", "system"]).optional(),
  timezone: timeZoneSchema.optional(), // absent: UTC
  defaultCountry: countryCodeSchema.optional(), // absent: phone numbers need their "+"
});
export type ThemeConfig = z.infer<typeof themeSchema>;
