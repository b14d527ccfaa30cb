// The add-in manifest checked against the published manifest schemas, kept in the repository
// (test/support/schemas/office-addin-manifest, origin and licence in its README.md): the errors
// xmllint reports, none for a valid manifest.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateXML } from "xmllint-wasm";

const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "schemas/office-addin-manifest");

export async function manifestSchemaErrors(xml: string): Promise<string[]> {
  const files = readdirSync(schemaDir).filter((f) => f.endsWith(".xsd"));
  const preload = files
    .filter((f) => f !== "OfficeAppManifestV1_1.xsd")
    .map((f) => ({ fileName: f, contents: readFileSync(path.join(schemaDir, f), "utf8") }));
  const result = await validateXML({
    xml: [{ fileName: "manifest.xml", contents: xml }],
    schema: [{ fileName: "OfficeAppManifestV1_1.xsd", contents: readFileSync(path.join(schemaDir, "OfficeAppManifestV1_1.xsd"), "utf8") }],
    preload,
  });
  return result.errors.map((e) => e.rawMessage);
}
