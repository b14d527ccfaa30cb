// The CLI run in-process (server/cli/main.ts) with its stdout and stderr captured, on a fresh data
// folder for each test: `const cli = cliEachTest("jixiao-x-")`, then `await cli.run("units", …)`
// and `cli.out`, `cli.err` (the last run's output), `cli.dir`.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, vi } from "vitest";
import { main } from "../../server/cli/main.ts";

export interface CliEachTest {
  /** this test's data folder */
  readonly dir: string;
  readonly out: string;
  readonly err: string;
  run(...args: string[]): Promise<number>;
}

export function cliEachTest(prefix: string): CliEachTest {
  let dir = "";
  let out = "";
  let err = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    out = "";
    err = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    run(...args: string[]) {
      out = "";
      err = "";
      return main(args);
    },
  };
}
