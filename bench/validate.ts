// bench/validate: a 10,000-row form against a generated 5,000-indicator library, 10% of the rows
// named with names the library does not hold (so I203 looks for the nearest names). Prints rows per
// second for validate() and its ratio to a bare pass (reading each row's values with readValue, no
// rules), the two timed in turns after the same warm-up, so both see the same machine, and timed in
// CPU time (this process's user + system), so other work on a shared machine weighs less. Then the same
// form against a 50,000-indicator library (the 5,000 and 45,000 more), which should cost little more.
// Targets: ratio to the bare pass ≤ 3; the 50,000-indicator library ≤ 1.5× the 5,000 one's time.
import type { Form } from "../shared/form.ts";
import type { Library } from "../shared/library.ts";
import { libraryIndex } from "../shared/rules/nearest-names.ts";
import { validate } from "../shared/rules/validate.ts";
import { readValue } from "../shared/values.ts";
import { INDICATORS, makeForm, makeLibrary, ROWS, UNKNOWN } from "./_generated.ts";

function barePass(form: Form): number {
  let n = 0;
  for (const row of form.indicators) {
    const v = readValue(row.target, { unit: row.unit ?? undefined });
    if (v.kind === "number") n += v.value;
  }
  return n;
}

/** This process's CPU time so far, in ms. */
const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * validate() and the bare pass timed in turns, `runs` times each, after `warm` untimed turns of
 * both. I203 remembers the nearest names it has found: they are forgotten before each timed
 * validate, so every run pays for its unknown names as a fresh form would.
 */
function measure(library: Library, form: Form, runs = 21, warm = 10): { validate: number[]; bare: number[]; ratio: number[] } {
  const forget = () => libraryIndex(library).answers.clear();
  for (let i = 0; i < warm; i++) {
    forget();
    validate(form, library);
    barePass(form);
  }
  const out = { validate: [] as number[], bare: [] as number[], ratio: [] as number[] };
  for (let i = 0; i < runs; i++) {
    forget();
    const t0 = cpu();
    validate(form, library);
    const t1 = cpu();
    barePass(form);
    const t2 = cpu();
    out.validate.push(t1 - t0);
    out.bare.push(t2 - t1);
    out.ratio.push((t1 - t0) / (t2 - t1));
  }
  return out;
}

const library = makeLibrary();
const form = makeForm(library);
const tIndex0 = performance.now();
libraryIndex(library);
const tIndex = performance.now() - tIndex0;
const issues = validate(form, library);
const small = measure(library, form);
const rate = (t: number) => Math.round((ROWS / t) * 1000).toLocaleString("en");
const counts = new Map<string, number>();
for (const i of issues) counts.set(i.rule, (counts.get(i.rule) ?? 0) + 1);

console.log(`library: ${library.indicators.length} indicators; form: ${ROWS} rows, ${Math.round(UNKNOWN * 100)}% unknown names`);
console.log(`findings: ${issues.length} (${[...counts].sort().map(([r, c]) => `${r} ${c}`).join(", ")})`);
console.log(`library index (built once per library, cached): ${tIndex.toFixed(1)} ms`);
console.log(`validate:  median ${median(small.validate).toFixed(1)} ms CPU → ${rate(median(small.validate))} rows/s; best ${Math.min(...small.validate).toFixed(1)} ms`);
console.log(`bare pass: median ${median(small.bare).toFixed(1)} ms CPU → ${rate(median(small.bare))} rows/s; best ${Math.min(...small.bare).toFixed(1)} ms (readValue on every target)`);
const ratio = median(small.ratio);
console.log(`ratio validate / bare pass (median of the turns): ${ratio.toFixed(2)} (ceiling 3) — ${ratio <= 3 ? "met" : "MISSED"}`);

const big = makeLibrary(INDICATORS * 10, library.indicators);
const tBig0 = performance.now();
libraryIndex(big);
const tBigIndex = performance.now() - tBig0;
const large = measure(big, form);
const growth = median(large.validate) / median(small.validate);
console.log(`library of ${big.indicators.length.toLocaleString("en")} (index ${tBigIndex.toFixed(1)} ms): validate median ${median(large.validate).toFixed(1)} ms → ${rate(median(large.validate))} rows/s; ${growth.toFixed(2)}× the ${INDICATORS.toLocaleString("en")}-indicator library's time (ceiling 1.5) — ${growth <= 1.5 ? "met" : "MISSED"}`);
process.exitCode = ratio <= 3 && growth <= 1.5 ? 0 : 1;
