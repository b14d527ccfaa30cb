// The local CA (server/https.ts) is held to what it serves (issue 17): name constraints to
// localhost, 127.0.0.1 and ::1, path length 0, about a year; its key is never written (a CA key
// left by an earlier version is removed); the localhost key is 0600. Checked with openssl where it
// is installed, and with Node's TLS, which must refuse a name the constraints leave out.
import { execFileSync, spawnSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createServer, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";
import { afterAll, describe, expect, it } from "vitest";
import { isConstrained, localCertificates, validityDays } from "../../server/https.ts";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const DAY = 86_400_000;

describe("the local CA", () => {
  it("may vouch only for localhost, 127.0.0.1 and ::1, for end-entity certificates, for about a year; its key is nowhere on disk", async () => {
    const data = await mkdtemp(join(tmpdir(), "jixiao-ca-"));
    dirs.push(data);
    await writeFile(join(data, "placeholder"), "");
    const c = await localCertificates(data);
    expect(c.generated).toBe(true);
    const ca = new x509.X509Certificate(c.ca);
    const basic = ca.getExtension(x509.BasicConstraintsExtension)!;
    expect([basic.ca, basic.pathLength, basic.critical]).toEqual([true, 0, true]);
    const nc = ca.getExtension("2.5.29.30")!;
    expect(nc.critical).toBe(true);
    expect(isConstrained(c.ca)).toBe(true);
    const days = (ca.notAfter.getTime() - ca.notBefore.getTime()) / DAY;
    expect(days).toBeLessThanOrEqual(validityDays + 3);
    const leaf = new X509Certificate(c.cert);
    expect(leaf.checkIssued(new X509Certificate(c.ca))).toBe(true);
    expect(leaf.subjectAltName).toBe("DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1");
    // no private key of the CA in the folder people back up; the server's key readable by its owner only
    const files = await readdir(join(data, "certs"));
    expect(files.sort()).toEqual(["jixiao-ca.crt", "localhost.crt", "localhost.key"]);
    expect((await stat(join(data, "certs", "localhost.key"))).mode & 0o777).toBe(0o600);
    for (const f of files) expect(await import("node:fs/promises").then((fs) => fs.readFile(join(data, "certs", f), "utf8"))).not.toMatch(f === "localhost.key" ? /CERTIFICATE/ : /PRIVATE KEY/);
    // a second start keeps them
    expect((await localCertificates(data)).generated).toBe(false);
  });

  it("replaces a CA made before the constraints, and removes the CA key an earlier version kept", async () => {
    const data = await mkdtemp(join(tmpdir(), "jixiao-ca-"));
    dirs.push(data);
    const first = await localCertificates(data);
    expect(isConstrained(first.ca)).toBe(true);
    expect(isConstrained("not a certificate")).toBe(false);
    await writeFile(join(data, "certs", "jixiao-ca.key"), "-----BEGIN PRIVATE KEY-----\nold\n-----END PRIVATE KEY-----\n");
    await writeFile(join(data, "certs", "jixiao-ca.crt"), "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
    const again = await localCertificates(data);
    expect(again.generated).toBe(true);
    expect(isConstrained(again.ca)).toBe(true);
    await expect(stat(join(data, "certs", "jixiao-ca.key"))).rejects.toThrow();
  });

  it.skipIf(spawnSync("openssl", ["version"]).status !== 0)("verifies with openssl, which shows the constraints", async () => {
    const data = await mkdtemp(join(tmpdir(), "jixiao-ca-"));
    dirs.push(data);
    const c = await localCertificates(data);
    const text = execFileSync("openssl", ["x509", "-in", c.caFile, "-noout", "-text"], { encoding: "utf8" });
    expect(text).toMatch(/Name Constraints: critical/);
    expect(text).toMatch(/Permitted:\s+DNS:localhost\s+IP:127\.0\.0\.1\/255\.255\.255\.255/);
    expect(text).toMatch(/CA:TRUE, pathlen:0/);
    expect(execFileSync("openssl", ["verify", "-CAfile", c.caFile, join(data, "certs", "localhost.crt")], { encoding: "utf8" })).toMatch(/OK/);
  });

  it("serves TLS that Node verifies for localhost against the CA alone", async () => {
    const data = await mkdtemp(join(tmpdir(), "jixiao-ca-"));
    dirs.push(data);
    const c = await localCertificates(data);
    const server = createServer({ key: c.key, cert: c.cert }, (_, res) => res.end("ok"));
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    const port = (server.address() as { port: number }).port;
    try {
      const body = await new Promise<string>((ok, fail) => {
        const req = request({ host: "127.0.0.1", servername: "localhost", port, ca: c.ca, path: "/" }, (res) => {
          let t = "";
          res.on("data", (d) => (t += String(d)));
          res.on("end", () => ok(t));
        });
        req.on("error", fail);
        req.end();
      });
      expect(body).toBe("ok");
    } finally {
      server.close();
    }
  });
});
