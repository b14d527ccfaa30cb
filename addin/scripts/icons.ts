// Writes the add-in's icons (16/32/64/80 px PNGs) into addin/public/assets: a rounded blue tile
// with a white bar chart and a tick — drawn pixel by pixel, encoded with zlib, no image library.
// Run: npx tsx addin/scripts/icons.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { encodePng } from "../../shared/png.ts";

/** A square RGBA PNG of `size` pixels. */
export function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  return Buffer.from(encodePng(size, size, pixel, deflateSync));
}

export function icon(size: number): Buffer {
  const blue: [number, number, number, number] = [0x1f, 0x6f, 0xc5, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const r = size * 0.18;
  return png(size, (x, y) => {
    const u = (x + 0.5) / size;
    const v = (y + 0.5) / size;
    // rounded tile
    const cx = Math.min(Math.max(x + 0.5, r), size - r);
    const cy = Math.min(Math.max(y + 0.5, r), size - r);
    if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > r * r) return clear;
    // three bars rising
    const bars: [number, number, number][] = [
      [0.2, 0.34, 0.58],
      [0.42, 0.56, 0.42],
      [0.64, 0.78, 0.26],
    ];
    for (const [a, b, top] of bars) if (u >= a && u < b && v >= top && v < 0.8) return white;
    return blue;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = fileURLToPath(new URL("../public/assets/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const size of [16, 32, 64, 80]) writeFileSync(`${dir}icon-${size}.png`, icon(size));
  console.log(`icons written to ${dir}`);
}
