// The indicator library as a sheet finance edits in Excel (library upkeep): the library laid out as
// a SheetPlan (a title row naming the version it came from, a header, a row per indicator), the
// sheet read back into indicators, and the checks a sheet must pass before it is published —
// codes unique, level-1/level-2 pairs in the policy's frame, units known or canonical, ranges
// sane, replacements that exist — each finding at its cell. Pure: no I/O, no Office.js.
import { isInFrame, parseLevel1, parseLevel2, type FrameName } from "./frame.ts";
import { codedCell, fieldTerms, keyOf, level1Terms, level2Terms, operatorTerms, valueTypeTerms, type Term } from "./glossary.ts";
import { CodeSchema, IndicatorSchema, type Indicator, type Library } from "./library.ts";
import { diffLibraries, type LibraryChanges } from "./library-changes.ts";
import { a1 } from "./sheet/a1.ts";
import type { PlanValue, SheetPlan } from "./sheet/plan.ts";
import { isKnownUnit, normaliseUnit } from "./measure-units.ts";

export const librarySheetTitle = "指标库维护";

export type LibraryColumn =
  | "code"
  | "name"
  | "level1"
  | "level2"
  | "fields"
  | "valueType"
  | "operators"
  | "unit"
  | "min"
  | "max"
  | "history"
  | "explanation"
  | "scoring"
  | "dataSource"
  | "status"
  | "replacedBy";

export const libraryColumns: readonly { key: LibraryColumn; header: Term; width: number }[] = [
  { key: "code", header: { zh: "指标编码", en: "Code" }, width: 14 },
  { key: "name", header: { zh: "三级指标", en: "Level-3 name" }, width: 28 },
  { key: "level1", header: { zh: "一级指标", en: "Level 1" }, width: 12 },
  { key: "level2", header: { zh: "二级指标", en: "Level 2" }, width: 16 },
  { key: "fields", header: { zh: "适用领域", en: "Fields" }, width: 16 },
  { key: "valueType", header: { zh: "指标性质", en: "Value type" }, width: 9 },
  { key: "operators", header: { zh: "允许的符号", en: "Operators" }, width: 12 },
  { key: "unit", header: { zh: "计量单位", en: "Unit" }, width: 10 },
  { key: "min", header: { zh: "合理下限", en: "Range min" }, width: 9 },
  { key: "max", header: { zh: "合理上限", en: "Range max" }, width: 9 },
  { key: "history", header: { zh: "历史值（年:值;…）", en: "History (year:value; …)" }, width: 18 },
  { key: "explanation", header: { zh: "指标解释", en: "Explanation" }, width: 30 },
  { key: "scoring", header: { zh: "评（扣）分标准", en: "Scoring" }, width: 24 },
  { key: "dataSource", header: { zh: "数据来源", en: "Data source" }, width: 16 },
  { key: "status", header: { zh: "状态", en: "Status" }, width: 8 },
  { key: "replacedBy", header: { zh: "替代指标编码", en: "Replaced by" }, width: 14 },
];

export const statusLabels = { active: { zh: "启用", en: "active" }, deprecated: { zh: "停用", en: "deprecated" } } as const satisfies Record<string, Term>;

/** Where the sheet's table starts: row 1 is the title, row 2 the header, indicators from row 3. */
export const headerRow = 1;

export function libraryTitle(version: number): string {
  return `绩效指标库 第 ${version} 版 — 修改后在任务窗格中“检查”并“发布” (Indicator library v${version}: edit, then Check and Publish in the pane)`;
}

function listCell(xs: readonly string[] | undefined): PlanValue {
  return xs && xs.length ? xs.join("、") : null;
}

