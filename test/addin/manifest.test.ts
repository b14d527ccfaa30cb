import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { OfficeAddinManifest } from "office-addin-manifest";

const { readManifestFile } = OfficeAddinManifest;
import { manifestXml, run } from "../../server/cli/manifest.ts";
import { manifestSchemaErrors as schemaErrors } from "../support/manifest-schema.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `jixiao manifest ARGS --out FILE` run in-process, its stderr kept quiet: the exit code and FILE, in a fresh temp folder. */
async function writeManifest(args: string[]): Promise<{ code: number; file: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "jixiao-manifest-")), "manifest.xml");
  const stderr = process.stderr.write;
  process.stderr.write = () => true;
  try {
    return { code: await run([...args, "--out", file]), file };
  } finally {
    process.stderr.write = stderr;
  }
}

describe("manifest.xml", () => {
  const xml = readFileSync(path.join(repoRoot, "manifest.xml"), "utf8");

  it("is what `jixiao manifest` writes for https://localhost:3443", () => {
    expect(xml).toBe(manifestXml());
  });

  it("is valid against the published add-in manifest schema", async () => {
    expect(await schemaErrors(xml)).toEqual([]);
  });

  it("says what the design asks: TaskPaneApp on Workbook, ExcelApi 1.7 (volume-licensed Office 2019 lists it), Home-tab button, local icons", async () => {
    const info = await readManifestFile(path.join(repoRoot, "manifest.xml"));
    expect(info.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(info.defaultLocale).toBe("zh-CN");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.officeAppType).toBe("TaskPaneApp");
    expect(info.displayName).toBe("绩效 Jixiao");
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.defaultSettings?.sourceLocation).toBe("https://localhost:3443/taskpane.html");
    expect(info.appDomains).toEqual(["https://localhost:3443"]);
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.7" \/>/);
    expect(xml).toMatch(/<OfficeTab id="TabHome">/);
    expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
    for (const size of [16, 32, 64, 80]) {
      expect(xml).toContain(`/assets/icon-${size}.png`);
      const png = readFileSync(path.join(repoRoot, `addin/public/assets/icon-${size}.png`));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });

  it("points at a bureau's own server, and the result is still valid", async () => {
    const { code, file: out } = await writeManifest(["--url", "https://perf.bureau.gov.cn:3443/anything"]);
    expect(code).toBe(0);
    expect((await writeManifest(["--url", "http://perf.bureau.gov.cn"])).code).toBe(2);
    const custom = readFileSync(out, "utf8");
    expect(custom).not.toContain("localhost");
    expect(custom).toContain('<SourceLocation DefaultValue="https://perf.bureau.gov.cn:3443/taskpane.html" />');
    expect(await schemaErrors(custom)).toEqual([]);
    const info = await readManifestFile(out);
    expect(info.appDomains).toEqual(["https://perf.bureau.gov.cn:3443"]);
    writeFileSync(out, custom.replace("<Hosts>", "<Hostz>"));
    expect((await schemaErrors(readFileSync(out, "utf8"))).length).toBeGreaterThan(0);
  });
});

describe("the server's /manifest.xml and /ca.crt", () => {
  it("serves, for the https address it is reached at, the file `jixiao manifest --url` writes; refuses http", async () => {
    const { makeEnv } = await import("../server/helpers.ts");
    const env = await makeEnv({ caCertificate: () => "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n" });
    try {
      const res = await env.app.request("https://perf.bureau.gov.cn:8443/manifest.xml");
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("application/xml");
      const xml = await res.text();
      const { code, file: out } = await writeManifest(["--url", "https://perf.bureau.gov.cn:8443"]);
      expect(code).toBe(0);
      expect(xml).toBe(readFileSync(out, "utf8"));
      expect(await schemaErrors(xml)).toEqual([]);
      // behind a proxy that ends TLS: the address the proxy was reached at
      const proxied = await env.app.request("http://10.0.0.5:3000/manifest.xml", { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "jx.county.gov.cn" } });
      expect(await proxied.text()).toContain('<SourceLocation DefaultValue="https://jx.county.gov.cn/taskpane.html" />');
      const plain = await env.app.request("http://perf.bureau.gov.cn/manifest.xml");
      expect(plain.status).toBe(400);
      expect(((await plain.json()) as { error: { code: string } }).error.code).toBe("https_required");
      const ca = await env.app.request("https://perf.bureau.gov.cn:8443/ca.crt");
      expect(ca.status).toBe(200);
      expect(await ca.text()).toContain("BEGIN CERTIFICATE");
    } finally {
      await env.close();
    }
  });

  it("has no /ca.crt when the server uses the bureau's own certificate", async () => {
    const { makeEnv } = await import("../server/helpers.ts");
    const env = await makeEnv();
    try {
      expect((await env.app.request("https://perf.bureau.gov.cn/ca.crt")).status).toBe(404);
    } finally {
      await env.close();
    }
  });
});
