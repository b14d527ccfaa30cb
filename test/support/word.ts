// Word documents in the tests (the work report, docs/work-report.md): whether LibreOffice Writer
// and poppler are here to read one (skipped with the install line when not, a failure on CI:
// system.ts), the text of the PDF Writer converts it to, and the words of the document itself.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unpack } from "../../server/xlsx/package.ts";
import { requireProgram } from "./system.ts";

/** Whether soffice with Writer and pdftotext are installed. */
export function writerPresent(): boolean {
  return requireProgram("libreoffice-writer", {
    install: "apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils",
    probe: () => {
      try {
        execFileSync("sh", ["-c", "command -v soffice && command -v pdftotext && ls /usr/lib/libreoffice/program/libswlo.so"], { stdio: "ignore" });
        return true;
      } catch {
        return false;
      }
    },
  });
}

/**
 * The .docx as LibreOffice converts it to PDF: the PDF's text without white space (its lines wrap
 * where the page does), the PDF kept as test-output/`keep` to look at.
 */
export function pdfTextOfDocx(docx: Uint8Array, keep: string): string {
  const dir = mkdtempSync(join(tmpdir(), "jixiao-docx-"));
  const file = join(dir, "report.docx");
  writeFileSync(file, docx);
  execFileSync("soffice", [`-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, file], { stdio: "pipe", timeout: 180_000 });
  execFileSync("pdftotext", ["-layout", join(dir, "report.pdf"), join(dir, "report.txt")]);
  mkdirSync(join(process.cwd(), "test-output"), { recursive: true });
  writeFileSync(join(process.cwd(), "test-output", keep), readFileSync(join(dir, "report.pdf")));
  return readFileSync(join(dir, "report.txt"), "utf8").replace(/\s+/g, "");
}

/** The words of a .docx in order (its w:t runs), as Word holds them. */
export function docxWords(docx: Buffer): string {
  const xml = unpack(docx).get("word/document.xml")!.toString("utf8");
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("");
}

/** The phrases `text` does not hold: a test expects none, and its failure names each one missing. */
export function missingPhrases(text: string, phrases: readonly string[]): string[] {
  return phrases.filter((p) => !text.includes(p));
}
