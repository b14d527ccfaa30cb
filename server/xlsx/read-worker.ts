// Inside a reader process (forked by read.ts): one workbook at a time, bytes in, grids (or a
// refusal) out. Whatever a hostile workbook does here (heap exhausted, a parse that never ends),
// read.ts ends this process and starts another; the server never runs exceljs on uploaded bytes.
import type { ErrorCode } from "../../shared/api/errors.ts";
import { gridsOf } from "./grids.ts";
import { WorkbookRefused } from "./package.ts";

export interface ReadRequest {
  id: number;
  bytes: Uint8Array;
}

export type ReadReply =
  | { id: number; grids: Awaited<ReturnType<typeof gridsOf>> }
  | { id: number; refused: { status: 400 | 413 | 503; code: ErrorCode; zh: string; en: string; detail?: string } };

const send = (m: unknown) => process.send!(m);
process.on("message", async ({ id, bytes }: ReadRequest) => {
  let reply: ReadReply;
  try {
    reply = { id, grids: await gridsOf(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) };
  } catch (err) {
    const r = err instanceof WorkbookRefused ? err : undefined;
    reply = {
      id,
      refused: r
        ? { status: r.status, code: r.code, zh: r.zh, en: r.en }
        : {
            status: 400,
            code: "invalid_xlsx",
            zh: "无法读取该文件：请上传用 Excel、WPS 或 LibreOffice 保存的 .xlsx 工作簿",
            en: "The file cannot be read: upload an .xlsx workbook saved by Excel, WPS or LibreOffice",
            // what exceljs said, for `jixiao validate` to show; never sent over HTTP
            detail: String((err as Error)?.message ?? err).slice(0, 300),
          },
    };
  }
  send(reply);
});
// The server gone (its IPC channel closed): nothing left to read for.
process.on("disconnect", () => process.exit(0));
send({ ready: true });
