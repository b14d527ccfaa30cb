// A stand-in Excel host for the browser tests: the part of the Excel JavaScript API that
// addin/excel/ uses, over an in-memory workbook, so the SAME adapter code runs in Chromium. It is
// as strict as Excel where Excel is strict, so what passes here does not fail in Excel:
//
// - Requests are batched as in Office.js: calls and property writes are queued, loads are filled
//   in at `context.sync()`, a property read before its load throws PropertyNotLoaded. A failing
//   operation (a missing sheet, a bad address) fails the sync, the operations queued before it
//   applied and the rest dropped, with Excel's error codes (ItemNotFound, InvalidArgument…).
// - A request larger than Excel on the web's 5 MB is refused whole (RequestPayloadSizeLimitExceeded).
// - A value or number-format matrix must match its range's shape exactly (or be one value).
// - Sheet names follow Excel's rules (1–31 characters, none of []:*?/\, no leading or trailing
//   apostrophe, unique regardless of case, not "History"); getItem ignores case as Excel does.
// - The last visible sheet cannot be hidden or deleted.
// - Number formats are kept per cell and returned; text written to a General cell is read as Excel
//   reads typed text in a zh-CN workbook: 1,234.5 · (100) · ¥100 · 95% · 1e3 · TRUE ·
//   2024-12-5 · 2024年12月 · 2024年12月5日 · 3月5日 become numbers, dates (serials) or booleans, with
//   the format Excel gives them; a leading apostrophe or the text format `@` keeps text.
// - `Office` (onReady, requirements, document settings, openBrowserWindow) and `OfficeRuntime`
//   stand in for office.js, which the harness does not load beside this host.
// - Two workbooks: each keeps its sheets and document settings in sessionStorage;
//   `__fakeExcel.openWorkbook("Book2")` reloads the pane in the other one, as opening another
//   workbook opens the add-in again there, with the same (partitioned) browser storage.
//
// Configured before it runs by `window.__fakeExcelConfig` (test/e2e/harness.ts paneContext):
//   api: highest ExcelApi version offered ("1.8"); storage: "ok" | "failing" (OfficeRuntime.storage
//   rejects) | "none" (OfficeRuntime, localStorage and document settings all fail); readyDelayMs:
//   how long Office.onReady takes; requestLimit: bytes.
// Plain ES2020, injected before the page's scripts, after the A1 module it reads (test/e2e/fake-excel-source.ts).
(() => {
  const config = Object.assign({ api: "1.8", storage: "ok", readyDelayMs: 0, requestLimit: 5 * 1024 * 1024 }, window.__fakeExcelConfig || {});
  const stateKey = "__fakeExcel.workbooks";
  const openKey = "__fakeExcel.open";

  // ----- workbooks, kept across reloads ------------------------------------------------------------
  const session = (() => {
    try {
      return window.sessionStorage;
    } catch {
      return null;
    }
  })();
  const saved = (() => {
    try {
      return JSON.parse((session && session.getItem(stateKey)) || "{}");
    } catch {
      return {};
    }
  })();
  const openName = (session && session.getItem(openKey)) || config.workbook || "Book1";

  function revive(s) {
    if (!s) return { name: openName, sheets: [], active: null, names: new Map(), tables: new Map(), settings: {}, selection: null, syncs: 0, log: [] };
    return {
      name: s.name,
      sheets: s.sheets.map((sh) => ({ ...sh, cells: new Map(sh.cells) })),
      active: s.active,
      names: new Map(s.names),
      tables: new Map(s.tables),
      settings: s.settings || {},
      selection: s.selection,
      syncs: 0,
      log: [],
    };
  }
  const books = revive(saved[openName]);
  function persist() {
    if (!session) return;
    const all = (() => {
      try {
        return JSON.parse(session.getItem(stateKey) || "{}");
      } catch {
        return {};
      }
    })();
    all[books.name] = {
      name: books.name,
      sheets: books.sheets.map((sh) => ({ ...sh, cells: [...sh.cells.entries()] })),
      active: books.active,
      names: [...books.names.entries()],
      tables: [...books.tables.entries()],
      settings: books.settings,
      selection: books.selection,
    };
    try {
      session.setItem(stateKey, JSON.stringify(all));
    } catch {
      // a very large workbook: kept in memory only
    }
  }

  // ----- errors as Office.js reports them --------------------------------------------------------
  function officeError(code, message, location) {
    const e = new Error(message);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code, message, errorLocation: location || "" };
    return e;
  }
  const notFound = (what) => officeError("ItemNotFound", `The requested resource doesn't exist. (${what})`, what);
  const invalid = (message, where) => officeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format. ${message}`, where);

  // ----- addresses ---------------------------------------------------------------------------------
  // column letters from the repo's A1 module (shared/sheet/a1.ts, prepended by fake-excel-source.ts)
  const { columnLetter: colName, columnIndex: colIndex } = jixiaoA1;
  const quote = (name) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);
  const MAX_R = 1048575;
  const MAX_C = 16383;

  /** "B3:C4" | "B3" | "C:C" | "3:3" | undefined (whole sheet) → {r1,c1,r2,c2}; throws InvalidArgument */
  function parse(address) {
    if (!address) return { r1: 0, c1: 0, r2: MAX_R, c2: MAX_C };
    const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
    const [a, b = a, extra] = local.replace(/\$/g, "").split(":");
    if (extra !== undefined) throw invalid(`bad address ${address}`, "Range");
    const cell = (x) => {
      let m = /^([A-Z]{1,3})(\d{1,7})$/i.exec(x);
      if (m) return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
      m = /^([A-Z]{1,3})$/i.exec(x);
      if (m) return { r: null, c: colIndex(m[1]) };
      m = /^(\d{1,7})$/.exec(x);
      if (m) return { r: Number(m[1]) - 1, c: null };
      throw invalid(`bad address ${address}`, "Range");
    };
    const p = cell(a);
    const q = cell(b);
    const box = { r1: p.r ?? 0, c1: p.c ?? 0, r2: q.r ?? MAX_R, c2: q.c ?? MAX_C };
    if (box.r1 < 0 || box.r2 > MAX_R || box.c1 > MAX_C || box.c2 > MAX_C) throw invalid(`address out of the sheet ${address}`, "Range");
    return { r1: Math.min(box.r1, box.r2), c1: Math.min(box.c1, box.c2), r2: Math.max(box.r1, box.r2), c2: Math.max(box.c1, box.c2) };
  }
  const boxAddress = (b) => (b.r1 === b.r2 && b.c1 === b.c2 ? `${colName(b.c1)}${b.r1 + 1}` : `${colName(b.c1)}${b.r1 + 1}:${colName(b.c2)}${b.r2 + 1}`);

  // ----- sheets and cells --------------------------------------------------------------------------
  const findSheet = (name) => books.sheets.find((s) => s.name.toLowerCase() === String(name).toLowerCase());
  const visibleSheets = () => books.sheets.filter((s) => s.visibility === "Visible");
  function checkSheetName(name, except) {
    if (typeof name !== "string" || name.length === 0 || name.length > 31) throw invalid(`sheet name must have 1 to 31 characters: "${name}"`, "Worksheet.name");
    if (/[[\]:*?/\\]/.test(name)) throw invalid(`sheet name cannot contain []:*?/\\ : "${name}"`, "Worksheet.name");
    if (name.startsWith("'") || name.endsWith("'")) throw invalid(`sheet name cannot begin or end with an apostrophe: "${name}"`, "Worksheet.name");
    if (name.toLowerCase() === "history") throw invalid(`"History" is reserved`, "Worksheet.name");
    const other = findSheet(name);
    if (other && other !== except) throw officeError("ItemAlreadyExists", `A sheet named "${name}" already exists.`, "Worksheet.name");
  }
  function makeSheet(name) {
    checkSheetName(name);
    const sheet = { name, visibility: "Visible", cells: [], merges: [], validations: [], protectedFlag: false, frozen: null, tables: [] };
    sheet.cells = new Map();
    books.sheets.push(sheet);
    if (!books.active) books.active = name;
    return sheet;
  }
  const key = (r, c) => `${r},${c}`;
  const blank = () => ({ value: "", fill: null, bold: false, format: "General" });
  const cellOf = (sheet, r, c) => {
    let cell = sheet.cells.get(key(r, c));
    if (!cell) {
      cell = blank();
      sheet.cells.set(key(r, c), cell);
    }
    return cell;
  };
  function usedBox(sheet, valuesOnly) {
    let box = null;
    for (const [k, cell] of sheet.cells) {
      const empty = cell.value === "" || cell.value === null;
      if (empty && (valuesOnly || (!cell.fill && cell.format === "General" && !cell.bold))) continue;
      const [r, c] = k.split(",").map(Number);
      if (!box) box = { r1: r, c1: c, r2: r, c2: c };
      else {
        box.r1 = Math.min(box.r1, r);
        box.c1 = Math.min(box.c1, c);
        box.r2 = Math.max(box.r2, r);
        box.c2 = Math.max(box.c2, c);
      }
    }
    return box ?? { r1: 0, c1: 0, r2: 0, c2: 0 };
  }
  /** the cells of a box that exist (a whole column is not a million cells) */
  function eachCell(sheet, box, fn, create) {
    const rows = box.r2 - box.r1 + 1;
    const cols = box.c2 - box.c1 + 1;
    if (!create || rows * cols > 200000) {
      for (const [k, cell] of [...sheet.cells]) {
        const [r, c] = k.split(",").map(Number);
        if (r >= box.r1 && r <= box.r2 && c >= box.c1 && c <= box.c2) fn(cell, r, c);
      }
      return;
    }
    for (let r = box.r1; r <= box.r2; r++) for (let c = box.c1; c <= box.c2; c++) fn(cellOf(sheet, r, c), r, c);
  }

  // ----- Excel's reading of typed text (zh-CN) -----------------------------------------------------
  const serial = (y, m, d) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
  const validDate = (y, m, d) => m >= 1 && m <= 12 && d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
  /** What Excel stores for a string written to a cell whose format is `format`: { value, format? } */
  function entry(v, format) {
    if (typeof v !== "string") return { value: v };
    if (v.startsWith("'")) return { value: v.slice(1) };
    if (format === "@") return { value: v };
    const t = v.trim();
    let m;
    if (t === "") return { value: v };
    if (/^[+-]?\d+(\.\d+)?$/.test(t)) return { value: Number(t) };
    if ((m = /^([+-]?)(\d{1,3}(?:,\d{3})+)(\.\d+)?$/.exec(t))) return { value: Number(m[1] + m[2].replace(/,/g, "") + (m[3] || "")), format: m[3] ? "#,##0.00" : "#,##0" };
    if ((m = /^\((\d[\d,]*(?:\.\d+)?)\)$/.exec(t))) return { value: -Number(m[1].replace(/,/g, "")), format: format === "General" ? "#,##0_);(#,##0)" : format };
    if ((m = /^[¥￥]\s*(-?)(\d[\d,]*)(\.\d+)?$/.exec(t))) return { value: Number(m[1] + m[2].replace(/,/g, "") + (m[3] || "")), format: m[3] ? '"¥"#,##0.00' : '"¥"#,##0' };
    if ((m = /^([+-]?\d+(?:\.(\d+))?)\s*%$/.exec(t))) return { value: Number(m[1]) / 100, format: m[2] ? "0.00%" : "0%" };
    if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(t)) return { value: Number(t), format: "0.00E+00" };
    if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === "true" };
    const year = new Date().getFullYear();
    if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t)) && validDate(+m[1], +m[2], +m[3])) return { value: serial(+m[1], +m[2], +m[3]), format: "yyyy/m/d" };
    if ((m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(t)) && validDate(+m[1], +m[2], +m[3])) return { value: serial(+m[1], +m[2], +m[3]), format: 'yyyy"年"m"月"d"日"' };
    if ((m = /^(\d{4})(?:年(\d{1,2})月|[-/](\d{1,2}))$/.exec(t)) && validDate(+m[1], +(m[2] || m[3]), 1)) return { value: serial(+m[1], +(m[2] || m[3]), 1), format: 'yyyy"年"m"月"' };
    if ((m = /^(\d{1,2})月(\d{1,2})日$/.exec(t)) && validDate(year, +m[1], +m[2])) return { value: serial(year, +m[1], +m[2]), format: 'm"月"d"日"' };
    if (/^=/.test(t)) return { value: "#NAME?", formula: t };
    return { value: v };
  }
  function write(cell, v) {
    const e = entry(v, cell.format);
    cell.value = e.value;
    if (e.format && cell.format === "General") cell.format = e.format;
    if (e.formula) cell.formula = e.formula;
    else delete cell.formula;
  }

  /** Rows at and below box.r1 move down by `by` (> 0), or the box's rows go and those below move up (< 0). */
  function shiftRows(sheet, box, by) {
    const moved = new Map();
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(",").map(Number);
      if (by < 0 && r >= box.r1 && r <= box.r2) continue;
      const from = by > 0 ? box.r1 : box.r2 + 1;
      moved.set(r >= from ? key(r + by, c) : k, cell);
    }
    sheet.cells = moved;
    books.log.push(`${by > 0 ? "insert" : "delete"} ${sheet.name}!${box.r1 + 1}:${box.r2 + 1}`);
  }

  /** A matrix (or one value, which fills the range) checked against the box's shape. */
  function shaped(matrix, box, what) {
    const rows = box.r2 - box.r1 + 1;
    const cols = box.c2 - box.c1 + 1;
    if (!Array.isArray(matrix)) return () => matrix;
    const ok = matrix.length === rows && matrix.every((row) => Array.isArray(row) && row.length === cols);
    if (!ok) {
      const got = `${matrix.length}×${Array.isArray(matrix[0]) ? matrix[0].length : "?"}`;
      throw invalid(`The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}: ${got} for ${rows}×${cols}).`, `Range.${what}`);
    }
    for (const row of matrix) {
      for (const v of row) {
        if (v !== null && typeof v === "object") throw invalid(`${what} cannot hold an object`, `Range.${what}`);
        if (typeof v === "string" && v.length > 32767) throw invalid("a cell holds at most 32767 characters", `Range.${what}`);
      }
    }
    return (r, c) => matrix[r - box.r1][c - box.c1];
  }
  const bytesOf = (v) => {
    try {
      return JSON.stringify(v).replace(/[^\x00-\x7f]/g, "\\u0000").length;
    } catch {
      return 0;
    }
  };

  // ----- the request context: queued operations, loads filled at sync ------------------------------
  function makeContext() {
    const queue = [];
    const enqueue = (run, bytes = 64) => queue.push({ run, bytes });

    /** A client object: `loaded` holds what the last sync read; reading anything else throws. */
    function loadable(target, snapshot, names) {
      const loaded = {};
      const requested = new Set();
      target.load = (props) => {
        const list = props === undefined ? names : typeof props === "string" ? props.split(",").map((p) => p.trim()) : Array.isArray(props) ? props : Object.keys(props);
        for (const p of list) requested.add(p);
        enqueue(() => Object.assign(loaded, snapshot()));
        return target;
      };
      for (const name of names) {
        if (Object.getOwnPropertyDescriptor(target, name)) continue;
        Object.defineProperty(target, name, {
          configurable: true,
          enumerable: true,
          get() {
            if (!requested.has(name) && !requested.has("*") || !(name in loaded)) {
              throw officeError("PropertyNotLoaded", `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`, name);
            }
            return loaded[name];
          },
        });
      }
      return target;
    }
    /** a property the adapter writes (and may load back) */
    function setter(target, name, apply, bytes) {
      const prior = Object.getOwnPropertyDescriptor(target, name);
      Object.defineProperty(target, name, {
        configurable: true,
        enumerable: true,
        get: prior?.get ?? (() => undefined),
        set(v) {
          enqueue(() => apply(v), bytes ? bytes(v) : 64);
        },
      });
    }

    function format(resolve) {
      const fill = { clear: () => enqueue(() => { const { sheet, box } = resolve(); eachCell(sheet, box, (c) => (c.fill = null)); }) };
      loadable(fill, () => {
        const { sheet, box } = resolve();
        const c = sheet.cells.get(key(box.r1, box.c1));
        return { color: c?.fill ?? "#FFFFFF" };
      }, ["color"]);
      setter(fill, "color", (v) => { const { sheet, box } = resolve(); eachCell(sheet, box, (c) => (c.fill = v), true); });
      const font = {};
      loadable(font, () => ({ bold: !!resolve().sheet.cells.get(key(resolve().box.r1, resolve().box.c1))?.bold }), ["bold"]);
      setter(font, "bold", (v) => { const { sheet, box } = resolve(); eachCell(sheet, box, (c) => (c.bold = !!v), true); });
      for (const p of ["italic", "size", "color", "name"]) setter(font, p, () => resolve());
      const f = { fill, font, protection: {}, borders: { getItem: (e) => { const b = {}; for (const p of ["style", "weight", "color"]) setter(b, p, () => { resolve(); if (!/^(Edge(Top|Bottom|Left|Right)|Inside(Horizontal|Vertical)|Diagonal(Down|Up))$/.test(e)) throw invalid(`no border ${e}`, "RangeBorder"); }); return b; } } };
      setter(f.protection, "locked", () => resolve());
      for (const p of ["horizontalAlignment", "verticalAlignment", "wrapText", "columnWidth", "rowHeight"]) setter(f, p, () => resolve());
      f.load = () => f;
      return f;
    }

    function range(sheetResolve, address) {
      const resolve = () => {
        const sheet = sheetResolve();
        const box = typeof address === "function" ? address(sheet) : parse(address);
        return { sheet, box };
      };
      const r = {
        /** for the chart recorder: the address this range stands for */
        __address: () => boxAddress(resolve().box),
        format: format(resolve),
        merge: () => enqueue(() => { const { sheet, box } = resolve(); sheet.merges.push(boxAddress(box)); }),
        unmerge: () => enqueue(() => { const { sheet, box } = resolve(); sheet.merges = sheet.merges.filter((m) => { const b = parse(m); return b.r2 < box.r1 || b.r1 > box.r2 || b.c2 < box.c1 || b.c1 > box.c2; }); }),
        clear: (applyTo = "All") =>
          enqueue(() => {
            const { sheet, box } = resolve();
            eachCell(sheet, box, (cell, row, col) => {
              if (applyTo === "All") sheet.cells.delete(key(row, col));
              else if (applyTo === "Contents") { cell.value = ""; delete cell.formula; }
              else if (applyTo === "Formats") { cell.fill = null; cell.bold = false; cell.format = "General"; }
            });
          }),
        select: () => enqueue(() => { const { sheet, box } = resolve(); books.active = sheet.name; books.selection = { sheet: sheet.name, r: box.r1, c: box.c1, r2: box.r2, c2: box.c2 }; }),
        getCell: (row, col) => range(sheetResolve, (sheet) => { const b = resolve().box; return { r1: b.r1 + row, c1: b.c1 + col, r2: b.r1 + row, c2: b.c1 + col }; }),
        // ExcelApi 1.8: absent below it, as in volume-licensed Office 2019
        ...(supports("1.8") ? { dataValidation: { clear: () => enqueue(() => { const { sheet, box } = resolve(); sheet.validations = sheet.validations.filter((v) => v.address !== boxAddress(box)); }) } } : {}),
        conditionalFormats: {
          clearAll: () => enqueue(() => resolve()),
          add: () => {
            enqueue(() => resolve());
            const cf = { cellValue: { format: { fill: {}, font: {} } } };
            setter(cf.cellValue.format.fill, "color", () => resolve());
            setter(cf.cellValue.format.font, "color", () => resolve());
            setter(cf.cellValue, "rule", (v) => { if (!v || !v.formula1 || !v.operator) throw invalid("a cell-value rule needs formula1 and operator", "ConditionalCellValueRule"); });
            return cf;
          },
        },
      };
      if (r.dataValidation) for (const p of ["rule", "errorAlert", "prompt"]) {
        setter(r.dataValidation, p, (v) => {
          const { sheet, box } = resolve();
          if (p === "rule") {
            if (!v || !v.list || typeof v.list.source !== "string" || !v.list.source) throw invalid("a list rule needs a source", "DataValidation.rule");
            sheet.validations.push({ address: boxAddress(box), rule: v });
          }
        });
      }
      loadable(
        r,
        () => {
          const { sheet, box } = resolve();
          const values = [];
          const formats = [];
          const formulas = [];
          for (let row = box.r1; row <= Math.min(box.r2, box.r1 + 100000); row++) {
            const vr = [];
            const fr = [];
            const xr = [];
            for (let c = box.c1; c <= Math.min(box.c2, box.c1 + 1000); c++) {
              const cell = sheet.cells.get(key(row, c));
              vr.push(cell ? cell.value : "");
              fr.push(cell ? cell.format : "General");
              xr.push(cell ? (cell.formula ?? cell.value) : "");
            }
            values.push(vr);
            formats.push(fr);
            formulas.push(xr);
          }
          return { address: `${quote(sheet.name)}!${boxAddress(box)}`, rowIndex: box.r1, columnIndex: box.c1, rowCount: box.r2 - box.r1 + 1, columnCount: box.c2 - box.c1 + 1, values, numberFormat: formats, formulas };
        },
        ["address", "rowIndex", "columnIndex", "rowCount", "columnCount", "values", "numberFormat", "formulas"],
      );
      // values and formulas are taken alike: each cell as if typed into it (entry: `=…` a formula, `'…` text)
      for (const what of ["values", "formulas"]) {
        setter(r, what, (m) => {
          const { sheet, box } = resolve();
          const at = shaped(m, box, what);
          eachCell(sheet, box, (cell, row, col) => write(cell, at(row, col)), true);
          books.log.push(`${what} ${sheet.name}!${boxAddress(box)}`);
        }, bytesOf);
      }
      // whole rows (`16:16`): Excel moves the rows at and below down (insert) or the rows below up (delete)
      const wholeRows = (what) => {
        const { sheet, box } = resolve();
        if (box.c1 !== 0 || box.c2 < MAX_C) throw invalid(`the stand-in ${what}s whole rows only`, `Range.${what}`);
        return { sheet, box };
      };
      r.insert = (shift) =>
        enqueue(() => {
          if (shift !== "Down") throw invalid("rows are inserted with shift Down", "Range.insert");
          const { sheet, box } = wholeRows("insert");
          shiftRows(sheet, box, box.r2 - box.r1 + 1);
        });
      r.delete = (shift) =>
        enqueue(() => {
          if (shift !== "Up") throw invalid("rows are deleted with shift Up", "Range.delete");
          const { sheet, box } = wholeRows("delete");
          shiftRows(sheet, box, -(box.r2 - box.r1 + 1));
        });
      setter(r, "numberFormat", (m) => {
        const { sheet, box } = resolve();
        const at = shaped(m, box, "numberFormat");
        eachCell(sheet, box, (cell, row, col) => {
          const f = at(row, col);
          if (typeof f !== "string") throw invalid("a number format is a string", "Range.numberFormat");
          cell.format = f;
        }, true);
      }, bytesOf);
      Object.defineProperty(r, "worksheet", { get: () => worksheet(() => resolve().sheet) });
      return r;
    }

    function worksheet(resolve, nullable = false) {
      const ws = {
        activate: () => enqueue(() => { const s = resolve(); if (s.visibility !== "Visible") throw invalid("a hidden sheet cannot be activated", "Worksheet.activate"); books.active = s.name; }),
        delete: () =>
          enqueue(() => {
            const s = resolve();
            if (s.visibility === "Visible" && visibleSheets().length === 1) throw invalid("A workbook must contain at least one visible worksheet.", "Worksheet.delete");
            books.sheets = books.sheets.filter((x) => x !== s);
            for (const [n, t] of [...books.tables]) if (t.sheet === s.name) books.tables.delete(n);
            if (books.active === s.name) books.active = visibleSheets()[0]?.name ?? null;
          }),
        getRange: (address) => range(resolve, address),
        getUsedRange: (valuesOnly) => range(resolve, (sheet) => usedBox(sheet, valuesOnly)),
        // ExcelApi 1.1 charts: recorded on the sheet (type, source address, title, position)
        charts: {
          add: (type, source, seriesBy) => {
            const chart = { type, source: null, seriesBy, title: "", from: null, to: null, legend: null };
            enqueue(() => {
              const s = resolve();
              s.charts = s.charts ?? [];
              chart.source = source && source.__address ? source.__address() : String(source);
              s.charts.push(chart);
            });
            return {
              title: { set text(v) { enqueue(() => { chart.title = v; }); } },
              legend: { set position(v) { enqueue(() => { chart.legend = v; }); }, set visible(v) { void v; } },
              setPosition: (from, to) => enqueue(() => { chart.from = from; chart.to = to; }),
            };
          },
        },
        freezePanes: {
          freezeAt: (r) => enqueue(() => { resolve().frozen = "at"; void r; }),
          freezeRows: (n) => enqueue(() => { resolve().frozen = `rows ${n}`; }),
          freezeColumns: (n) => enqueue(() => { resolve().frozen = `columns ${n}`; }),
          unfreeze: () => enqueue(() => { resolve().frozen = null; }),
        },
        protection: {
          protect: () => enqueue(() => { resolve().protectedFlag = true; }),
          unprotect: () => enqueue(() => { resolve().protectedFlag = false; }),
        },
        tables: {
          add: (address) => {
            let tableName = null;
            const table = {};
            enqueue(() => {
              const s = resolve();
              const box = parse(address);
              for (const t of books.tables.values()) {
                if (t.sheet !== s.name) continue;
                const b = parse(t.address);
                if (!(b.r2 < box.r1 || b.r1 > box.r2 || b.c2 < box.c1 || b.c1 > box.c2)) throw invalid("A table can't overlap another table.", "TableCollection.add");
              }
              tableName = `Table${books.tables.size + 1}`;
              books.tables.set(tableName, { sheet: s.name, address: boxAddress(box) });
              s.tables = [...(s.tables ?? []), boxAddress(box)];
            });
            setter(table, "name", (v) => {
              if (!/^[A-Za-z_\\\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(v)) throw invalid(`bad table name ${v}`, "Table.name");
              if (books.tables.has(v)) throw officeError("ItemAlreadyExists", `A table named ${v} exists.`, "Table.name");
              const t = books.tables.get(tableName);
              books.tables.delete(tableName);
              books.tables.set(v, t);
            });
            return table;
          },
        },
      };
      loadable(ws.protection, () => ({ protected: resolve().protectedFlag }), ["protected"]);
      loadable(
        ws,
        () => {
          const s = nullable ? resolve(true) : resolve();
          return s ? { name: s.name, visibility: s.visibility, isNullObject: false, position: books.sheets.indexOf(s) } : { isNullObject: true };
        },
        ["name", "visibility", "isNullObject", "position"],
      );
      setter(ws, "visibility", (v) => {
        const s = resolve();
        if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw invalid(`visibility ${v}`, "Worksheet.visibility");
        if (v !== "Visible" && s.visibility === "Visible" && visibleSheets().length === 1) throw invalid("A workbook must contain at least one visible worksheet.", "Worksheet.visibility");
        s.visibility = v;
        if (v !== "Visible" && books.active === s.name) books.active = visibleSheets()[0]?.name ?? null;
      });
      setter(ws, "name", (v) => {
        const s = resolve();
        checkSheetName(v, s);
        for (const t of books.tables.values()) if (t.sheet === s.name) t.sheet = v;
        if (books.active === s.name) books.active = v;
        s.name = v;
      });
      if (supports("1.9")) {
        const layout = { setPrintTitleRows: (a) => enqueue(() => { resolve(); parse(a); }) };
        for (const p of ["orientation", "paperSize", "zoom"]) setter(layout, p, () => resolve());
        ws.pageLayout = layout;
      }
      return ws;
    }

    // An object path is resolved once, as in Excel: later operations on it (after a rename, say)
    // reach the same sheet, not whichever sheet has the name then.
    const byName = (name) => {
      let bound = null;
      return () => {
        if (bound && books.sheets.includes(bound)) return bound;
        const s = findSheet(name);
        if (!s) throw notFound(`Worksheet '${name}'`);
        return (bound = s);
      };
    };

    const worksheets = {
      getItem: (name) => worksheet(byName(name)),
      /** resolve(true) gives null for the missing sheet (its load); any other use is Excel's InvalidObjectPath */
      getItemOrNullObject: (name) => {
        let bound = null;
        return worksheet((orNull) => {
          const s = bound && books.sheets.includes(bound) ? bound : (bound = findSheet(name) ?? null);
          if (!s && !orNull) throw officeError("InvalidObjectPath", `The object path isn't working for what you're trying to do (a null worksheet '${name}').`, "Worksheet");
          return s ?? null;
        }, true);
      },
      getActiveWorksheet: () =>
        worksheet(() => {
          const s = findSheet(books.active) ?? visibleSheets()[0];
          if (!s) throw notFound("active worksheet");
          return s;
        }),
      add: (name) => {
        let sheet = null;
        enqueue(() => {
          let n = name;
          if (n === undefined) for (let i = books.sheets.length + 1; !n || findSheet(n); i++) n = `Sheet${i}`;
          sheet = makeSheet(n);
        });
        return worksheet(() => {
          if (!sheet) throw officeError("InvalidObjectPath", "the sheet was not added", "WorksheetCollection.add");
          return sheet;
        });
      },
      /** "items/name,items/visibility": the items and those of their properties */
      load(props) {
        const wanted = (typeof props === "string" ? props.split(",") : ["items/name", "items/visibility"]).map((p) => p.trim().replace(/^items\//, ""));
        enqueue(() => {
          const items = books.sheets.map((s) => {
            const w = worksheet(() => s);
            const fields = { name: s.name, visibility: s.visibility, position: books.sheets.indexOf(s) };
            for (const p of Object.keys(fields)) {
              Object.defineProperty(w, p, {
                configurable: true,
                get() {
                  if (!wanted.includes(p)) throw officeError("PropertyNotLoaded", `The property '${p}' is not available.`, p);
                  return fields[p];
                },
              });
            }
            return w;
          });
          Object.defineProperty(worksheets, "items", { configurable: true, get: () => items });
        });
        return worksheets;
      },
    };
    Object.defineProperty(worksheets, "items", {
      configurable: true,
      get() {
        throw officeError("PropertyNotLoaded", "The property 'items' is not available.", "items");
      },
    });

    const names = {
      getItemOrNullObject: (name) => {
        const item = { delete: () => enqueue(() => { if (!books.names.delete(name)) throw notFound(`Name '${name}'`); }) };
        return loadable(item, () => ({ isNullObject: !books.names.has(name) }), ["isNullObject"]);
      },
      add: (name, ref) =>
        enqueue(() => {
          if (books.names.has(name)) throw officeError("ItemAlreadyExists", `The name ${name} already exists.`, "NamedItemCollection.add");
          if (!/^[A-Za-z_\\\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name)) throw invalid(`bad name ${name}`, "NamedItemCollection.add");
          books.names.set(name, ref);
        }),
    };
    const tables = {
      getItemOrNullObject: (name) => {
        const t = { delete: () => enqueue(() => { const x = books.tables.get(name); if (!x) throw notFound(`Table '${name}'`); books.tables.delete(name); const s = findSheet(x.sheet); if (s) s.tables = (s.tables ?? []).filter((a) => a !== x.address); }) };
        return loadable(t, () => ({ isNullObject: !books.tables.has(name) }), ["isNullObject"]);
      },
    };

    const workbook = {
      worksheets,
      names,
      tables,
      /** ExcelApi 1.13: the sheets of an .xlsx added; a name already taken gets " (2)" as in Excel */
      ...(supports("1.13")
        ? {
            insertWorksheetsFromBase64: (base64, options = {}) => {
              enqueue(async () => {
                const found = await xlsxSheets(base64);
                for (const { name, state } of found) {
                  let n = name;
                  for (let i = 2; findSheet(n); i++) n = `${name.slice(0, 31 - ` (${i})`.length)} (${i})`;
                  const sheet = makeSheet(n);
                  sheet.visibility = state;
                  if (options.positionType === "Beginning") books.sheets.unshift(books.sheets.pop());
                }
              }, base64.length);
            },
          }
        : {}),
      getActiveCell: () => {
        const sel = () => books.selection ?? { sheet: books.active, r: 0, c: 0 };
        return range(() => findSheet(sel().sheet) ?? findSheet(books.active), () => ({ r1: sel().r, c1: sel().c, r2: sel().r, c2: sel().c }));
      },
      /** the user's selection (finance's per-cell comments) */
      getSelectedRange: () => {
        const sel = () => books.selection ?? { sheet: books.active, r: 0, c: 0, r2: 0, c2: 0 };
        return range(() => findSheet(sel().sheet) ?? findSheet(books.active) ?? books.sheets[0], () => ({ r1: sel().r, c1: sel().c, r2: sel().r2 ?? sel().r, c2: sel().c2 ?? sel().c }));
      },
    };

    const context = {
      workbook,
      trackedObjects: { add() {}, remove() {} },
      async sync() {
        await Promise.resolve();
        books.syncs++;
        const ops = queue.splice(0);
        const bytes = ops.reduce((n, op) => n + op.bytes, 300);
        if (bytes > config.requestLimit) {
          throw officeError("RequestPayloadSizeLimitExceeded", `The request payload size has exceeded the limit (${bytes} bytes > ${config.requestLimit}).`, "context.sync");
        }
        try {
          for (const op of ops) {
            const done = op.run();
            if (done && typeof done.then === "function") await done;
          }
        } finally {
          draw();
          persist();
        }
      },
    };
    return context;
  }

  /** The sheet names (and states) of an .xlsx given as base64: its zip's xl/workbook.xml. */
  async function xlsxSheets(base64) {
    let bytes;
    try {
      bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
    } catch {
      throw invalid("not base64", "insertWorksheetsFromBase64");
    }
    const view = new DataView(bytes.buffer);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= 0; i--) if (view.getUint32(i, true) === 0x06054b50) { eocd = i; break; }
    if (eocd < 0) throw invalid("not an .xlsx (no zip directory)", "insertWorksheetsFromBase64");
    let p = view.getUint32(eocd + 16, true);
    const count = view.getUint16(eocd + 10, true);
    for (let n = 0; n < count; n++) {
      const method = view.getUint16(p + 10, true);
      const size = view.getUint32(p + 20, true);
      const nameLen = view.getUint16(p + 28, true);
      const extraLen = view.getUint16(p + 30, true);
      const commentLen = view.getUint16(p + 32, true);
      const local = view.getUint32(p + 42, true);
      const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
      p += 46 + nameLen + extraLen + commentLen;
      if (name !== "xl/workbook.xml") continue;
      const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
      const raw = bytes.subarray(start, start + size);
      const data = method === 0 ? raw : new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());
      const xml = new TextDecoder().decode(data);
      const unescape = (t) => t.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
      return [...xml.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => {
        const name = unescape(/\bname="([^"]*)"/.exec(m[1])[1]);
        const state = /\bstate="(\w+)"/.exec(m[1])?.[1];
        return { name, state: state === "veryHidden" ? "VeryHidden" : state === "hidden" ? "Hidden" : "Visible" };
      });
    }
    throw invalid("not an .xlsx (no xl/workbook.xml)", "insertWorksheetsFromBase64");
  }

  function supports(version, set = "ExcelApi") {
    if (set !== "ExcelApi") return false;
    const [a, b] = String(version).split(".").map(Number);
    const [x, y] = String(config.api).split(".").map(Number);
    return a < x || (a === x && (b || 0) <= (y || 0));
  }

  const Excel = {
    async run(fn) {
      return fn(makeContext());
    },
  };

  // ----- Office and OfficeRuntime ------------------------------------------------------------------
  const failing = () => Promise.reject(officeError("GenericException", "storage is not available in this host"));
  const runtimeStorage =
    config.storage === "ok"
      ? {
          getItem: async (k) => {
            const v = localStorage.getItem(`__officeRuntime.${k}`);
            return v;
          },
          setItem: async (k, v) => localStorage.setItem(`__officeRuntime.${k}`, v),
          removeItem: async (k) => localStorage.removeItem(`__officeRuntime.${k}`),
        }
      : { getItem: failing, setItem: failing, removeItem: failing };
  const settingsStore = {
    get: (name) => (config.storage === "none" ? (() => { throw officeError("GenericException", "document settings are not available"); })() : (books.settings[name] ?? null)),
    set: (name, value) => {
      if (config.storage === "none") throw officeError("GenericException", "document settings are not available");
      books.settings[name] = value;
    },
    remove: (name) => {
      if (config.storage === "none") throw officeError("GenericException", "document settings are not available");
      delete books.settings[name];
    },
    saveAsync: (options, cb) => {
      const done = typeof options === "function" ? options : cb;
      setTimeout(() => {
        if (config.storage === "none") done?.({ status: "failed", error: { name: "Save failed", message: "document settings cannot be saved", code: 5001 } });
        else {
          persist();
          done?.({ status: "succeeded", value: undefined });
        }
      }, 0);
    },
  };
  if (config.storage === "none") {
    // the webview refuses storage too (a locked-down profile)
    const refuse = () => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    };
    Storage.prototype.getItem = refuse;
    Storage.prototype.setItem = refuse;
    Storage.prototype.removeItem = refuse;
  }
  const opened = [];
  const Office = {
    HostType: { Excel: "Excel" },
    PlatformType: { OfficeOnline: "OfficeOnline", PC: "PC", Mac: "Mac" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    onReady(cb) {
      const info = { host: "Excel", platform: "OfficeOnline" };
      const p = new Promise((resolve) => setTimeout(() => resolve(info), config.readyDelayMs));
      if (typeof cb === "function") p.then(cb);
      return p;
    },
    context: {
      displayLanguage: "zh-CN",
      host: "Excel",
      platform: "OfficeOnline",
      requirements: { isSetSupported: (set, version) => supports(version ?? "1.1", set) },
      document: { settings: settingsStore, url: `https://fake.sharepoint.com/${books.name}.xlsx` },
      ui: { openBrowserWindow: (url) => opened.push(url) },
    },
  };

  // ----- drawing the active sheet beside the pane -------------------------------------------------
  let drawQueued = false;
  function draw() {
    if (drawQueued) return;
    drawQueued = true;
    setTimeout(() => {
      drawQueued = false;
      render();
    }, 0);
  }
  function shown(cell) {
    if (!cell) return "";
    const v = cell.value;
    if (typeof v === "number" && /%$/.test(cell.format)) return `${Math.round(v * 10000) / 100}%`;
    return String(v);
  }
  function render() {
    if (!document.body) return;
    let host = document.getElementById("fake-excel");
    if (!host) {
      host = document.createElement("div");
      host.id = "fake-excel";
      host.style.cssText =
        "position:fixed;top:0;right:0;bottom:0;left:400px;overflow:auto;border-left:2px solid #217346;background:#fff;font:12px 'Noto Sans CJK SC',sans-serif;color:#000;z-index:1";
      document.body.appendChild(host);
      const root = document.getElementById("root");
      if (root) root.style.cssText = "width:400px;";
    }
    const sheet = findSheet(books.active) ?? visibleSheets()[0];
    const tabs = visibleSheets()
      .map((s) => `<span style="padding:2px 8px;${s === sheet ? "background:#fff;border-bottom:2px solid #217346;font-weight:bold" : ""}">${s.name}</span>`)
      .join("");
    if (!sheet) {
      host.innerHTML = `<div style="padding:8px;background:#217346;color:#fff">Excel (stand-in) · ${books.name} — empty workbook</div>`;
      return;
    }
    const box = usedBox(sheet, true);
    const rows = Math.min(Math.max(box.r2 + 3, 20), 60);
    const cols = Math.min(Math.max(box.c2 + 2, 8), 14);
    let html = `<div style="padding:4px 8px;background:#217346;color:#fff">Excel (stand-in) · ${books.name} · ${sheet.name}</div><div style="background:#eee">${tabs}</div><table style="border-collapse:collapse;table-layout:fixed">`;
    html += `<tr><th style="width:28px;background:#eee"></th>${Array.from({ length: cols }, (_, c) => `<th style="background:#eee;border:1px solid #ccc;width:${c === 2 ? 150 : 80}px;font-weight:normal">${colName(c)}</th>`).join("")}</tr>`;
    for (let r = 0; r < rows; r++) {
      html += `<tr><th style="background:#eee;border:1px solid #ccc;font-weight:normal">${r + 1}</th>`;
      for (let c = 0; c < cols; c++) {
        const cell = sheet.cells.get(key(r, c));
        const sel = books.selection && books.selection.sheet === sheet.name && books.selection.r === r && books.selection.c === c;
        const text = shown(cell).replace(/&/g, "&amp;").replace(/</g, "&lt;");
        html += `<td data-cell="${colName(c)}${r + 1}" style="border:${sel ? "2px solid #217346" : "1px solid #ddd"};padding:1px 3px;height:18px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:150px;${cell?.fill ? `background:${cell.fill};` : ""}${cell?.bold ? "font-weight:bold;" : ""}">${text}</td>`;
      }
      html += "</tr>";
    }
    host.innerHTML = html + "</table>";
  }

  // ----- what the page and the test see ------------------------------------------------------------
  window.Excel = Excel;
  window.Office = Office;
  window.OfficeRuntime = { storage: runtimeStorage };
  window.__fakeExcel = {
    books,
    config,
    /** URLs the pane asked Office to open in the system browser */
    opened,
    syncs: () => books.syncs,
    workbook: () => books.name,
    sheetNames: () => books.sheets.map((s) => ({ name: s.name, visibility: s.visibility })),
    charts: (sheetName) => (findSheet(sheetName)?.charts ?? []).map((c) => ({ type: c.type, source: c.source, title: c.title, from: c.from, to: c.to })),
    /** a user selecting a cell or a range */
    select(sheetName, a1) {
      const b = parse(a1);
      books.active = findSheet(sheetName).name;
      books.selection = { sheet: books.active, r: b.r1, c: b.c1, r2: b.r2, c2: b.c2 };
      draw();
    },
    /** a user hiding a sheet, or showing it (the last visible one cannot be hidden) */
    setVisibility(sheetName, visibility) {
      const s = findSheet(sheetName);
      if (visibility !== "Visible" && s.visibility === "Visible" && visibleSheets().length === 1) throw new Error("the last visible sheet cannot be hidden");
      s.visibility = visibility;
      if (visibility !== "Visible" && books.active === s.name) books.active = visibleSheets()[0].name;
      persist();
      draw();
    },
    /** a sheet's used size and a sample of its values (rows are 1-based) */
    sheetInfo(sheetName) {
      const sheet = findSheet(sheetName);
      if (!sheet) return null;
      const box = usedBox(sheet, true);
      return { rows: box.r2 + 1, columns: box.c2 + 1, frozen: sheet.frozen, tables: sheet.tables ?? [], validations: sheet.validations.length };
    },
    /** a user typing into cells: { "B8": 100, "C9": "95%" } — read as Excel reads typed text */
    type(sheetName, cells) {
      const sheet = findSheet(sheetName);
      for (const [a1, v] of Object.entries(cells)) {
        const b = parse(a1);
        write(cellOf(sheet, b.r1, b.c1), v);
      }
      persist();
      draw();
    },
    get(sheetName, a1) {
      const sheet = findSheet(sheetName);
      const b = parse(a1);
      return sheet?.cells.get(key(b.r1, b.c1)) ?? null;
    },
    /** the row (1-based) whose cells contain `text` */
    findRow(sheetName, text) {
      const sheet = findSheet(sheetName);
      for (const [k, cell] of sheet.cells) if (cell.value === text) return Number(k.split(",")[0]) + 1;
      return null;
    },
    /** Excel's reading of typed text, for the host's own tests */
    entry,
    /** the pane opened in another workbook: the page reloads there (its sheets kept for a return) */
    openWorkbook(name) {
      persist();
      session.setItem(openKey, name);
      location.reload();
    },
  };
  document.addEventListener("DOMContentLoaded", draw);
})();
