import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here: keep workers to two so LibreOffice and Chromium tests do not starve.
    maxWorkers: 2,
    // the task pane is built once, before the browser tests (see the file)
    globalSetup: ["test/e2e/global-setup.ts"],
  },
});
