// A stand-in Excel host for the browser test: exactly the part of the Excel JavaScript API that
// addin/excel/ uses, over an in-memory workbook, so the SAME adapter code runs in Chromium.
// Loads are immediate (values are always current), sync() only counts. The workbook is drawn
// beside the pane so screenshots show the sheet. Plain ES2020, injected before the page's scripts.
(() => {
  const books = { sheets: [], active: null, names: new Map(), syncs: 0, log: [] };

  const colName = (i) => {
    let n = i + 1;
    let s = "";
    while (n > 0) {
      const r = (n - 1) % 26;
      s = String.fromCharCode(65 + r) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  const colIndex = (l) => [...l.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const unquote = (s) => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s);
  const quote = (name) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

  /** "B3:C4" | "B3" | "C:C" | "3:3" | undefined (whole sheet) → {r1,c1,r2,c2} */
  function parse(address) {
    if (!address) return { r1: 0, c1: 0, r2: 1048575, c2: 16383 };
    const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
    const [a, b = a] = local.replace(/\$/g, "").split(":");
    const cell = (x) => {
      let m = /^([A-Z]+)(\d+)$/i.exec(x);
      if (m) return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
      m = /^([A-Z]+)$/i.exec(x);
      if (m) return { r: null, c: colIndex(m[1]) };
      m = /^(\d+)$/.exec(x);
      if (m) return { r: Number(m[1]) - 1, c: null };
      throw new Error(`fake Excel: bad address ${address}`);
    };
    const p = cell(a);
    const q = cell(b);
    return {
      r1: p.r ?? 0,
      c1: p.c ?? 0,
      r2: q.r ?? 1048575,
      c2: q.c ?? 16383,
    };
  }

  function makeSheet(name) {
    const sheet = { name, visibility: "Visible", cells: new Map(), merges: [], validations: [], protectedFlag: false, frozen: null };
    books.sheets.push(sheet);
    return sheet;
  }
  const findSheet = (name) => books.sheets.find((s) => s.name === name);
  const key = (r, c) => `${r},${c}`;
  const cellOf = (sheet, r, c) => {
    let cell = sheet.cells.get(key(r, c));
    if (!cell) {
      cell = { value: "", fill: null, bold: false };
      sheet.cells.set(key(r, c), cell);
    }
    return cell;
  };
  function usedBox(sheet) {
    let box = null;
    for (const [k, cell] of sheet.cells) {
      if (cell.value === "" || cell.value === null) continue;
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
  const boxAddress = (b) => (b.r1 === b.r2 && b.c1 === b.c2 ? `${colName(b.c1)}${b.r1 + 1}` : `${colName(b.c1)}${b.r1 + 1}:${colName(b.c2)}${b.r2 + 1}`);

  function toStored(v) {
    if (typeof v === "string" && v.startsWith("'")) return v.slice(1);
    if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
    return v;
  }

  function format(sheet, box) {
    const each = (fn) => {
      for (let r = box.r1; r <= Math.min(box.r2, box.r1 + 5000); r++) for (let c = box.c1; c <= Math.min(box.c2, box.c1 + 100); c++) fn(cellOf(sheet, r, c));
    };
    const first = () => sheet.cells.get(key(box.r1, box.c1));
    const fill = {
      get color() {
        return first()?.fill ?? "#FFFFFF";
      },
      set color(v) {
        each((c) => (c.fill = v));
        draw();
      },
      clear() {
        each((c) => (c.fill = null));
        draw();
      },
      load() {},
    };
    const font = {
      set bold(v) {
        each((c) => (c.bold = v));
      },
      get bold() {
        return first()?.bold ?? false;
      },
      italic: false,
      size: 11,
      color: "#000000",
      load() {},
    };
    const sink = () => ({ style: "None", weight: "Thin", color: "#000000" });
    return {
      fill,
      font,
      borders: { getItem: sink },
      protection: { locked: true },
      horizontalAlignment: "General",
      verticalAlignment: "Bottom",
      wrapText: false,
      columnWidth: 48,
      rowHeight: 15,
      load() {},
    };
  }

  function shiftRows(sheet, box, by) {
    if (!by) return;
    const moved = new Map();
    for (const [k, cell] of sheet.cells) {
      const [r, c] = k.split(",").map(Number);
      if (by < 0 && r >= box.r1 && r <= box.r2) continue;
      const from = by > 0 ? box.r1 : box.r2 + 1;
      moved.set(r >= from ? key(r + by, c) : k, cell);
    }
    sheet.cells = moved;
    books.log.push(`${by > 0 ? "insert" : "delete"} ${sheet.name}!${box.r1 + 1}:${box.r2 + 1}`);
    draw();
  }

  function makeRange(sheet, address) {
    const box = parse(address);
    const range = {
      get address() {
        return `${quote(sheet.name)}!${boxAddress(box)}`;
      },
      get rowIndex() {
        return box.r1;
      },
      get columnIndex() {
        return box.c1;
      },
      get values() {
        const out = [];
        for (let r = box.r1; r <= box.r2; r++) {
          const row = [];
          for (let c = box.c1; c <= box.c2; c++) row.push(sheet.cells.get(key(r, c))?.value ?? "");
          out.push(row);
        }
        return out;
      },
      set values(matrix) {
        const m = Array.isArray(matrix) ? matrix : [[matrix]];
        m.forEach((row, i) => row.forEach((v, j) => (cellOf(sheet, box.r1 + i, box.c1 + j).value = toStored(v))));
        books.log.push(`values ${sheet.name}!${boxAddress(box)}`);
        draw();
      },
      /** formulas read as the values here (the stand-in has no formula engine) */
      get formulas() {
        return range.values;
      },
      set formulas(matrix) {
        range.values = matrix;
      },
      /** whole rows only: the rows at and below move down (Excel's insert), or up (delete) */
      insert(shift) {
        shiftRows(sheet, box, shift === "Down" ? box.r2 - box.r1 + 1 : 0);
      },
      delete(shift) {
        range.clear();
        if (shift === "Up") shiftRows(sheet, box, -(box.r2 - box.r1 + 1));
      },
      numberFormat: [["General"]],
      format: format(sheet, box),
      worksheet: null,
      merge() {
        sheet.merges.push(boxAddress(box));
      },
      unmerge() {
        sheet.merges = [];
      },
      clear() {
        for (const k of [...sheet.cells.keys()]) {
          const [r, c] = k.split(",").map(Number);
          if (r >= box.r1 && r <= box.r2 && c >= box.c1 && c <= box.c2) sheet.cells.delete(k);
        }
        draw();
      },
      select() {
        books.active = sheet.name;
        books.selection = { sheet: sheet.name, r: box.r1, c: box.c1 };
        draw();
      },
      dataValidation: {
        clear() {},
        set rule(v) {
          sheet.validations.push({ address: boxAddress(box), rule: v });
        },
        errorAlert: {},
        prompt: {},
      },
      conditionalFormats: {
        clearAll() {},
        add() {
          return { cellValue: { format: { fill: {}, font: {} }, rule: {} } };
        },
      },
      load() {
        return range;
      },
      getCell(r, c) {
        return makeRange(sheet, `${colName(box.c1 + c)}${box.r1 + r + 1}`);
      },
    };
    Object.defineProperty(range, "worksheet", { get: () => makeWorksheet(sheet) });
    return range;
  }

  function makeWorksheet(sheet, isNull = false) {
    if (isNull) return { isNullObject: true, load() {} };
    return {
      isNullObject: false,
      get name() {
        return sheet.name;
      },
      get visibility() {
        return sheet.visibility;
      },
      set visibility(v) {
        sheet.visibility = v;
        draw();
      },
      load() {},
      activate() {
        books.active = sheet.name;
        draw();
      },
      getRange(address) {
        return makeRange(sheet, address);
      },
      getUsedRange() {
        return makeRange(sheet, boxAddress(usedBox(sheet)));
      },
      freezePanes: {
        freezeAt(r) {
          sheet.frozen = r.address;
        },
        freezeRows(n) {
          sheet.frozen = `rows ${n}`;
        },
        freezeColumns(n) {
          sheet.frozen = `columns ${n}`;
        },
        unfreeze() {
          sheet.frozen = null;
        },
      },
      protection: {
        get protected() {
          return sheet.protectedFlag;
        },
        protect() {
          sheet.protectedFlag = true;
        },
        unprotect() {
          sheet.protectedFlag = false;
        },
        load() {},
      },
      tables: {
        add(address) {
          sheet.tables = [...(sheet.tables ?? []), address];
          return { name: "", address };
        },
      },
      delete() {
        books.sheets = books.sheets.filter((s) => s !== sheet);
        if (books.active === sheet.name) books.active = books.sheets[0]?.name ?? null;
        draw();
      },
    };
  }

  function workbook() {
    return {
      worksheets: {
        get items() {
          return books.sheets.map((s) => makeWorksheet(s));
        },
        load() {},
        getItem(name) {
          const s = findSheet(name);
          if (!s) throw new Error(`fake Excel: no sheet ${name}`);
          return makeWorksheet(s);
        },
        getItemOrNullObject(name) {
          const s = findSheet(name);
          return s ? makeWorksheet(s) : makeWorksheet(null, true);
        },
        getActiveWorksheet() {
          return makeWorksheet(findSheet(books.active) ?? books.sheets[0]);
        },
        add(name) {
          const s = makeSheet(name);
          draw();
          return makeWorksheet(s);
        },
      },
      names: {
        getItemOrNullObject(name) {
          const has = books.names.has(name);
          return { isNullObject: !has, load() {}, delete: () => books.names.delete(name) };
        },
        add(name, ref) {
          books.names.set(name, ref);
        },
      },
      tables: {
        getItemOrNullObject() {
          return { isNullObject: true, load() {} };
        },
      },
      getActiveCell() {
        const sel = books.selection ?? { sheet: books.active, r: 0, c: 0 };
        return makeRange(findSheet(sel.sheet) ?? findSheet(books.active), `${colName(sel.c)}${sel.r + 1}`);
      },
      /** the user's selection (finance's per-cell comments) */
      getSelectedRange() {
        const sel = books.selection ?? { sheet: books.active, r: 0, c: 0, r2: 0, c2: 0 };
        const sheet = findSheet(sel.sheet) ?? findSheet(books.active) ?? books.sheets[0];
        const a = `${colName(sel.c)}${sel.r + 1}`;
        const b = `${colName(sel.c2 ?? sel.c)}${(sel.r2 ?? sel.r) + 1}`;
        return makeRange(sheet, a === b ? a : `${a}:${b}`);
      },
      /** ExcelApi 1.13: not offered here (the pane then writes values in blocks) */
    };
  }

  const Excel = {
    async run(fn) {
      const context = {
        workbook: workbook(),
        async sync() {
          books.syncs++;
        },
      };
      return fn(context);
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
    const sheet = findSheet(books.active) ?? books.sheets.find((s) => s.visibility === "Visible");
    const tabs = books.sheets
      .filter((s) => s.visibility === "Visible")
      .map((s) => `<span style="padding:2px 8px;${s === sheet ? "background:#fff;border-bottom:2px solid #217346;font-weight:bold" : ""}">${s.name}</span>`)
      .join("");
    if (!sheet) {
      host.innerHTML = `<div style="padding:8px;background:#217346;color:#fff">Excel (stand-in) — empty workbook</div>`;
      return;
    }
    const box = usedBox(sheet);
    const rows = Math.min(Math.max(box.r2 + 3, 20), 60);
    const cols = Math.min(Math.max(box.c2 + 2, 8), 14);
    let html = `<div style="padding:4px 8px;background:#217346;color:#fff">Excel (stand-in) · ${sheet.name}</div><div style="background:#eee">${tabs}</div><table style="border-collapse:collapse;table-layout:fixed">`;
    html += `<tr><th style="width:28px;background:#eee"></th>${Array.from({ length: cols }, (_, c) => `<th style="background:#eee;border:1px solid #ccc;width:${c === 2 ? 150 : 80}px;font-weight:normal">${colName(c)}</th>`).join("")}</tr>`;
    for (let r = 0; r < rows; r++) {
      html += `<tr><th style="background:#eee;border:1px solid #ccc;font-weight:normal">${r + 1}</th>`;
      for (let c = 0; c < cols; c++) {
        const cell = sheet.cells.get(key(r, c));
        const sel = books.selection && books.selection.sheet === sheet.name && books.selection.r === r && books.selection.c === c;
        const v = cell?.value ?? "";
        const text = String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;");
        html += `<td data-cell="${colName(c)}${r + 1}" style="border:${sel ? "2px solid #217346" : "1px solid #ddd"};padding:1px 3px;height:18px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:150px;${cell?.fill ? `background:${cell.fill};` : ""}${cell?.bold ? "font-weight:bold;" : ""}">${text}</td>`;
      }
      html += "</tr>";
    }
    host.innerHTML = html + "</table>";
  }

  // ----- what the test drives ------------------------------------------------------------------
  window.Excel = Excel;
  window.__fakeExcel = {
    books,
    syncs: () => books.syncs,
    sheetNames: () => books.sheets.map((s) => ({ name: s.name, visibility: s.visibility })),
    /** a user selecting a cell or a range */
    select(sheetName, a1) {
      const b = parse(a1);
      books.active = sheetName;
      books.selection = { sheet: sheetName, r: b.r1, c: b.c1, r2: b.r2, c2: b.c2 };
      draw();
    },
    /** a sheet's used size and a sample of its values (rows are 1-based) */
    sheetInfo(sheetName) {
      const sheet = findSheet(sheetName);
      if (!sheet) return null;
      const box = usedBox(sheet);
      return { rows: box.r2 + 1, columns: box.c2 + 1, frozen: sheet.frozen, tables: sheet.tables ?? [] };
    },
    /** a user typing into cells: { "B8": 100, ... } */
    type(sheetName, cells) {
      const sheet = findSheet(sheetName);
      for (const [a1, v] of Object.entries(cells)) {
        const b = parse(a1);
        cellOf(sheet, b.r1, b.c1).value = v;
      }
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
  };
  document.addEventListener("DOMContentLoaded", draw);
})();
