// Starting `jixiao serve` as a child process for the socket tests.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const repo = fileURLToPath(new URL("../../", import.meta.url));

export interface Served {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  url: string;
  exited: Promise<number | null>;
}

/** `env`: the child's environment instead of this process's. */
export function spawnServe(args: string[], waitFor = /listening on (\S+)/, ms = 45_000, env?: NodeJS.ProcessEnv): Promise<Served> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/cli/main.ts", "serve", "--port", "0", ...args], {
    cwd: repo,
    stdio: ["ignore", "pipe", "pipe"],
    ...(env ? { env } : {}),
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += String(d)));
  child.stderr!.on("data", (d) => (err += String(d)));
  // A death by signal is logged with the child's stderr, so a flaky stop says what happened.
  const exited = new Promise<number | null>((ok) =>
    child.on("exit", (code, signal) => {
      if (signal) process.stderr.write(`jixiao serve (pid ${child.pid}) ended by ${signal}:\n${err}\n`);
      ok(code);
    }),
  );
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`serve did not start:\n${out}\n${err}`));
    }, ms);
    const check = () => {
      const m = waitFor.exec(out);
      if (m) {
        clearTimeout(timer);
        ok({ child, out: () => out, err: () => err, url: m[1] ?? "", exited });
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      if (!waitFor.test(out)) fail(Object.assign(new Error(`serve exited ${code}:\n${out}\n${err}`), { code, out, err }));
    });
  });
}

/** Runs `jixiao ARGS…` as its own process, expecting it to exit; resolves with its code and output. */
export function runJixiao(args: string[], ms = 45_000, env?: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/cli/main.ts", ...args], { cwd: repo, stdio: ["ignore", "pipe", "pipe"], ...(env ? { env } : {}) });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += String(d)));
    child.stderr.on("data", (d) => (err += String(d)));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      fail(new Error(`jixiao ${args[0]} did not exit:\n${out}\n${err}`));
    }, ms);
    child.on("exit", (code) => {
      clearTimeout(timer);
      ok({ code, out, err });
    });
  });
}

/** Runs `jixiao serve` expecting it to exit; resolves with its code and output. */
export function runServe(args: string[], ms = 45_000): Promise<{ code: number | null; out: string; err: string }> {
  return runJixiao(["serve", "--port", "0", ...args], ms);
}
