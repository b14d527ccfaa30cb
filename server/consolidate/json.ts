// The consolidated data as JSON text, produced in chunks: the same rows as the workbook's sheets,
// under the sheets' ids (`summary`, `forms`, `rows`, `missing`, `findings`), streamed so 200,000
// indicator rows are never one string.
import type { ConsolidatedHead } from "../../shared/api/consolidated.ts";
import { sheetsOf, type Consolidation } from "../../shared/consolidate/index.ts";

const CHUNK = 64 * 1024;

export async function* consolidatedJson(c: Consolidation, generatedAt: string): AsyncGenerator<string> {
  const head: ConsolidatedHead = { year: c.year, kind: c.kind ?? null, kinds: c.kinds, generatedAt, counts: { summary: c.summary.length, forms: c.forms.length, rows: c.counts.rows, missing: c.missing.length, findings: c.counts.findings } };
  let buf = JSON.stringify(head).slice(0, -1);
  for (const sheet of sheetsOf(c)) {
    buf += `,${JSON.stringify(sheet.columns.id)}:[`;
    let first = true;
    for await (const row of sheet.rows()) {
      buf += (first ? "" : ",") + JSON.stringify(row);
      first = false;
      if (buf.length >= CHUNK) {
        yield buf;
        buf = "";
      }
    }
    buf += "]";
  }
  yield `${buf}}\n`;
}
