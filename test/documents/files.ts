// Real documents for the tests of a project's documents (docs/documents.md), made in memory: an
// evaluation plan as a .docx written by the `docx` library (as Word would open it), a scoring
// workbook as an .xlsx written by exceljs, a one-page PDF built byte by byte with a correct
// cross-reference table (pdfinfo reads it: sniff.test.ts), and the files that must be refused.
import { Document, Packer, Paragraph, HeadingLevel, TextRun } from "docx";
import ExcelJS from "exceljs";
import { zip } from "../support/hostile-workbooks.ts";

export async function planDocx(title = "某某项目绩效评价方案"): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("一、项目基本情况")] }),
          new Paragraph("项目资金 480 万元，用于林区防火通道维修 １２ 公里。"),
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("二、评价指标体系")] }),
          new Paragraph("决策（20 分）、过程（20 分）、产出（30 分）、效益（30 分）。"),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export async function scoresXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("评分表");
  ws.addRow(["一级指标", "二级指标", "分值", "得分"]);
  ws.addRow(["决策", "项目立项", 20, 18]);
  ws.addRow(["产出", "数量指标", 30, 27.5]);
  ws.mergeCells("A4:B4");
  ws.getCell("A4").value = "合计";
  ws.getCell("C4").value = 50;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A one-page PDF with a correct xref table (offsets counted, not guessed). */
export function onePagePdf(text = "Evaluation report"): Uint8Array {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}

/** A Windows program's first bytes (MZ, the DOS stub), as a renamed `评价报告.pdf.exe` would carry. */
export function windowsProgram(): Uint8Array {
  const b = Buffer.alloc(4096);
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x80, 0x3c);
  b.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
  b.write("PE\0\0", 0x80, "latin1");
  return new Uint8Array(b);
}

export const plainText = (): Uint8Array => new TextEncoder().encode("评价报告\r\n一、项目概况：……\r\n");

const docxTypes = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const docxMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
const body = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>评价报告</w:t></w:r></w:p></w:body></w:document>`;

/** A .docx-shaped zip whose document part inflates to `mb` megabytes of zeros, declaring its real size. */
export function zipBomb(mb: number, lie = false): Uint8Array {
  const zeros = Buffer.alloc(mb * 1024 * 1024);
  return new Uint8Array(
    zip([
      { name: "[Content_Types].xml", data: docxTypes(docxMain) },
      { name: "word/document.xml", data: body },
      { name: "word/media/padding.bin", data: zeros, ...(lie ? { claim: { size: 1000 } } : {}) },
    ]),
  );
}

/** A macro-enabled Word document (.docm): a Word package, but its main part says macros. */
export function macroDocm(): Uint8Array {
  return new Uint8Array(zip([{ name: "[Content_Types].xml", data: docxTypes("application/vnd.ms-word.document.macroEnabled.main+xml") }, { name: "word/document.xml", data: body }]));
}

/** A zip that is no Office document (a folder of photos). */
export function plainZip(): Uint8Array {
  return new Uint8Array(zip([{ name: "照片/现场1.jpg", data: Buffer.from("\xff\xd8\xff\xe0 not really a jpeg", "latin1") }]));
}
