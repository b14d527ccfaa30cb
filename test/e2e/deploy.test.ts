// Installing the add-in from the server's address alone (docs/workflow.md): a unit's IT contact
// opens the address of a `jixiao serve` that made its own certificates (https, no --cert), in a
// browser 320 px wide, and finds on the first-run page the add-in manifest and the server's CA.
// Both links are followed: the manifest is the one `jixiao manifest --url <that address>` writes,
// and passes the published manifest schema; the CA is the one in the data folder, and a client
// trusting only it reaches the server (the chain verifies), and so does Chromium once the CA is in
// its trust store, with no certificate warning. A server on a certificate of the
// bureau's own (--cert) links no CA. Screenshot: test-output/e2e/deploy-first-run.png.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { localCertificates } from "../../server/https.ts";
import { manifestSchemaErrors } from "../support/manifest-schema.ts";
import { requireProgram } from "../support/system.ts";
import { chromiumPresent, describeBrowser, forestryBureau, httpsGet, jixiao, launchChromium, outDir, paneSuite, serve, type Served } from "./harness.ts";

// NSS's certutil puts the downloaded CA where Chromium on Linux looks for the user's own
// authorities ($HOME/.pki/nssdb): the IT contact's step, done for real
const nss = chromiumPresent() && requireProgram("certutil", { install: "apt-get install -y --no-install-recommends libnss3-tools" });

