// Builds the task pane once per test run, before any test file starts. The browser tests run in
// parallel workers and each serves addin/dist: building it in each of them emptied the folder
// under the others' feet (a page load could meet a half-written dist and fail at random).
export default async function setup(): Promise<void> {
  const { run } = await import("../../server/cli/build-pane.ts");
  if ((await run(["--quiet"])) !== 0) throw new Error("jixiao build-pane failed: the browser tests need the built pane");
}
