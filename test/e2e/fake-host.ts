// The stand-in host (fake-excel.js) in Node, in a vm context with the few browser objects it
// touches (storage, a document without a body, location): the same file the browser tests inject,
// so its strictness is tested once here and the adapter's operations can run on it without Chromium.
import vm from "node:vm";
import type { FakeExcelConfig } from "./harness.ts";
import { fakeExcelSource } from "./fake-excel-source.ts";

class MemoryStorage {
  #data = new Map<string, string>();
  getItem(k: string) {
    return this.#data.has(k) ? this.#data.get(k)! : null;
  }
  setItem(k: string, v: string) {
    this.#data.set(k, String(v));
  }
  removeItem(k: string) {
    this.#data.delete(k);
  }
  clear() {
    this.#data.clear();
  }
}

export interface FakeHost {
  Excel: { run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> };
  Office: typeof Office;
  OfficeRuntime: { storage: { getItem(k: string): Promise<string | null>; setItem(k: string, v: string): Promise<void>; removeItem(k: string): Promise<void> } };
  fake: any;
  localStorage: Storage;
  window: Record<string, any>;
  /** a new Excel.run context */
  context(): Promise<Excel.RequestContext>;
  /** the pane reopened in another workbook: a fresh host over the same browser storage */
  reopen(workbook: string, config?: FakeExcelConfig): FakeHost;
}

const source = await fakeExcelSource();

export function loadFakeExcel(config: FakeExcelConfig & { workbook?: string } = {}, shared?: { localStorage: MemoryStorage; sessionStorage: MemoryStorage }): FakeHost {
  const localStorage = shared?.localStorage ?? new MemoryStorage();
  const sessionStorage = shared?.sessionStorage ?? new MemoryStorage();
  if (config.workbook) sessionStorage.setItem("__fakeExcel.open", config.workbook);
  // this load's own Storage class: the "none" mode breaks its methods, not every load's
  class PageStorage extends MemoryStorage {}
  Object.setPrototypeOf(localStorage, PageStorage.prototype);
  const window: Record<string, any> = {
    __fakeExcelConfig: config,
    sessionStorage,
    localStorage,
    document: { body: null, addEventListener() {}, getElementById: () => null },
    location: { reload() {} },
  };
  const ctx = vm.createContext({
    window,
    ...window,
    Storage: PageStorage,
    setTimeout,
    DOMException,
    TextDecoder,
    Response,
    Blob,
    DecompressionStream,
    atob,
    console,
  });
  vm.runInContext(source, ctx);
  const host: FakeHost = {
    Excel: window.Excel,
    Office: window.Office,
    OfficeRuntime: window.OfficeRuntime,
    fake: window.__fakeExcel,
    localStorage: localStorage as unknown as Storage,
    window,
    context: () => window.Excel.run(async (c: Excel.RequestContext) => c),
    reopen: (workbook, next = {}) => loadFakeExcel({ ...config, ...next, workbook }, { localStorage, sessionStorage }),
  };
  return host;
}