/** A home folder whose NSS database trusts `caPem` to name web servers, as importing it in Chromium's settings does. */
function homeTrusting(caPem: string): string {
  const home = mkdtempSync(path.join(tmpdir(), "jixiao-e2e-home-"));
  const db = path.join(home, ".pki", "nssdb");
  mkdirSync(db, { recursive: true });
  writeFileSync(path.join(home, "ca.crt"), caPem);
  for (const args of [
    ["-N", "-d", `sql:${db}`, "--empty-password"],
    ["-A", "-d", `sql:${db}`, "-n", "Jixiao CA", "-t", "C,,", "-a", "-i", path.join(home, "ca.crt")],
  ]) {
    const r = spawnSync("certutil", args, { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`certutil ${args.join(" ")}: ${r.stderr}`);
  }
  return home;
}

/** What `jixiao manifest --url <url> --out FILE` writes. */
function manifestFile(url: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "jixiao-e2e-manifest-"));
  try {
    jixiao(["manifest", "--url", url, "--out", path.join(dir, "manifest.xml")]);
    return readFileSync(path.join(dir, "manifest.xml"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeBrowser("the first-run page over the server's own https", () => {
  const suite = paneSuite("deploy", { units: [forestryBureau] }, { https: true });

  it("links the manifest for the address reached and the server's CA, and both are what they say", async () => {
    const base = suite.base;
    const caOnDisk = readFileSync(path.join(suite.served.dataDir, "certs", "jixiao-ca.crt"), "utf8");
    // The browser is not told to trust the CA (that is the IT contact's step once the file is
    // downloaded); the chain is verified below by a client that trusts only the downloaded file.
    const context = await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 320, height: 760 }, acceptDownloads: true, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/`);
    await page.getByTestId("setup").waitFor();
    expect(await page.locator('input[name="server"]').inputValue()).toBe(base);

    const manifestLink = page.getByTestId("manifest-link");
    const caLink = page.getByTestId("ca-link");
    await caLink.waitFor();
    expect(await manifestLink.innerText()).toContain("加载项清单");
    expect(await caLink.innerText()).toContain("根证书");
    expect(await manifestLink.getAttribute("href")).toBe(`${base}/manifest.xml`);
    expect(await caLink.getAttribute("href")).toBe(`${base}/ca.crt`);
    // both fit the narrow pane: nothing cut off at the right edge
    for (const link of [manifestLink, caLink]) {
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(320);
    }
    await page.screenshot({ path: path.join(outDir, "deploy-first-run.png"), fullPage: true });

    // Following the manifest link downloads the manifest written for this address.
    const [manifestDownload] = await Promise.all([page.waitForEvent("download"), manifestLink.click()]);
    expect(manifestDownload.suggestedFilename()).toBe("jixiao-manifest.xml");
    const manifest = readFileSync((await manifestDownload.path())!, "utf8");
    expect(manifest).toBe(manifestFile(base));
    expect(manifest).toContain(`<SourceLocation DefaultValue="${base}/taskpane.html" />`);
    expect(manifest).not.toContain("localhost:3443");
    expect(await manifestSchemaErrors(manifest)).toEqual([]);

    // Following the CA link downloads the data folder's CA, which verifies the server's certificate.
    const [caDownload] = await Promise.all([page.waitForEvent("download"), caLink.click()]);
    expect(caDownload.suggestedFilename()).toBe("jixiao-ca.crt");
    const ca = readFileSync((await caDownload.path())!, "utf8");
    expect(ca).toBe(caOnDisk);
    expect((await httpsGet(`${base}/api/health`, { ca })).status).toBe(200);
    // and a client trusting another server's CA is refused: the check above is not a formality
    const other = mkdtempSync(path.join(tmpdir(), "jixiao-e2e-other-ca-"));
    try {
      await expect(httpsGet(`${base}/api/health`, { ca: (await localCertificates(other)).ca })).rejects.toThrow(/certificate/);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }

    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it.skipIf(!nss)("a browser that trusts the downloaded CA opens the pane with no certificate warning; one that does not is refused", async () => {
    const ca = (await httpsGet(`${suite.base}/ca.crt`, { ca: readFileSync(path.join(suite.served.dataDir, "certs", "jixiao-ca.crt"), "utf8") })).body.toString("utf8");
    const other = mkdtempSync(path.join(tmpdir(), "jixiao-e2e-other-ca-"));
    const homes = [homeTrusting(ca), homeTrusting((await localCertificates(other)).ca)];
    try {
      const opened: string[] = [];
      for (const home of homes) {
        // no ignoreHTTPSErrors anywhere: the browser decides from its own trust store
        const browser = await launchChromium({ home });
        try {
          const page = await browser.newPage({ viewport: { width: 320, height: 760 } });
          try {
            await page.goto(`${suite.base}/`);
            await page.getByTestId("setup").waitFor();
            opened.push("opened");
          } catch (e) {
            opened.push(/ERR_CERT/.test(String(e)) ? "refused" : String(e));
          }
        } finally {
          await browser.close();
        }
      }
      expect(opened).toEqual(["opened", "refused"]);
    } finally {
      for (const dir of [...homes, other]) rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("links no CA when the server runs on a certificate of the bureau's own (--cert)", async () => {
    const own = mkdtempSync(path.join(tmpdir(), "jixiao-e2e-own-cert-"));
    let second: Served | undefined;
    try {
      const certs = await localCertificates(own);
      second = await serve("jixiao-e2e-deploy-cert-", () => undefined, { https: true, args: ["--cert", path.join(own, "certs", "localhost.crt"), "--key", path.join(own, "certs", "localhost.key")] });
      const context = await suite.browser.newContext({ locale: "zh-CN", viewport: { width: 320, height: 760 }, ignoreHTTPSErrors: true });
      const page = await context.newPage();
      const asked = page.waitForResponse((r) => r.url().endsWith("/ca.crt"));
      await page.goto(`${second.base}/`);
      await page.getByTestId("manifest-link").waitFor();
      expect((await asked).status()).toBe(404);
      expect(await page.getByTestId("ca-link").count()).toBe(0);
      // the server is the one the bureau's certificate names, and the manifest still comes from it
      expect((await httpsGet(`${second.base}/api/health`, { ca: certs.ca })).status).toBe(200);
      expect((await httpsGet(`${second.base}/manifest.xml`)).status).toBe(200);
      await context.close();
    } finally {
      second?.stop();
      rmSync(own, { recursive: true, force: true });
    }
  }, 120_000);

  it("writes the manifest for the address a proxy reports, and refuses one for plain http", async () => {
    const base = suite.base;
    const proxied = await httpsGet(`${base}/manifest.xml`, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-Host": "jixiao.czj.example.gov.cn" } });
    expect(proxied.status).toBe(200);
    expect(proxied.body.toString("utf8")).toBe(manifestFile("https://jixiao.czj.example.gov.cn"));
    // a client that reached it over http (a proxy that ended TLS says so): Office would not load such a pane
    const plain = await httpsGet(`${base}/manifest.xml`, { headers: { "X-Forwarded-Proto": "http" } });
    expect(plain.status).toBe(400);
    expect(JSON.parse(plain.body.toString("utf8")).error.code).toBe("https_required");
  });
});
