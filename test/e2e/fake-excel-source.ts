// The stand-in host's script as every loader runs it (the browser tests' pane context in
// harness.ts, the Node host in fake-host.ts, bench/pull.ts): the repo's one A1 module
// (shared/sheet/a1.ts) made plain script as `jixiaoA1`, then test/e2e/fake-excel.js, which reads
// its column letters from it rather than keeping a copy.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { transformWithOxc } from "vite";

const a1File = fileURLToPath(new URL("../../shared/sheet/a1.ts", import.meta.url));
const hostFile = fileURLToPath(new URL("./fake-excel.js", import.meta.url));

let source: Promise<string> | undefined;

/** The script text, built once per process. */
export function fakeExcelSource(): Promise<string> {
  source ??= (async () => {
    const { code } = await transformWithOxc(readFileSync(a1File, "utf8"), a1File, { lang: "ts" });
    const names = [...code.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
    const a1 = `const jixiaoA1 = (() => {\n${code.replace(/^export /gm, "")}\nreturn { ${names.join(", ")} };\n})();\n`;
    return a1 + readFileSync(hostFile, "utf8");
  })();
  return source;
}
