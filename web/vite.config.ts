import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One file configures the web app's build, its dev server and its unit tests.
// The root vitest.config.ts lists this file as the "web" project.
const webDir = import.meta.dirname;
const repoDir = path.resolve(webDir, "..");

export default defineConfig({
  root: webDir,
  plugins: [react()],
  resolve: {
    alias: { "@shared": path.join(repoDir, "worker/shared") },
  },
  build: {
    outDir: path.join(webDir, "dist"),
    emptyOutDir: true,
    // No source maps in web/dist: everything there is public.
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    // `wrangler dev` serves the API; Vite serves the app with hot reload in front of it.
    proxy: {
      "/api": { target: "http://127.0.0.1:8787", changeOrigin: true, ws: true },
    },
  },
  test: {
    name: "web",
    root: webDir,
    environment: "jsdom",
    include: [path.join(repoDir, "test/web/**/*.test.{ts,tsx}")],
    setupFiles: [path.join(repoDir, "test/web/setup.ts")],
    restoreMocks: true,
    unstubGlobals: true,
    // Tests wait on conditions, never on the clock; on a loaded machine (CI, load 16) the first
    // import of a lazy page alone can take seconds, so the limits are about hangs, not speed.
    testTimeout: 30_000,
    // Files share one worker and one jsdom (setup.ts resets what a test leaves: DOM, mocks, the
    // query cache): a fresh jsdom per file was 70 % of the suite's time.
    isolate: false,
  },
});
