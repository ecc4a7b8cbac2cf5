import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    test: {
      projects: [
        "web/vite.config.ts",
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                // Tests poll the API fast (eventually()): the per-minute shares are tested with
                // their own env in test/worker/routes/limits.test.ts, not hit by accident here.
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  JWT_SECRET: "test-secret-please-change-0123456789",
                  OPS_TOKEN: "test-ops-token-0123456789",
                  LIMIT_REQUESTS_PER_USER: "1000000000",
                  LIMIT_REQUESTS_PER_TENANT: "1000000000",
                  LIMIT_WRITES_PER_TENANT: "1000000000",
                  LIMIT_CONCURRENT_REQUESTS_PER_TENANT: "64",
                  PULSE_DEBUG_TRIPS: "1",
                },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["test/worker/setup.ts"],
            // One workerd for all files: the plugin would start a fresh Miniflare per file (most of
            // the suite's time). Files share storage, so each test makes its own tenant.
            isolate: false,
            // Limits against hangs, not speed: on a loaded machine a 100-write test takes seconds.
            testTimeout: 60_000,
            hookTimeout: 60_000,
          },
        },
      ],
    },
  };
});
