// The task pane's files from addin/dist/ (when built) and Office.js from node_modules, so the
// pane needs no CDN. office.js loads its host, locale and mapping scripts from beside itself
// (`/o15apptofilemappingtable.js`, `/zh-cn/office_strings.js`, …), so its whole dist folder is
// served at the root, behind the pane's own files, and again under `/office-js/<version>/`, the
// address the built pane uses: that copy never changes under its address, so it is cached for a
// year and a new npm copy of Office.js is a new address (docs/hosts.md). Anything missing falls
// through to the JSON 404.
//
// Headers for Excel on the web: it frames the pane from Office's hosts and loads the ribbon's
// icons from its own origin, so these files are `Cross-Origin-Resource-Policy: cross-origin` with
// `Access-Control-Allow-Origin: *` (they are public: no token, no cookie). The API keeps
// same-origin and its origin list (server/app.ts).
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
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

/** Text worth compressing; PNGs and fonts are compressed already. */
const compressible = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".map", ".xml"]);

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

interface Cached {
  mtimeMs: number;
  size: number;
  etag: string;
  body: Buffer;
  br?: Buffer;
  gz?: Buffer;
}

/** Files read, hashed and compressed once per change (office.js's host scripts are megabytes). */
const cache = new Map<string, Cached>();

async function load(file: string): Promise<Cached | undefined> {
  let st;
  try {
    st = await stat(file);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
  const body = await readFile(file);
  const entry: Cached = { mtimeMs: st.mtimeMs, size: st.size, body, etag: `"${createHash("sha1").update(body).digest("base64url")}"` };
  if (compressible.has(extname(file)) && body.length > 1024) {
    // quality 9 (not 11): about the same size for these scripts, and the first open is not held up
    entry.br = await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
    entry.gz = await gzipAsync(body, { level: 9 });
  }
  cache.set(file, entry);
  return entry;
}

/** The encodings a request accepts (q=0 excluded). */
function accepts(header: string | undefined, encoding: string): boolean {
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (name?.trim().toLowerCase() !== encoding) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
    return q === undefined || Number(q) > 0;
  }
  return false;
}

export type CachePolicy = "revalidate" | "immutable";

export const cacheControl: Record<CachePolicy, string> = {
  // the pane's own pages and the unversioned office.js: always asked again, answered 304 when unchanged
  revalidate: "no-cache",
  // a versioned address (`/office-js/1.1.110/…`, Vite's hashed `assets/*-[hash].js`) never changes
  immutable: "public, max-age=31536000, immutable",
};

async function fileResponse(file: string, req: Request, policy: CachePolicy): Promise<Response | undefined> {
  const entry = await load(file);
  if (!entry) return undefined;
  const headers = new Headers({
    "Content-Type": types[extname(file)] ?? "application/octet-stream",
    "Cache-Control": cacheControl[policy],
    ETag: entry.etag,
    Vary: "Accept-Encoding",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Access-Control-Allow-Origin": "*",
  });
  const inm = req.headers.get("if-none-match");
  if (inm && inm.split(",").some((t) => t.trim().replace(/^W\//, "") === entry.etag)) return new Response(null, { status: 304, headers });
  const ae = req.headers.get("accept-encoding") ?? undefined;
  let body = entry.body;
  if (entry.br && accepts(ae, "br")) {
    body = entry.br;
    headers.set("Content-Encoding", "br");
  } else if (entry.gz && accepts(ae, "gzip")) {
    body = entry.gz;
    headers.set("Content-Encoding", "gzip");
  }
  headers.set("Content-Length", String(body.length));
  return new Response(req.method === "HEAD" ? null : new Uint8Array(body), { headers });
}

/** A file under `root` named by a URL path, or undefined when the path leaves the folder. */
function inside(root: string, rel: string): string | undefined {
  const base = normalize(root);
  const file = normalize(join(base, rel));
  return file.startsWith(base + sep) ? file : undefined;
}

/** Vite names its bundles `assets/<name>-<hash>.js`: the hash is the version. */
const hashed = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.(js|css)$/;

export interface PaneFiles {
  /** the built pane (addin/dist) */
  paneDir?: string | undefined;
  /** @microsoft/office-js/dist */
  officeDir?: string | undefined;
  /** the npm copy's version: `/office-js/<version>/` serves officeDir with long caching */
  officeVersion?: string | undefined;
}

export function paneRoutes(files: PaneFiles) {
  const { paneDir, officeDir, officeVersion } = files;
  const app = new Hono();
  const versioned = officeVersion ? `/office-js/${officeVersion}/` : undefined;
  app.on(["GET", "HEAD"], "/*", async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return next();
    }
    if (rel === "/") rel = "/taskpane.html";
    // a folder of the pane's own pages (the user guide at /guide/) answers with its index
    else if (rel.endsWith("/")) rel += "index.html";
    if (versioned && officeDir && rel.startsWith(versioned)) {
      const file = inside(officeDir, rel.slice(versioned.length - 1));
      return (file && (await fileResponse(file, c.req.raw, "immutable"))) || next();
    }
    const roots: [string | undefined, CachePolicy][] = [
      [paneDir, hashed.test(rel) ? "immutable" : "revalidate"],
      [officeDir, "revalidate"],
    ];
    for (const [root, policy] of roots) {
      const file = root ? inside(root, rel) : undefined;
      const res = file ? await fileResponse(file, c.req.raw, policy) : undefined;
      if (res) return res;
    }
    return next();
  });
  return app;
}
