// heads.json as the embedded store writes it (one head a line) and as it was written before (one
// line): both read back to the same document (docs/storage.md, "Memory").
import { describe, expect, it } from "vitest";
import { headsFileText, parseHeadsFile, type HeadsFile } from "../../server/store/heads-file.ts";
import type { Head } from "../../server/store/form-log.ts";

function head(n: number, extra: Partial<Head> = {}): Head {
  return {
    meta: {
      key: { year: 2025, unit: `Ｕ${n}`, project: `P${n}`, kind: "target" },
      status: "draft",
      revision: n,
      updatedAt: "2025-03-01T00:00:01.000Z",
      statusAt: "2025-03-01T00:00:01.000Z",
      counts: { error: 1, warning: 0, info: 2 },
      libraryVersion: 1,
      projectName: `项目 ${n}，"引号"\n第二行 ]}`,
      unitName: "单位\u2028甲",
      rows: 84,
      bytes: 15408,
      fingerprint: "121a62152dc92c0e",
    },
    firstCounts: { error: 0, warning: 0, info: 0 },
    latestAt: 0,
    latestLen: 15408,
    full: 1,
    fullAt: 0,
    lsn: n,
    ...extra,
  };
}

const doc = (heads: Head[]): HeadsFile => ({ layout: 2, checkpoint: 7, lsn: 42, auditSize: 1234, heads });

describe("heads.json", () => {
  it("writes one head a line, reads them back, and stays one JSON document for a reader that parses it whole", () => {
    const d = doc([head(1), head(2, { returned: { by: "审核人", at: "2025-03-02T00:00:00.000Z", comment: "请修改,\n]}" } } as Partial<Head>), head(3)]);
    const text = headsFileText(d);
    expect(text.split("\n")).toHaveLength(3 + 2 + 1); // first line, three heads, "]}", and the end
    expect(JSON.parse(text)).toEqual(d);
    expect(parseHeadsFile(Buffer.from(text, "utf8"))).toEqual(d);
  });

  it("reads a file of no heads, and one written whole on one line (the layout before)", () => {
    expect(parseHeadsFile(Buffer.from(headsFileText(doc([])), "utf8"))).toEqual(doc([]));
    const d = { ...doc([head(1), head(2)]), refold: ["2025/U1/P1/target"] };
    expect(parseHeadsFile(Buffer.from(JSON.stringify(d), "utf8"))).toEqual(d);
    expect(parseHeadsFile(Buffer.from(headsFileText(d), "utf8"))).toEqual(d);
  });

  it("refuses a file cut short or not of this layout", () => {
    const text = headsFileText(doc([head(1), head(2)]));
    expect(() => parseHeadsFile(Buffer.from(text.slice(0, text.indexOf("\n]}")), "utf8"))).toThrow();
    expect(() => parseHeadsFile(Buffer.from(text.slice(0, text.length - 30), "utf8"))).toThrow();
    expect(parseHeadsFile(Buffer.from(JSON.stringify({ layout: 1, heads: [] }), "utf8"))).toBeUndefined();
  });
});
