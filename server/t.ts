import { parentPort } from "node:worker_threads";
import ExcelJS from "exceljs";
const x: number = 1;
parentPort!.postMessage({ ok: typeof ExcelJS.Workbook, x });
