// A project's documents (docs/documents.md):
//   GET  /api/documents/:year/:unit/:project                  who may read the project: every version of its documents
//   POST /api/documents/:year/:unit/:project/:kind?name=FILE  the unit (its own), finance (its units): the file as the body
//   GET  /api/documents/:year/:unit/:project/:kind/:version   who may read the project: the file itself
// Who may read is decided by mayReadProject (auth.ts) alone. An upload is taken as bytes whatever
// its Content-Type, refused over the policy's size from its Content-Length or while it streams
// (body.ts), and kept only when its bytes are a PDF, .docx or .xlsx (documents/sniff.ts).
import { Hono } from "hono";
import { z } from "zod";
import { DocumentKindSchema, DocumentUploadQuerySchema, DocumentVersionSchema, type DocumentList } from "../../shared/api/documents.ts";
import { documentKindTerms, documentTypes, sizeLabel, storedName } from "../../shared/documents.ts";
import { canSeeUnit, mayReadProject, requireRole, type AppEnv } from "../auth.ts";
import { readBody } from "../body.ts";
import { DomainError } from "../domain-error.ts";
import { ApiError, errors } from "../errors.ts";
import { sniffDocument } from "../documents/sniff.ts";
import { documentTarget } from "../store/documents.ts";
import { unitBytesRefusal } from "../unit-bytes.ts";
import { answer, paramsOf, ProjectParams, queryOf } from "../validation.ts";
import { currentLibrary } from "../workflow.ts";
import { attachment } from "./download.ts";
import type { RouteContext } from "./context.ts";

const DocumentParams = ProjectParams.extend({ kind: DocumentKindSchema });
const VersionParams = DocumentParams.extend({ version: z.string().regex(/^\d{1,9}$/, "a version number").transform(Number) });

const tooLarge = (limit: number) =>
  new DomainError(
    "limit_document_bytes",
    `文件超过上限 ${sizeLabel(limit)}（policy.limits.documentBytes）：请压缩图片或拆分后再上传`,
    `The file is over the limit of ${sizeLabel(limit)} (policy.limits.documentBytes): compress its pictures or split it, then upload again`,
    { limit },
  );

export function documentRoutes({ store, now }: Pick<RouteContext, "store" | "now">) {
  return new Hono<AppEnv>()
    .get("/:year/:unit/:project", async (c) => {
      const p = paramsOf(c, ProjectParams);
      if (!(await mayReadProject(store, c.get("auth"), p))) throw errors.forbidden();
      const { limits } = (await currentLibrary(store)).policy;
      return c.json({ ...p, documents: await store.documents.listDocuments(p), limits: { bytes: limits.documentBytes, versions: limits.documentVersions } } satisfies DocumentList);
    })
    .post("/:year/:unit/:project/:kind", requireRole("unit", "finance"), async (c) => {
      const key = paramsOf(c, DocumentParams);
      const { name } = queryOf(c, DocumentUploadQuerySchema);
      const auth = c.get("auth");
      // another unit's project is refused before anything is looked up or read
      if (!canSeeUnit(auth, key.unit)) throw errors.forbidden();
      const { limits } = (await currentLibrary(store)).policy;
      const declared = Number(c.req.header("content-length") ?? Number.NaN);
      if (declared > limits.documentBytes) throw tooLarge(limits.documentBytes);
      // the unit's forms and documents together stay under its bytes (docs/storage.md): refused from
      // the declared size before the file is read, and again from the bytes read
      const { bytes: stored } = await store.unitUsage(key.unit, key.year);
      const overUnit = (adding: number) => unitBytesRefusal(key.unit, stored, limits.bytesPerUnit, adding);
      const early = overUnit(Number.isFinite(declared) ? declared : 0);
      if (early) throw early;
      if ((await store.listSubmissions({ year: key.year, unit: key.unit, project: key.project })).length === 0) {
        throw new DomainError(
          "no_such_form",
          `项目 ${key.project}（${key.unit}，${key.year} 年）还没有表：请先保存它的绩效目标表，再上传${documentKindTerms[key.kind].zh}`,
          `Project ${key.project} (${key.unit}, ${key.year}) has no form yet: save its target form first, then upload its ${documentKindTerms[key.kind].en}`,
        );
      }
      let bytes: Uint8Array;
      try {
        bytes = await readBody(c, limits.documentBytes);
      } catch (err) {
        if (err instanceof ApiError && err.code === "payload_too_large") throw tooLarge(limits.documentBytes);
        throw err;
      }
      if (bytes.length === 0) throw new ApiError("invalid_file", "文件为空：请选择要上传的文件", "The file is empty: choose the file to upload");
      const late = overUnit(bytes.length);
      if (late) throw late;
      const type = await sniffDocument(bytes);
      const at = now().toISOString();
      const saved = await store.documents.addDocument(key, { name: storedName(name, key.kind, type), type, content: bytes, by: auth.actor, at, maxVersions: limits.documentVersions }, (v) => [
        { at, actor: auth.actor, action: "document.uploaded", target: documentTarget(key, v.version), details: { name: v.name, type: v.type, bytes: v.bytes, sha256: v.sha256 } },
      ]);
      return answer(c, DocumentVersionSchema, saved, 201);
    })
    .get("/:year/:unit/:project/:kind/:version", async (c) => {
      const p = paramsOf(c, VersionParams);
      if (!(await mayReadProject(store, c.get("auth"), { year: p.year, unit: p.unit, project: p.project, document: p.kind }))) throw errors.forbidden();
      const found = await store.documents.readDocument(p, p.version);
      if (!found) throw errors.notFound();
      const { meta, content } = found;
      c.header("Content-Type", documentTypes[meta.type].contentType);
      c.header("Content-Disposition", attachment(meta.name));
      c.header("X-Content-Type-Options", "nosniff");
      c.header("Cache-Control", "private, no-store");
      c.header("ETag", `"${meta.sha256}"`);
      return c.body(content as Uint8Array<ArrayBuffer>);
    });
}
