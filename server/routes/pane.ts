// The task pane's files from addin/dist/ (when built) and Office.js from node_modules, so the
// pane needs no CDN. office.js loads its host, locale and mapping scripts from beside itself
// (`/o15apptofilemappingtable.js`, `/zh-cn/office_strings.js`, …), so its whole dist folder is
// served at the root, behind the pane's own files. Anything missing falls through to the JSON 404.
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { Hono } from "hono";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
};

async function fileResponse(file: string): Promise<Response | undefined> {
  try {
    const st = await stat(file);
    if (!st.isFile()) return undefined;
    const body = await readFile(file);
    return new Response(body, {
      headers: { "Content-Type": types[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-cache" },
    });
  } catch {
    return undefined;
  }
}

/** A file under `root` named by a URL path, or undefined when the path leaves the folder. */
function inside(root: string, rel: string): string | undefined {
  const base = normalize(root);
  const file = normalize(join(base, rel));
  return file.startsWith(base + sep) ? file : undefined;
}

export function paneRoutes(paneDir: string | undefined, officeDir: string | undefined) {
  const app = new Hono();
  app.get("/*", async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (rel === "/") rel = "/taskpane.html";
    for (const root of [paneDir, officeDir]) {
      const file = root ? inside(root, rel) : undefined;
      const res = file ? await fileResponse(file) : undefined;
      if (res) return res;
    }
    return next();
  });
  return app;
}
