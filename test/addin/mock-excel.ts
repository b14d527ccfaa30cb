// A recording Excel for the adapter's tests, built on office-addin-mock: every object the adapter
// reaches is an OfficeMockObject (so loads behave as Office.js does: unloaded reads give an error
// string), wrapped in a Proxy that records each property written and each method called, in order.
// context.sync is counted. A value matrix written from A1 of a sheet (what renderPlan writes)
// becomes that sheet's used range, so a second operation reads what the first one wrote.
import { OfficeMockObject } from "office-addin-mock";

export interface Entry {
  op: "set" | "call";
  /** `Sheet!B2:C3.format.fill.color`, `workbook.names.add` */
  path: string;
  value?: unknown;
  args?: unknown[];
}

export interface SheetSeed {
  used?: { address: string; values: (string | number | boolean)[][]; numberFormat?: string[][] };
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  fills?: Record<string, string>;
  protected?: boolean;
}

export interface WorkbookSeed {
  sheets?: Record<string, SheetSeed>;
  active?: string;
  activeCell?: { sheet: string; row: number };
  names?: string[];
  tables?: string[];
  /** existing comments: address `Sheet!B2` and content */
  comments?: { address: string; content: string }[];
}

export interface MockExcel {
  context: Excel.RequestContext;
  log: Entry[];
  syncs: () => number;
  sets: (suffix?: string) => Entry[];
  calls: (suffix?: string) => Entry[];
  sheets: Set<string>;
}