/** One indicator as the sheet shows it. */
export function indicatorRow(ind: Indicator): PlanValue[] {
  return libraryColumns.map(({ key }) => {
    const coded = codedCell(key, ind[key as keyof Indicator]);
    if (coded !== undefined) return coded;
    switch (key) {
      case "fields":
        return listCell(ind.fields.map((f) => (f in fieldTerms ? fieldTerms[f as keyof typeof fieldTerms].zh : f)));
      case "operators":
        return listCell(ind.operators.map((o) => operatorTerms[o].zh));
      case "min":
        return ind.range?.min ?? null;
      case "max":
        return ind.range?.max ?? null;
      case "history":
        return ind.history?.length ? ind.history.map((h) => `${h.year}:${h.value}`).join("; ") : null;
      case "status":
        return statusLabels[ind.status].zh;
      default:
        return (ind[key] as string | undefined) ?? null;
    }
  });
}

/** The library as a sheet plan: title, header, a row per indicator; lists as dropdowns. */
export function librarySheetPlan(library: Pick<Library, "version" | "indicators">, name = librarySheetTitle): SheetPlan {
  const last = headerRow + 1 + Math.max(library.indicators.length, 1) + 200; // room to add rows
  const col = (key: LibraryColumn) => libraryColumns.findIndex((c) => c.key === key);
  const colRange = (key: LibraryColumn) => {
    const c = col(key);
    return `${a1(headerRow + 1, c)}:${a1(last - 1, c)}`;
  };
  const width = libraryColumns.length;
  return {
    name,
    values: [[libraryTitle(library.version)], libraryColumns.map((c) => c.header.zh), ...library.indicators.map(indicatorRow)],
    styles: [
      { range: a1(0, 0), style: { bold: true, fontSize: 12 } },
      { range: `${a1(headerRow, 0)}:${a1(headerRow, width - 1)}`, style: { bold: true, fill: "#D9E1F2", border: true, wrap: true } },
      { range: colRange("code"), style: { numberFormat: "@" } },
      { range: colRange("replacedBy"), style: { numberFormat: "@" } },
    ],
    columnWidths: libraryColumns.map((c) => c.width),
    freeze: { rows: headerRow + 1, columns: 2 },
    validations: [
      { range: colRange("level1"), list: Object.values(level1Terms).map((t) => t.zh), strict: false },
      { range: colRange("valueType"), list: Object.values(valueTypeTerms).map((t) => t.zh), strict: true },
      { range: colRange("status"), list: Object.values(statusLabels).map((t) => t.zh), strict: true },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the sheet back

export type SheetValue = string | number | boolean | null;

export interface SheetFinding {
  /** what was checked: duplicate-code, frame, unit, range, replacement, field, value */
  check: "header" | "duplicate-code" | "frame" | "unit" | "range" | "replacement" | "field" | "value";
  severity: "error" | "warning";
  /** A1 on the library sheet */
  cell: string;
  code?: string;
  message: Term;
}

export interface LibrarySheetRead {
  /** the version named in the title (what the sheet was exported from) */
  basedOn: number | undefined;
  indicators: Indicator[];
  findings: SheetFinding[];
}

function text(v: SheetValue | undefined): string {
  if (v === null || v === undefined) return "";
  return String(v).trim();
}

function splitList(v: SheetValue | undefined): string[] {
  return text(v)
    .split(/[、,，;；\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function numberOf(v: SheetValue | undefined): number | undefined | "bad" {
  if (v === null || v === undefined || v === "") return undefined;
  if (typeof v === "number") return Number.isFinite(v) ? v : "bad";
  const t = String(v).normalize("NFKC").replace(/,/g, "").trim();
  if (t === "") return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : "bad";
}

const operatorByText = new Map<string, Indicator["operators"][number]>();
for (const [k, t] of Object.entries(operatorTerms) as [Indicator["operators"][number], Term][]) {
  operatorByText.set(k, k);
  operatorByText.set(t.zh, k);
  operatorByText.set(t.en.toLowerCase(), k);
}
operatorByText.set("≧", ">=");
operatorByText.set("≦", "<=");
operatorByText.set("＝", "=");

/** Finds the header row (the one whose first cell is 指标编码 / Code) and the columns by header text. */
function locate(grid: readonly (readonly SheetValue[])[]): { row: number; cols: Map<LibraryColumn, number> } | undefined {
  for (let r = 0; r < Math.min(grid.length, 20); r++) {
    const row = grid[r] ?? [];
    const cols = new Map<LibraryColumn, number>();
    row.forEach((v, c) => {
      const t = text(v);
      const hit = libraryColumns.find((col) => col.header.zh === t || col.header.en.toLowerCase() === t.toLowerCase() || col.key === t);
      if (hit && !cols.has(hit.key)) cols.set(hit.key, c);
    });
    if (cols.has("code") && cols.has("name")) return { row: r, cols };
  }
  return undefined;
}

const say = (zh: string, en: string): Term => ({ zh, en });

/**
 * Reads a library sheet (a grid anchored at A1). Rows with neither code nor name are skipped.
 * Every cell that does not read is a finding; the indicators that read are checked together
 * (`checkIndicators`) and returned in sheet order.
 */
export function readLibrarySheet(
  grid: readonly (readonly SheetValue[])[],
  options: { frame?: FrameName; published?: Pick<Library, "indicators"> } = {},
): LibrarySheetRead {
  const findings: SheetFinding[] = [];
  const title = text(grid[0]?.[0]);
  const m = /第\s*(\d+)\s*版|v(\d+)/.exec(title);
  const basedOn = m ? Number(m[1] ?? m[2]) : undefined;
  const where = locate(grid);
  if (!where) {
    findings.push({ check: "header", severity: "error", cell: "A1", message: say("没有找到指标库表头（指标编码、三级指标…）", "No library header (指标编码, 三级指标 …) on this sheet") });
    return { basedOn, indicators: [], findings };
  }
  const { row: hr, cols } = where;
  const indicators: Indicator[] = [];
  const cellsOf: { row: number; ind: Indicator }[] = [];
  for (let r = hr + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const get = (k: LibraryColumn) => (cols.has(k) ? row[cols.get(k)!] : undefined);
    const at = (k: LibraryColumn) => a1(r, cols.get(k) ?? 0);
    const code = text(get("code"));
    const name = text(get("name"));
    if (!code && !name) continue;
    const bad = (k: LibraryColumn, check: SheetFinding["check"], message: Term) => findings.push({ check, severity: "error", cell: at(k), ...(code ? { code } : {}), message });
    let ok = true;
    if (!code || !CodeSchema.safeParse(code).success) {
      bad("code", "value", say(`编码“${code}”无效：只能用字母、数字、.、-、_`, `Code "${code}" is not valid: letters, digits, '.', '-', '_' only`));
      ok = false;
    }
    if (!name) {
      bad("name", "value", say("三级指标名称为空", "The level-3 name is empty"));
      ok = false;
    } else if (name.length > 100) {
      bad("name", "value", say("三级指标名称超过 100 字", "The level-3 name is longer than 100 characters"));
      ok = false;
    }
    const level1 = parseLevel1(text(get("level1")));
    const level2 = parseLevel2(text(get("level2")));
    if (!level1) {
      bad("level1", "frame", say(`一级指标“${text(get("level1"))}”不认识`, `Level 1 "${text(get("level1"))}" is not known`));
      ok = false;
    }
    if (!level2) {
      bad("level2", "frame", say(`二级指标“${text(get("level2"))}”不认识`, `Level 2 "${text(get("level2"))}" is not known`));
      ok = false;
    }
    const vtText = text(get("valueType"));
    const valueType = keyOf(valueTypeTerms, vtText);
    if (!valueType) {
      bad("valueType", "value", say(`指标性质“${vtText}”应为 定量 或 定性`, `Value type "${vtText}" must be 定量 (quantitative) or 定性 (qualitative)`));
      ok = false;
    }
    const ops: Indicator["operators"] = [];
    for (const o of splitList(get("operators"))) {
      const op = operatorByText.get(o) ?? operatorByText.get(o.toLowerCase());
      if (!op) {
        bad("operators", "value", say(`符号“${o}”不认识（≥ > = ≤ < 区间 定性）`, `Operator "${o}" is not known (>= > = <= < range qualitative)`));
        ok = false;
      } else if (!ops.includes(op)) ops.push(op);
    }
    if (ops.length === 0 && valueType) ops.push(valueType === "qualitative" ? "qualitative" : ">=");
    const fields: string[] = [];
    for (const f of splitList(get("fields"))) {
      const key = keyOf(fieldTerms, f);
      if (key) fields.push(key);
      else if (/^(全部|任意|any|所有)$/i.test(f)) continue;
      else {
        findings.push({ check: "field", severity: "warning", cell: at("fields"), ...(code ? { code } : {}), message: say(`领域“${f}”不在领域清单中`, `Field "${f}" is not one of the known fields`) });
        fields.push(f);
      }
    }
    const min = numberOf(get("min"));
    const max = numberOf(get("max"));
    if (min === "bad") {
      bad("min", "range", say("合理下限不是数字", "Range min is not a number"));
      ok = false;
    }
    if (max === "bad") {
      bad("max", "range", say("合理上限不是数字", "Range max is not a number"));
      ok = false;
    }
    const history: { year: number; value: number }[] = [];
    for (const part of text(get("history")).split(/[;；\n]+/).map((x) => x.trim()).filter(Boolean)) {
      const hm = /^(\d{4})\s*[:：=]\s*(-?[\d.]+)$/.exec(part.normalize("NFKC"));
      if (!hm) {
        bad("history", "value", say(`历史值“${part}”应写作 年:值（如 2024:86）`, `History "${part}" must read year:value (e.g. 2024:86)`));
        ok = false;
      } else history.push({ year: Number(hm[1]), value: Number(hm[2]) });
    }
    const statusText = text(get("status"));
    const status = statusText === "" ? "active" : (keyOf(statusLabels, statusText) ?? (statusText === "deprecated" || statusText === "active" ? statusText : undefined));
    if (!status) {
      bad("status", "value", say(`状态“${statusText}”应为 启用 或 停用`, `Status "${statusText}" must be 启用 (active) or 停用 (deprecated)`));
      ok = false;
    }
    if (!ok || !level1 || !level2 || !valueType || !status) continue;
    const unit = text(get("unit"));
    const replacedBy = text(get("replacedBy"));
    const opt = (k: "explanation" | "scoring" | "dataSource") => {
      const v = text(get(k));
      return v ? { [k]: v } : {};
    };
    const candidate = {
      code,
      name,
      level1,
      level2,
      fields,
      valueType,
      operators: ops,
      ...(unit ? { unit } : {}),
      ...(min !== undefined || max !== undefined ? { range: { ...(typeof min === "number" ? { min } : {}), ...(typeof max === "number" ? { max } : {}) } } : {}),
      ...(history.length ? { history } : {}),
      ...opt("explanation"),
      ...opt("scoring"),
      ...opt("dataSource"),
      status,
      ...(replacedBy ? { replacedBy } : {}),
    };
    const parsed = IndicatorSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const k = (issue.path[0] === "range" ? "min" : issue.path[0]) as LibraryColumn;
        const check: SheetFinding["check"] = k === "unit" ? "unit" : k === "min" ? "range" : "value";
        bad(cols.has(k) ? k : "code", check, say(`${libraryColumns.find((c) => c.key === k)?.header.zh ?? String(k)}：${issue.message}`, `${String(k)}: ${issue.message}`));
      }
      continue;
    }
    indicators.push(parsed.data);
    cellsOf.push({ row: r, ind: parsed.data });
  }
  findings.push(...checkIndicators(cellsOf, cols, options));
  return { basedOn, indicators, findings };
}

/** Checks across rows: codes unique, pairs in the frame, units, ranges, replacements. */
function checkIndicators(
  rows: readonly { row: number; ind: Indicator }[],
  cols: Map<LibraryColumn, number>,
  options: { frame?: FrameName; published?: Pick<Library, "indicators"> },
): SheetFinding[] {
  const out: SheetFinding[] = [];
  const frame = options.frame ?? "2021";
  const at = (r: number, k: LibraryColumn) => a1(r, cols.get(k) ?? 0);
  const firstRow = new Map<string, number>();
  const codes = new Set(rows.map((x) => x.ind.code));
  const byCode = new Map(rows.map((x) => [x.ind.code, x.ind]));
  const knownUnits = new Set((options.published?.indicators ?? []).map((i) => i.unit).filter((u): u is string => !!u));
  for (const { row, ind } of rows) {
    const code = ind.code;
    const f = (check: SheetFinding["check"], severity: SheetFinding["severity"], k: LibraryColumn, message: Term) => out.push({ check, severity, cell: at(row, k), code, message });
    const prev = firstRow.get(code);
    if (prev !== undefined) f("duplicate-code", "error", "code", say(`编码 ${code} 重复（第 ${prev + 1} 行已有）`, `Code ${code} is used twice (already on row ${prev + 1})`));
    else firstRow.set(code, row);
    if (!isInFrame(frame, ind.level1, ind.level2)) {
      f("frame", "error", "level2", say(`${level1Terms[ind.level1].zh}/${level2Terms[ind.level2].zh} 不在 ${frame} 版指标框架中`, `${ind.level1}/${ind.level2} is not a pair of the ${frame} frame`));
    }
    if (ind.unit) {
      const canonical = normaliseUnit(ind.unit);
      if (canonical !== ind.unit && isKnownUnit(canonical)) {
        f("unit", "warning", "unit", say(`计量单位“${ind.unit}”请写作“${canonical}”`, `Write the unit "${ind.unit}" as "${canonical}"`));
      } else if (!isKnownUnit(ind.unit) && !knownUnits.has(ind.unit)) {
        f("unit", "warning", "unit", say(`计量单位“${ind.unit}”不是已知单位，库中也未用过：请核对写法`, `Unit "${ind.unit}" is not a known unit and no published indicator uses it: check the spelling`));
      }
    }
    const r = ind.range;
    if (r) {
      const pct = ind.unit === "%" || ind.unit === "‰";
      const limit = ind.unit === "%" ? 100 : 1000;
      if (r.min !== undefined && r.max !== undefined && r.min > r.max) f("range", "error", "min", say("合理下限高于上限", "Range min is above range max"));
      if (pct && ((r.min ?? 0) < 0 || (r.max ?? 0) > limit)) f("range", "error", "max", say(`${ind.unit} 的合理区间应在 0–${limit} 之间`, `A range in ${ind.unit} must lie within 0–${limit}`));
      if (ind.valueType === "qualitative") f("range", "warning", "min", say("定性指标不需要合理区间", "A qualitative indicator takes no range"));
    }
    if (ind.replacedBy) {
      if (ind.replacedBy === code) f("replacement", "error", "replacedBy", say("指标不能由自己替代", "An indicator cannot replace itself"));
      else if (!codes.has(ind.replacedBy)) f("replacement", "error", "replacedBy", say(`替代指标 ${ind.replacedBy} 不存在`, `Replacement ${ind.replacedBy} does not exist`));
      else if (byCode.get(ind.replacedBy)?.status === "deprecated") f("replacement", "warning", "replacedBy", say(`替代指标 ${ind.replacedBy} 本身已停用`, `Replacement ${ind.replacedBy} is itself deprecated`));
      if (ind.status !== "deprecated") f("replacement", "warning", "status", say("填了替代指标但状态仍为启用", "A replacement is named but the indicator is still active"));
    } else if (ind.status === "deprecated") {
      f("replacement", "warning", "replacedBy", say("停用指标未指定替代指标", "A deprecated indicator names no replacement"));
    }
  }
  return out;
}

/** The changelog the sheet would publish, against the published version. */
export function previewChanges(published: Pick<Library, "version" | "indicators">, indicators: readonly Indicator[]): LibraryChanges {
  return diffLibraries(published, { version: published.version + 1, indicators: [...indicators] });
}

export function hasSheetErrors(findings: readonly SheetFinding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
