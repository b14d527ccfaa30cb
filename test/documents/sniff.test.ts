// What an uploaded document is, by its bytes (docs/documents.md): real .docx, .xlsx and PDF files
// are taken; a renamed program or text file, an old .doc, a macro document, a zip of photos, a
// damaged file and zip bombs (honest or lying about their size) are refused with a message in both
// languages saying what is taken; and the name a file is kept under.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { storedName } from "../../shared/documents.ts";
import { DomainError } from "../../server/domain-error.ts";
import { maxUnpacked, sniffDocument } from "../../server/documents/sniff.ts";
import { libreOffice, requireProgram } from "../support/system.ts";
import { macroDocm, onePagePdf, planDocx, plainText, plainZip, scoresXlsx, windowsProgram, zipBomb } from "./files.ts";

async function refusal(bytes: Uint8Array): Promise<DomainError> {
  try {
    await sniffDocument(bytes);
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error("was taken");
}

describe("taken by their bytes", () => {
  it("a .docx written by the docx library is a Word document", async () => {
    expect(await sniffDocument(await planDocx())).toBe("docx");
  });

  it("an .xlsx written by exceljs is a workbook", async () => {
    expect(await sniffDocument(await scoresXlsx())).toBe("xlsx");
  });

  it("a PDF is a PDF", async () => {
    expect(await sniffDocument(onePagePdf())).toBe("pdf");
  });

  const poppler = requireProgram("pdfinfo", { install: "apt-get install -y --no-install-recommends poppler-utils" });
  it.skipIf(!poppler)("the test's PDF is a valid PDF (pdfinfo reads its one page)", () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-pdf-"));
    try {
      writeFileSync(join(dir, "r.pdf"), onePagePdf());
      expect(execFileSync("pdfinfo", [join(dir, "r.pdf")], { encoding: "utf8" })).toMatch(/Pages:\s+1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!libreOffice())("a PDF and a .docx LibreOffice writes from the plan are taken", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jixiao-lo-"));
    try {
      writeFileSync(join(dir, "plan.docx"), await planDocx());
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "pdf", "--outdir", dir, join(dir, "plan.docx")], { stdio: "ignore", timeout: 120_000 });
      expect(await sniffDocument(new Uint8Array(readFileSync(join(dir, "plan.pdf"))))).toBe("pdf");
      execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${dir}/profile`, "--convert-to", "docx:MS Word 2007 XML", "--outdir", join(dir, "out"), join(dir, "plan.docx")], { stdio: "ignore", timeout: 120_000 });
      expect(await sniffDocument(new Uint8Array(readFileSync(join(dir, "out", "plan.docx"))))).toBe("docx");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("refused, saying what is taken", () => {
  it("a Windows program renamed to .pdf", async () => {
    const e = await refusal(windowsProgram());
    expect(e.code).toBe("unsupported_document");
    expect(e.message).toContain("只接受PDF、Word（.docx）或 Excel（.xlsx）文件");
    expect(e.message).toContain("only a PDF, Word (.docx) or Excel (.xlsx) file is taken");
  });

  it("a text file renamed to .docx", async () => {
    expect((await refusal(plainText())).code).toBe("unsupported_document");
  });

  it("an old .doc or a password-protected document (an OLE file)", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    const e = await refusal(ole);
    expect(e.message).toContain(".doc/.xls");
  });

  it("a macro-enabled Word document", async () => {
    expect((await refusal(macroDocm())).message).toContain("宏");
  });

  it("a zip that is not an Office document", async () => {
    expect((await refusal(plainZip())).code).toBe("unsupported_document");
  });

  it("a .docx cut short (an upload broken off)", async () => {
    const whole = await planDocx();
    const e = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(e.message).toContain("损坏");
  });

  it("a PDF header without a version", async () => {
    expect((await refusal(new TextEncoder().encode("%PDF-garbage"))).message).toContain("damaged");
  });
});

describe("zip bombs are refused without being unpacked whole", () => {
  it("one that declares its size: refused from what it declares", async () => {
    const bomb = zipBomb(64);
    expect(bomb.length).toBeLessThan(200_000);
    const e = await refusal(bomb);
    expect(e.code).toBe("unsupported_document");
    expect(e.message).toContain("压缩炸弹");
    expect(e.message).toContain(`${Math.round(maxUnpacked(bomb.length) / 1024 / 1024)}`);
  });

  it("one that lies about its size: stopped while inflating, at the limit", async () => {
    const e = await refusal(zipBomb(64, true));
    expect(e.message).toContain("zip bomb");
  });

  it("a part whose real size differs from the declared one (under the limit) is damaged", async () => {
    const e = await refusal(zipBomb(1, true));
    expect(e.message).toContain("damaged");
  });
});

describe("the name a file is kept under", () => {
  it("keeps the last part of a path, never the path", () => {
    expect(storedName("C:\\Users\\财务\\评价方案（定稿）.docx", "evalPlan", "docx")).toBe("评价方案（定稿）.docx");
    expect(storedName("../../etc/passwd", "evalPlan", "pdf")).toBe("passwd.pdf");
    expect(storedName("..", "evalReport", "pdf")).toBe("评价报告.pdf");
  });

  it("ends in what the bytes are", () => {
    expect(storedName("报告.exe", "evalReport", "pdf")).toBe("报告.exe.pdf");
    expect(storedName("自评报告.PDF", "selfEvalReport", "pdf")).toBe("自评报告.pdf");
  });

  it("drops control characters, direction overrides, characters Windows forbids and lone surrogates", () => {
    expect(storedName('a\u0000b\r\n<c>:"d|e?*\u202eFDP.exe\ud800', "evalPlan", "docx")).toBe("abcdeFDP.exe.docx");
  });

  it("blank becomes the kind's name; a long name is cut whole characters at a time", () => {
    expect(storedName(undefined, "selfEvalReport", "docx")).toBe("自评报告.docx");
    expect(storedName("   ", "evalPlan", "xlsx")).toBe("评价方案.xlsx");
    const long = storedName("𠀀".repeat(300), "evalPlan", "pdf");
    expect([...long]).toHaveLength(120);
    expect(long.endsWith("𠀀.pdf")).toBe(true);
  });
});
