// `npm run bench [name...]`: runs each benchmark under bench/ (or the ones named) in its own
// process, one after another, so one's memory does not weigh on the next.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const all = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .map((f) => f.replace(/\.ts$/, ""))
  .sort();
const asked = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const chosen = asked.length > 0 ? asked : all;
let failed = 0;
for (const name of chosen) {
  if (!all.includes(name)) {
    console.error(`no benchmark bench/${name}.ts (have: ${all.join(", ")})`);
    failed++;
    continue;
  }
  console.log(`\n== bench/${name} ==`);
  const r = spawnSync(process.execPath, ["--import", "tsx", `${dir}${name}.ts`, ...process.argv.slice(2).filter((a) => a.startsWith("-"))], {
    stdio: "inherit",
  });
  if (r.status !== 0) failed++;
}
process.exitCode = failed > 0 ? 1 : 0;
