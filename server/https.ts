// HTTPS on localhost with a certificate generated into the data folder: a local CA the bureau's
// machines trust once, and a localhost certificate it signs, for `localhost`, `127.0.0.1` and `::1`.
// Nothing is installed into any trust store.
//
// A CA a machine trusts can vouch for any site, so this one is held to what it is for (issue 17):
// it may only vouch for localhost, 127.0.0.1 and ::1 (name constraints, critical), only for
// end-entity certificates (path length 0), for about a year; and its private key is never written
// anywhere: it signs the localhost certificate once and is dropped, so no backup of the data folder
// holds a key that could make a trusted certificate. The cost is rotation: both are made again
// 30 days before they expire, and each machine trusts the new CA once (README, "Trusting the local
// certificate"). The localhost key is written 0600.
import { webcrypto, X509Certificate } from "node:crypto";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface Certificates {
  key: string;
  cert: string;
  /** The CA certificate users trust (PEM), and where it is on disk. */
  ca: string;
  caFile: string;
  generated: boolean;
}

const DAY = 24 * 60 * 60 * 1000;
/** Apple platforms refuse server certificates valid longer than 398 days; the CA lives as long. */
export const validityDays = 397;
/** Made again this long before they expire. */
export const renewDays = 30;

/** The names the CA may vouch for and the localhost certificate carries. */
export const servedNames = { dns: ["localhost"], ip: ["127.0.0.1", "::1"] } as const;

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

// DER, by hand: the NameConstraints extension (RFC 5280 §4.2.1.10) is not among the library's classes.
function der(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}

function ipBytes(ip: string): Buffer {
  if (ip.includes(":")) {
    // only the forms used here: `::1`
    const out = Buffer.alloc(16);
    out[15] = Number(ip.replace(/^::/, ""));
    return out;
  }
  return Buffer.from(ip.split(".").map(Number));
}

/** permittedSubtrees: each DNS name, and each IP address as a single host (a full mask). */
export function nameConstraints(names: { dns: readonly string[]; ip: readonly string[] }): Buffer {
  const subtrees = [
    ...names.dns.map((d) => der(0x30, der(0x82, Buffer.from(d, "ascii")))),
    ...names.ip.map((ip) => {
      const addr = ipBytes(ip);
      return der(0x30, der(0x87, Buffer.concat([addr, Buffer.alloc(addr.length, 0xff)])));
    }),
  ];
  return der(0x30, der(0xa0, Buffer.concat(subtrees)));
}

const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString("hex").replace(/^[89a-f]/, "1");
}

/** A new CA (its key kept only in memory) and the localhost certificate it signs. */
async function generate(now: Date): Promise<{ ca: string; cert: string; key: string }> {
  const notBefore = new Date(now.getTime() - DAY);
  const notAfter = new Date(now.getTime() + validityDays * DAY);
  const caKeys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: "CN=Jixiao local CA 绩效本地根证书, O=Jixiao",
    notBefore,
    notAfter: new Date(notAfter.getTime() + DAY),
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.Extension("2.5.29.30", true, new Uint8Array(nameConstraints(servedNames))),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const leafKeys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: "CN=localhost",
    issuer: ca.subject,
    notBefore,
    notAfter,
    signingKey: caKeys.privateKey,
    publicKey: leafKeys.publicKey,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([...servedNames.dns.map((value) => ({ type: "dns" as const, value })), ...servedNames.ip.map((value) => ({ type: "ip" as const, value }))]),
      await x509.AuthorityKeyIdentifierExtension.create(ca),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", leafKeys.privateKey);
  return { ca: ca.toString("pem"), cert: leaf.toString("pem"), key: x509.PemConverter.encode(pkcs8, "PRIVATE KEY") };
}

/** Loads the certificates in `<dataDir>/certs`, generating both again when either is missing or about to expire. */
export async function localCertificates(dataDir: string): Promise<Certificates> {
  const dir = join(dataDir, "certs");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = {
    caCert: join(dir, "jixiao-ca.crt"),
    cert: join(dir, "localhost.crt"),
    key: join(dir, "localhost.key"),
  };
  // Earlier versions kept the CA's key here: it must not stay where backups copy it.
  await rm(join(dir, "jixiao-ca.key"), { force: true });
  const ca = await readIf(files.caCert);
  const cert = await readIf(files.cert);
  const key = await readIf(files.key);
  if (ca && cert && key && validFor(ca, renewDays) && validFor(cert, renewDays) && isConstrained(ca)) {
    return { key, cert, ca, caFile: files.caCert, generated: false };
  }
  const made = await generate(new Date());
  await writeFile(files.key, made.key, { mode: 0o600 });
  await chmod(files.key, 0o600);
  await writeFile(files.cert, made.cert);
  await writeFile(files.caCert, made.ca);
  return { ...made, caFile: files.caCert, generated: true };
}

/** True when a CA certificate carries name constraints (one made before them is replaced). */
export function isConstrained(pem: string): boolean {
  try {
    return new x509.X509Certificate(pem).getExtension("2.5.29.30") !== null;
  } catch {
    return false;
  }
}
