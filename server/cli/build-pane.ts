// `jixiao build-pane`: builds the task pane with Vite (addin/vite.config.ts) into addin/dist/ and
// prints the entry script's size, raw and gzip (the budget is 400 KB gzip).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parseArgs, UsageError } from "./args.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const addinDir = path.join(repoRoot, "addin");
export const distDir = path.join(addinDir, "dist");
export const budgetGzip = 400 * 1024;

export interface PaneSize {
  entry: string;
  /** the entry and the chunks it imports statically (loaded at start with it), summed */
  raw: number;
  gzip: number;
  /** the chunks loaded at start with the entry (the bundler may split modules the entry shares with a lazy chunk into one) */
  startup: string[];
  chunks: { file: string; raw: number; gzip: number }[];
}

/**
 * The entry script is the module taskpane.html loads, with every chunk it imports statically:
 * those load at start too, so they count against the budget. The rest are chunks loaded on demand.
 */
export function measure(dist = distDir): PaneSize {
  const html = readFileSync(path.join(dist, "taskpane.html"), "utf8");
  const m = /<script type="module"[^>]*src="([^"]+)"/.exec(html);
  if (!m) throw new Error("taskpane.html has no module script");
  const entry = m[1]!.replace(/^\.\//, "");
  const size = (rel: string) => {
    const buf = readFileSync(path.join(dist, rel));
    return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  const chunks = readdirSync(path.join(dist, "assets"))
    .filter((f) => f.endsWith(".js"))
    .map((f) => ({ file: `assets/${f}`, ...size(`assets/${f}`) }));
  // Static imports (`from"./x.js"`, `import"./x.js"`), not `import("./x.js")`, followed from the entry.
  const startup = [entry];
  for (let i = 0; i < startup.length; i++) {
    const text = readFileSync(path.join(dist, startup[i]!), "utf8");
    for (const im of text.matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) {
      const file = path.posix.join(path.posix.dirname(startup[i]!), im[1]!);
      if (!startup.includes(file)) startup.push(file);
    }
  }
  const at = startup.map(size);
  return { entry, raw: at.reduce((n, x) => n + x.raw, 0), gzip: at.reduce((n, x) => n + x.gzip, 0), startup, chunks };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseArgs(args, { quiet: { type: "boolean" }, help: { type: "boolean", short: "h" } });
    if (values.help) {
      process.stdout.write("usage: jixiao build-pane [--quiet]\n\nBuilds addin/ into addin/dist/ and prints the entry script's size.\n");
      return 0;
    }
    const { build } = await import("vite");
    // A production build even when a test run starts it: vitest sets NODE_ENV=test, and the React
    // plugin would then compile JSX for React's development build.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ configFile: path.join(addinDir, "vite.config.ts"), mode: "production", logLevel: values.quiet ? "error" : "warn" });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    const size = measure();
    const lines = [
      `task pane built into ${path.relative(process.cwd(), distDir) || distDir}`,
      `entry ${size.entry}${size.startup.length > 1 ? ` with ${size.startup.slice(1).join(", ")} (loaded at start)` : ""}: ${kb(size.raw)} raw, ${kb(size.gzip)} gzip (budget ${kb(budgetGzip)} gzip)`,
      ...size.chunks.filter((c) => !size.startup.includes(c.file)).map((c) => `  on demand ${c.file}: ${kb(c.raw)} raw, ${kb(c.gzip)} gzip`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    if (size.gzip > budgetGzip) {
      process.stderr.write(`jixiao build-pane: the entry script is over budget (${kb(size.gzip)} > ${kb(budgetGzip)} gzip)\n`);
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`jixiao build-pane: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
