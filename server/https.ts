// HTTPS on localhost with a certificate generated into the data folder: a local CA (kept, so the
// bureau's machines can trust it once) and a localhost certificate it signs, for `localhost`,
// `127.0.0.1` and `::1`. Generated with `selfsigned`; nothing is installed into any trust store.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface Certificates {
  key: string;
  cert: string;
  /** The CA certificate users trust (PEM), and where it is on disk. */
  ca: string;
  caFile: string;
  generated: boolean;
}

const DAY = 24 * 60 * 60 * 1000;

async function readIf(file: string): Promise<string | undefined> {
  return readFile(file, "utf8").catch(() => undefined);
}

function validFor(pem: string, days: number): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() - Date.now() > days * DAY;
  } catch {
    return false;
  }
}

/** Loads the certificates in `<dataDir>/certs`, generating what is missing or about to expire. */
export async function localCertificates(dataDir: string): Promise<Certificates> {
  const dir = join(dataDir, "certs");
  await mkdir(dir, { recursive: true });
  const files = {
    caCert: join(dir, "jixiao-ca.crt"),
    caKey: join(dir, "jixiao-ca.key"),
    cert: join(dir, "localhost.crt"),
    key: join(dir, "localhost.key"),
  };
  let generated = false;
  let caCert = await readIf(files.caCert);
  let caKey = await readIf(files.caKey);
  if (!caCert || !caKey || !validFor(caCert, 30)) {
    const now = new Date();
    const ca = await generate([{ name: "commonName", value: "Jixiao local CA 绩效本地根证书" }, { name: "organizationName", value: "Jixiao" }], {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate: new Date(now.getTime() - DAY),
      notAfterDate: new Date(now.getTime() + 3650 * DAY),
      extensions: [
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ],
    });
    caCert = ca.cert;
    caKey = ca.private;
    await writeFile(files.caKey, caKey, { mode: 0o600 });
    await writeFile(files.caCert, caCert);
    generated = true;
  }
  let cert = await readIf(files.cert);
  let key = await readIf(files.key);
  if (generated || !cert || !key || !validFor(cert, 30)) {
    const now = new Date();
    const leaf = await generate([{ name: "commonName", value: "localhost" }], {
      keySize: 2048,
      algorithm: "sha256",
      notBeforeDate: new Date(now.getTime() - DAY),
      // Apple platforms refuse server certificates valid longer than 398 days.
      notAfterDate: new Date(now.getTime() + 397 * DAY),
      ca: { key: caKey, cert: caCert },
      extensions: [
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
      ],
    });
    cert = leaf.cert;
    key = leaf.private;
    await writeFile(files.key, key, { mode: 0o600 });
    await writeFile(files.cert, cert);
    generated = true;
  }
  return { key, cert, ca: caCert, caFile: files.caCert, generated };
}
