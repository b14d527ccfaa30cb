// Tests that drive a real program (LibreOffice, openpyxl, Chromium, xmllint): when the program is
// missing the suite is skipped with a message saying how to install it — except on CI
// (`CI=true`), where a missing program is a failure, so nothing is silently left untested.
import { spawnSync } from "node:child_process";

/** True when `command` runs (exit 0) with `args`. Never throws. */
export function runs(command: string, args: string[] = ["--version"], timeoutMs = 60_000): boolean {
  try {
    const r = spawnSync(command, args, { stdio: "ignore", timeout: timeoutMs });
    return r.status === 0;
  } catch {
    return false;
  }
}

/** True when an executable of that name is on PATH (or the path exists and is executable). */
export function onPath(command: string): boolean {
  return runs("sh", ["-c", `command -v '${command.replace(/'/g, "'\\''")}'`], 10_000);
}

export interface ProgramCheck {
  /** how to install it, e.g. `apt-get install -y --no-install-recommends libreoffice-calc-nogui` */
  install: string;
  /** a custom test of presence (default: the name is on PATH) */
  probe?: () => boolean;
}

const seen = new Map<string, boolean>();

/**
 * Whether a suite that needs `name` should run. Missing: on CI throws (the test file fails);
 * elsewhere prints why it is skipped and returns false. Use as `describe.skipIf(!requireProgram(...))`.
 */
export function requireProgram(name: string, check: ProgramCheck): boolean {
  const cached = seen.get(name);
  if (cached !== undefined) return cached;
  const present = check.probe ? check.probe() : onPath(name);
  if (!present) {
    const message = `${name} is not installed; install it with: ${check.install}`;
    if (process.env.CI === "true") throw new Error(`${message} (CI=true: a missing program fails the suite)`);
    console.warn(`skipping tests that need ${message}`);
  }
  seen.set(name, present);
  return present;
}

/** LibreOffice, for opening and re-saving workbooks headless. */
export const libreOffice = (): boolean =>
  requireProgram("soffice", { install: "apt-get install -y --no-install-recommends libreoffice-calc-nogui" });

/** openpyxl under the system Python (not a pyenv `python3` on PATH). */
export const openpyxl = (): boolean =>
  requireProgram("openpyxl", {
    install: "apt-get install -y --no-install-recommends python3-openpyxl",
    probe: () => runs("/usr/bin/python3", ["-c", "import openpyxl"]),
  });
