// The page Trident (Internet Explorer 11, the webview of volume-licensed Office 2016/2019) gets:
// taskpane.html's inline script must be ES5, or IE stops at a syntax error and shows a blank pane.
// Parsed here by acorn limited to ECMAScript 5 (acorn is a dev dependency for this and the bundle
// check), then run in a vm as Trident would: it shows the Chinese message and a link to the browser
// path that opens outside Excel.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { parse } from "acorn";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../e2e/harness.ts";

/** The classic inline scripts of a page (no src, not modules). */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)].filter((m) => !/\b(src|type)=/.test(m[1] ?? "")).map((m) => m[2]!);
}

const pages = {
  source: readFileSync(path.join(repoRoot, "addin/taskpane.html"), "utf8"),
  built: readFileSync(path.join(repoRoot, "addin/dist/taskpane.html"), "utf8"),
};

function runAs(userAgent: string, script: string, office?: unknown) {
  const el = (id: string) => ({ id, style: { display: id === "old-webview" ? "none" : "" }, href: "taskpane.html", onclick: null as null | (() => boolean) });
  const nodes = { "old-webview": el("old-webview"), root: el("root"), "old-webview-link": el("old-webview-link") };
  const opened: string[] = [];
  const window: Record<string, unknown> = {};
  const sandbox: Record<string, unknown> = {
    navigator: { userAgent },
    location: { protocol: "https:", host: "perf.bureau.gov.cn:3443", pathname: "/taskpane.html", search: "?_host_Info=Excel$Win32$16.01$zh-CN$$$$0" },
    document: { getElementById: (id: keyof typeof nodes) => nodes[id] },
    window,
    Object: { hasOwn: undefined },
  };
  if (office) window.Office = sandbox.Office = office;
  vm.runInNewContext(script, sandbox);
  return { nodes, opened };
}

describe("the page for old webviews (Trident, EdgeHTML)", () => {
  for (const [which, html] of Object.entries(pages)) {
    it(`${which} taskpane.html: its inline scripts parse as ES5`, () => {
      const scripts = inlineScripts(html);
      expect(scripts.length).toBeGreaterThan(0);
      for (const s of scripts) expect(() => parse(s, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
    });
  }

  it("an ES5 parser refuses what Trident refuses (the check can fail)", () => {
    for (const bad of ["const a = 1;", "var f = () => 1;", "var s = `x`;", "var o = { ...a };", "a?.b;"]) {
      expect(() => parse(bad, { ecmaVersion: 5 })).toThrow();
    }
  });

  it("in Trident: shows the Chinese message, hides the pane, links to the browser path outside Excel", () => {
    const [script] = inlineScripts(pages.built);
    const opened: string[] = [];
    const office = {
      context: {
        requirements: { isSetSupported: (set: string) => set === "OpenBrowserWindowApi" },
        ui: { openBrowserWindow: (url: string) => opened.push(url) },
      },
    };
    const { nodes } = runAs("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", script!, office);
    expect(nodes["old-webview"].style.display).toBe("block");
    expect(nodes.root.style.display).toBe("none");
    expect(nodes["old-webview-link"].href).toBe("https://perf.bureau.gov.cn:3443/taskpane.html");
    expect(nodes["old-webview-link"].onclick!()).toBe(false);
    expect(opened).toEqual(["https://perf.bureau.gov.cn:3443/taskpane.html"]);
    // the message itself: Chinese first, naming the licences and the way out
    const text = /<div id="old-webview"[\s\S]*?<\/div>/.exec(pages.built)![0];
    expect(text).toContain("批量许可版的 Office 2016、Office 2019");
    expect(text).toContain("在浏览器中打开绩效填报");
    expect(text).toMatch(/target="_blank"/);
  });

  it("where Office cannot open a browser window, the link opens one itself", () => {
    const [script] = inlineScripts(pages.built);
    const { nodes } = runAs("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0 Safari/537.36 Edge/18.17763", script!);
    expect(nodes["old-webview"].style.display).toBe("block");
    expect(nodes["old-webview-link"].onclick!()).toBe(true);
  });
});
