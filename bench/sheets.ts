// `npx tsx bench/sheets.ts`: parse a 10,000-row grid into a form, and render a 10,000-row form to
// .xlsx. Targets: parse ≥ 100,000 rows/s; render ≤ 3 s.
import { layoutForm } from "../shared/sheet/layout.ts";
import { parseForm, type Grid } from "../shared/sheet/parse.ts";
import { renderWorkbook } from "../server/xlsx/render.ts";
import { bigForm, library } from "./_forms.ts";

const ROWS = 10_000;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const out = fn();
  return [out, performance.now() - t];
}

const form = bigForm(ROWS);
const plan = layoutForm("selfEval", form, library);
const grid = plan.sheets[0]!.values as Grid;

// Parse: warm up once, then the best of five.
parseForm(grid, plan.sheets[0]!.name);
let parseMs = Infinity;
for (let i = 0; i < 5; i++) {
  const [res, ms] = time(() => parseForm(grid, plan.sheets[0]!.name));
  if (res.form?.indicators.length !== ROWS) throw new Error(`parsed ${res.form?.indicators.length} rows, expected ${ROWS}: ${JSON.stringify(res.issues.slice(0, 3))}`);
  parseMs = Math.min(parseMs, ms);
}
const parseRate = ROWS / (parseMs / 1000);
// `form.cells` is built on first read; what a caller pays when it reads one address.
let cellsMs = Infinity;
for (let i = 0; i < 3; i++) {
  const res = parseForm(grid, plan.sheets[0]!.name);
  const [address, ms] = time(() => res.form!.cells![`indicators[${ROWS - 1}].actual`]);
  if (!address) throw new Error("no cell for the last row");
  cellsMs = Math.min(cellsMs, ms);
}

// Render: layout + exceljs to bytes, once (it is the cold path a clerk waits for).
const t0 = performance.now();
const bytes = await renderWorkbook(layoutForm("selfEval", form, library));
const renderMs = performance.now() - t0;

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
console.log(`parse  ${fmt(ROWS)} rows: ${parseMs.toFixed(1)} ms, ${fmt(parseRate)} rows/s (target ≥ 100,000 rows/s) ${parseRate >= 100_000 ? "ok" : "MISSED"}`);
console.log(
  `cells  ${fmt(ROWS)} rows: ${cellsMs.toFixed(1)} ms to build form.cells on first read (parse + cells: ${fmt(ROWS / ((parseMs + cellsMs) / 1000))} rows/s)`,
);
console.log(
  `render ${fmt(ROWS)} rows: ${renderMs.toFixed(0)} ms, ${fmt(ROWS / (renderMs / 1000))} rows/s, ${(bytes.length / 1024).toFixed(0)} KiB (target ≤ 3,000 ms) ${renderMs <= 3000 ? "ok" : "MISSED"}`,
);
console.log(`ratio  parse ${(parseRate / 100_000).toFixed(2)}× target, render ${(3000 / renderMs).toFixed(2)}× target`);
if (parseRate < 100_000 || renderMs > 3000) process.exitCode = 1;
