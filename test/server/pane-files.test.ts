// The pane's files as Excel on the web needs them: framed from Microsoft 365, 21Vianet and a
// bureau's Office Online Server; icons loadable cross-origin (CORP/CORS); office.js compressed,
// with an ETag, and cached for a year under its versioned address.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frameAncestor } from "../../server/http-headers.ts";
import { makeEnv, type TestEnv } from "./helpers.ts";

describe("pane files for Excel on the web", () => {
  let env: TestEnv;
  let pane: string;
  let office: string;
  const big = `/* office.js stand-in */\n${"var Office = Office || {}; // 办公\n".repeat(4000)}`;

  beforeAll(async () => {
    pane = await mkdtemp(join(tmpdir(), "jixiao-pane-"));
    await writeFile(join(pane, "taskpane.html"), "<!doctype html><title>绩效</title>");
    await mkdir(join(pane, "assets"));
    await writeFile(join(pane, "assets", "icon-32.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    await writeFile(join(pane, "assets", "main-Bx3kQ9aZ.js"), "console.log(1)");
    office = await mkdtemp(join(tmpdir(), "jixiao-office-"));
    await writeFile(join(office, "office.js"), big);
    await mkdir(join(office, "zh-cn"));
    await writeFile(join(office, "zh-cn", "office_strings.js"), "/* strings */");
    env = await makeEnv({ paneDir: pane, officeDir: office, officeVersion: "1.1.110", frameAncestors: ["https://oos.bureau.gov.cn"] });
  });
  afterAll(async () => {
    await env.close();
    await rm(pane, { recursive: true, force: true });
    await rm(office, { recursive: true, force: true });
  });

  it("lets Microsoft 365, 21Vianet and the configured Office Online Server frame the pane", async () => {
    const csp = (await env.req("GET", "/taskpane.html")).headers.get("content-security-policy") ?? "";
    for (const host of ["https://*.officeapps.live.com", "https://*.partner.officewebapps.cn", "https://*.sharepoint.cn", "https://oos.bureau.gov.cn"]) {
      expect(csp).toContain(host);
    }
  });

  it("refuses a frame ancestor that is not an https origin", () => {
    expect(frameAncestor("https://*.Bureau.gov.cn:8443/")).toBe("https://*.bureau.gov.cn:8443");
    for (const bad of ["http://oos.bureau.gov.cn", "https://oos.bureau.gov.cn/path", "https://a.cn; script-src *", "*", "'self'"]) {
      expect(() => frameAncestor(bad)).toThrow(/https/);
    }
  });

  it("serves icons and pages cross-origin (CORP and CORS), the API stays same-origin", async () => {
    const icon = await env.req("GET", "/assets/icon-32.png", { headers: { origin: "https://excel.officeapps.live.com" } });
    expect(icon.status).toBe(200);
    expect(icon.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(icon.headers.get("access-control-allow-origin")).toBe("*");
    expect(icon.headers.get("content-type")).toBe("image/png");
    const page = await env.req("GET", "/taskpane.html");
    expect(page.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(page.headers.get("x-frame-options")).toBeNull();
    const api = await env.req("GET", "/api/health");
    expect(api.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends office.js compressed, with an ETag, and answers 304 when unchanged", async () => {
    const br = await env.req("GET", "/office.js", { headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    const bytes = Buffer.from(await br.arrayBuffer());
    expect(bytes.length).toBeLessThan(big.length / 10);
    expect(brotliDecompressSync(bytes).toString()).toBe(big);
    const gz = await env.req("GET", "/office.js", { headers: { "accept-encoding": "gzip" } });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(big);
    const plain = await env.req("GET", "/office.js", { headers: { "accept-encoding": "identity, br;q=0" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(big);
    const etag = br.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(br.headers.get("vary")).toBe("Accept-Encoding");
    // the unversioned address is asked again every time (a new npm copy must reach the pane)
    expect(br.headers.get("cache-control")).toBe("no-cache");
    const again = await env.req("GET", "/office.js", { headers: { "if-none-match": etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  it("caches the versioned office.js, its siblings and hashed bundles for a year", async () => {
    const v = await env.req("GET", "/office-js/1.1.110/office.js", { headers: { "accept-encoding": "br" } });
    expect(v.status).toBe(200);
    expect(v.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const strings = await env.req("GET", "/office-js/1.1.110/zh-cn/office_strings.js");
    expect(strings.status).toBe(200);
    expect(await strings.text()).toBe("/* strings */");
    // another version is not this copy
    expect((await env.req("GET", "/office-js/1.1.109/office.js")).status).toBe(404);
    expect((await env.req("GET", "/office-js/1.1.110/..%2F..%2Fetc%2Fpasswd")).status).toBe(404);
    expect((await env.req("GET", "/assets/main-Bx3kQ9aZ.js")).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect((await env.req("GET", "/taskpane.html")).headers.get("cache-control")).toBe("no-cache");
    expect((await env.req("HEAD", "/taskpane.html")).status).toBe(200);
  });
});
