import { defineConfig } from "drizzle-kit";

// drizzle-kit writes flat SQL files into migrations/, which `wrangler d1 migrations apply`
// and the test harness's readD1Migrations both read. Never edit them by hand.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
