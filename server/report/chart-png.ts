// A bar chart as a PNG, for the work report's figures (docs/work-report.md): the bars only, in the
// consolidated workbook's light colours, with the labels and values written beside it in the
// document (the report's text is searchable and the picture needs no fonts). PNG by hand: an RGB
// raster, deflated by node:zlib, with its CRCs.
import { deflateSync } from "node:zlib";
import type { ReportChart } from "../../shared/report/work-report.ts";

const colours = { green: [0x63, 0xbe, 0x7b], blue: [0x5b, 0x9b, 0xd5], yellow: [0xff, 0xc0, 0x00], red: [0xe0, 0x4f, 0x5f] } as const;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The chart's bars, left to right, on a white ground with a base line; `width` × `height` pixels. */
export function barChartPng(chart: ReportChart, width = 480, height = 240): Buffer {
  const raster = Buffer.alloc((width * 3 + 1) * height, 0xff);
  for (let y = 0; y < height; y++) raster[y * (width * 3 + 1)] = 0; // filter: none
  const put = (x: number, y: number, rgb: readonly number[]) => {
    const at = y * (width * 3 + 1) + 1 + x * 3;
    raster[at] = rgb[0]!;
    raster[at + 1] = rgb[1]!;
    raster[at + 2] = rgb[2]!;
  };
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  const slot = Math.floor(width / Math.max(1, chart.bars.length));
  const base = height - 10;
  chart.bars.forEach((b, i) => {
    const h = Math.round((b.value / max) * (base - 10));
    for (let x = i * slot + Math.floor(slot * 0.2); x < (i + 1) * slot - Math.floor(slot * 0.2); x++) for (let y = base - h; y < base; y++) put(x, y, colours[b.colour]);
  });
  for (let x = 0; x < width; x++) put(x, base, [0x40, 0x40, 0x40]);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raster)), chunk("IEND", new Uint8Array())]);
}
