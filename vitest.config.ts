import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a browser or server does next: 1 s (vitest's default) is too short
    // at a load of 15 on two cores, where a publish reaching the pane was seen to take longer
    expect: { poll: { timeout: 15_000 } },
    // Two cores here: keep workers to two so LibreOffice and Chromium tests do not starve.
    maxWorkers: 2,
    // the task pane is built once, before the browser tests (see the file)
    globalSetup: ["test/e2e/global-setup.ts"],
  },
});
