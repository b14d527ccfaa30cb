// A bar chart as a PNG, for the work report's figures (docs/work-report.md): the bars only, in the
// consolidated workbook's light colours, with the labels and values written beside it in the
// document (the report's text stays searchable and the picture needs no fonts).
import { deflateSync } from "node:zlib";
import { encodePng, type Rgba } from "../../shared/png.ts";
import type { ReportChart } from "../../shared/report/section.ts";

const colours: Record<ReportChart["bars"][number]["colour"], Rgba> = {
  green: [0x63, 0xbe, 0x7b, 255],
  blue: [0x5b, 0x9b, 0xd5, 255],
  yellow: [0xff, 0xc0, 0x00, 255],
  red: [0xe0, 0x4f, 0x5f, 255],
};
const white: Rgba = [255, 255, 255, 255];
const axis: Rgba = [0x40, 0x40, 0x40, 255];

/** The chart's bars, left to right, on a white ground with a base line; `width` × `height` pixels. */
export function barChartPng(chart: ReportChart, width = 480, height = 240): Buffer {
  const max = Math.max(1, ...chart.bars.map((b) => b.value));
  const slot = Math.floor(width / Math.max(1, chart.bars.length));
  const base = height - 10;
  return Buffer.from(
    encodePng(
      width,
      height,
      (x, y) => {
        if (y === base) return axis;
        const bar = chart.bars[Math.floor(x / slot)];
        if (!bar || y > base) return white;
        const inSlot = x % slot;
        const top = base - Math.round((bar.value / max) * (base - 10));
        return inSlot >= Math.floor(slot * 0.2) && inSlot < slot - Math.floor(slot * 0.2) && y >= top ? colours[bar.colour] : white;
      },
      deflateSync,
    ),
  );
}