export function mockExcel(seed: WorkbookSeed = {}): MockExcel {
  const log: Entry[] = [];
  const created: OfficeMockObject[] = [];
  const sheets = new Set(Object.keys(seed.sheets ?? {}));
  /** sheet → the matrix last written from its A1 */
  const written = new Map<string, { address: string; values: (string | number | boolean)[][] }>();
  let syncCount = 0;

  function mock(data: Record<string, unknown>, path: string): any {
    const m = new OfficeMockObject(data as any);
    created.push(m);
    return track(m, path);
  }

  function track(target: any, path: string): any {
    return new Proxy(target, {
      get(t, prop, receiver) {
        const v = Reflect.get(t, prop, receiver);
        if (typeof prop === "symbol" || prop.startsWith("_") || prop === "load" || prop === "sync") return typeof v === "function" ? v.bind(t) : v;
        if (typeof v === "function") {
          return (...args: unknown[]) => {
            log.push({ op: "call", path: `${path}.${prop}`, args });
            return v.apply(t, args);
          };
        }
        if (v instanceof OfficeMockObject && (v as any)._isObject) return track(v, `${path}.${prop}`);
        return v;
      },
      set(t, prop, value) {
        log.push({ op: "set", path: `${path}.${String(prop)}`, value });
        const at = /^(.*)!(A1(?::[A-Z]+\d+)?)$/.exec(path);
        if (prop === "values" && at) written.set(at[1]!, { address: at[2]!, values: value });
        t[prop] = value;
        return true;
      },
    });
  }

  function rangeMock(sheet: string, address: string, extra: Record<string, unknown> = {}): any {
    const path = `${sheet}!${address}`;
    const fill = seed.sheets?.[sheet]?.fills?.[address] ?? "#FFFFFF";
    return mock(
      {
        address: `${sheet}!${address}`,
        values: [[""]],
        formulas: [[""]],
        numberFormat: [["General"]],
        rowIndex: 0,
        columnIndex: 0,
        insert: () => undefined,
        delete: () => undefined,
        format: {
          fill: { color: fill, clear: () => undefined },
          font: { bold: false, italic: false, size: 11, color: "#000000" },
          horizontalAlignment: "General",
          verticalAlignment: "Bottom",
          wrapText: false,
          columnWidth: 48,
          rowHeight: 15,
          protection: { locked: true },
          borders: { getItem: (edge: string) => mock({ style: "None", weight: "Thin", color: "#000000" }, `${path}.border(${edge})`) },
        },
        merge: () => undefined,
        unmerge: () => undefined,
        clear: () => undefined,
        select: () => undefined,
        dataValidation: { clear: () => undefined, rule: { kind: "none" }, errorAlert: { showAlert: false }, prompt: { showPrompt: false } },
        conditionalFormats: {
          clearAll: () => undefined,
          add: () => mock({ cellValue: { format: { fill: { color: "" }, font: { color: "" } }, rule: { kind: "none" } } }, `${path}.cf`),
        },
        ...extra,
      },
      path,
    );
  }

  function sheetMock(name: string, exists = true): any {
    const s = seed.sheets?.[name] ?? {};
    return mock(
      {
        name,
        isNullObject: !exists,
        visibility: "Visible",
        getRange: (address?: string) => rangeMock(name, address ?? "*"),
        getUsedRange: () => {
          const used = written.get(name) ?? s.used;
          return rangeMock(name, "used", {
            address: `${name}!${used?.address ?? "A1"}`,
            values: used?.values ?? [[""]],
            formulas: used?.values ?? [[""]],
            numberFormat: (used === s.used ? s.used?.numberFormat : undefined) ?? [["General"]],
          });
        },
        activate: () => undefined,
        delete: () => undefined,
        freezePanes: { freezeAt: () => undefined, freezeRows: () => undefined, freezeColumns: () => undefined, unfreeze: () => undefined },
        protection: { protected: s.protected ?? false, protect: () => undefined, unprotect: () => undefined },
        tables: { add: (range: string) => mock({ name: "", range }, `${name}.table`) },
        charts: { add: () => mock({ title: { text: "" }, legend: { position: "Right", visible: true }, setPosition: () => undefined }, `${name}.chart`) },
        pageLayout: { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, setPrintTitleRows: () => undefined },
      },
      name,
    );
  }

  const comments = (seed.comments ?? []).map((c) => ({
    content: c.content,
    getLocation: () => mock({ address: c.address }, `comment(${c.address})`),
    delete: () => log.push({ op: "call", path: `comment(${c.address}).delete` }),
  }));

  const root = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItem: (name: string) => sheetMock(name),
        getItemOrNullObject: (name: string) => sheetMock(name, sheets.has(name)),
        getActiveWorksheet: () => sheetMock(seed.active ?? [...sheets][0] ?? "Sheet1"),
        add: (name: string) => {
          sheets.add(name);
          return sheetMock(name);
        },
        // loaded as "items/name,items/visibility": the items are given as loaded (see comments)
        load: () => undefined,
      },
      names: {
        getItemOrNullObject: (n: string) => mock({ isNullObject: !(seed.names ?? []).includes(n), delete: () => undefined }, `name(${n})`),
        add: () => undefined,
      },
      tables: {
        getItemOrNullObject: (n: string) => mock({ isNullObject: !(seed.tables ?? []).includes(n), delete: () => undefined }, `table(${n})`),
      },
      getActiveCell: () => {
        const a = seed.activeCell ?? { sheet: seed.active ?? "Sheet1", row: 0 };
        return rangeMock(a.sheet, "active", { rowIndex: a.row, worksheet: { name: a.sheet } });
      },
      comments: { add: () => undefined, load: () => undefined },
    },
  } as any);
  // office-addin-mock cannot load a navigation path into an array ("items/content"): the comment
  // collection is given its items as loaded.
  (root as any).workbook.comments.items = comments;
  Object.defineProperty((root as any).workbook.worksheets, "items", {
    get: () => [...sheets].map((name) => ({ name, visibility: seed.sheets?.[name]?.visibility ?? "Visible" })),
    configurable: true,
  });
  const context = track(root, "ctx") as any;
  // office-addin-mock's sync walks the tree it was built with; objects the adapter obtained from
  // methods are synced here too, which is what one Office.js sync does.
  root.sync = async () => {
    syncCount++;
    await OfficeMockObject.prototype.sync.call(root);
    for (const m of created) await m.sync();
    await new Promise((r) => setTimeout(r, 0));
  };

  return {
    context: context as Excel.RequestContext,
    log,
    syncs: () => syncCount,
    sets: (suffix = "") => log.filter((e) => e.op === "set" && e.path.endsWith(suffix)),
    calls: (suffix = "") => log.filter((e) => e.op === "call" && e.path.endsWith(suffix)),
    sheets,
  };
}
