// A project's documents through the routes, on one store (lowdb here; postgres.test.ts runs this
// file on PostgreSQL): upload, list and download with the headers a browser needs, versions under
// uploads at once, who may read and upload, the size limit from Content-Length and from a stream,
// the version limit, and the audit log.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DocumentListSchema, DocumentVersionSchema, ErrorBodySchema } from "../../shared/api/index.ts";
import { createToken, mayReadProject, type Auth } from "../../server/auth.ts";
import { publishLibrary } from "../../server/routes/library.ts";
import { starterLibrary } from "../../shared/starter-library/index.ts";
import { formOf, makeEnv, subPath, YEAR, type TestEnv } from "../server/helpers.ts";
import { onePagePdf, planDocx, scoresXlsx, windowsProgram } from "./files.ts";

let env: TestEnv;
beforeEach(async () => {
  env = await makeEnv();
  // a project with a form: U-A's P1 and U-B's W1
  expect((await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: formOf("target") })).status).toBe(201);
  expect((await env.req("PUT", subPath("target", "U-B", "W1"), { token: env.tokens.unitB, body: formOf("target", "U-B", "W1") })).status).toBe(201);
});
afterEach(async () => {
  await env.close();
});

const base = (unit = "U-A", project = "P1") => `/api/documents/${YEAR}/${unit}/${project}`;

function upload(bytes: Uint8Array | ReadableStream<Uint8Array>, opts: { token?: string; kind?: string; unit?: string; project?: string; name?: string; type?: string; headers?: Record<string, string> } = {}) {
  const { token = env.tokens.unitA, kind = "selfEvalReport", unit = "U-A", project = "P1" } = opts;
  const query = opts.name !== undefined ? `?name=${encodeURIComponent(opts.name)}` : "";
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, "content-type": opts.type ?? "application/octet-stream", ...opts.headers };
  return env.app.request(`${base(unit, project)}/${kind}${query}`, { method: "POST", headers, body: bytes as BodyInit, ...(bytes instanceof ReadableStream ? { duplex: "half" } : {}) } as RequestInit);
}

const get = (path: string, token = env.tokens.unitA) => env.req("GET", path, { token });

describe("upload, list, download", () => {
  it("a unit uploads its self-evaluation report; it lists and downloads as uploaded, with its name, type and fingerprint", async () => {
    const docx = await planDocx("林区防火通道维修项目绩效自评报告");
    const res = await upload(docx, { name: "C:\\材料\\2025年 自评报告（终稿）.docx", type: "application/pdf" });
    expect(res.status, await res.clone().text()).toBe(201);
    const v = DocumentVersionSchema.parse(await res.json());
    expect(v).toMatchObject({ year: YEAR, unit: "U-A", project: "P1", kind: "selfEvalReport", version: 1, name: "2025年 自评报告（终稿）.docx", type: "docx", bytes: docx.length });
    expect(v.by).toMatch(/^unit:U-A#/);

    const list = DocumentListSchema.parse(await (await get(base())).json());
    expect(list.documents).toEqual([v]);
    // what an upload may be, as the policy says now (the pane shows it)
    expect(list.limits).toEqual({ bytes: 20 * 1024 * 1024, versions: 30 });

    const file = await get(`${base()}/selfEvalReport/1`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("cache-control")).toContain("no-store");
    const disposition = file.headers.get("content-disposition")!;
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("2025年 自评报告（终稿）.docx").replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=/);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(docx);
  });

  it("finance uploads the evaluation plan and report (PDF, .xlsx); each kind numbers its own versions", async () => {
    const fin = env.tokens.finance;
    expect((await upload(onePagePdf(), { token: fin, kind: "evalPlan", name: "评价方案.pdf" })).status).toBe(201);
    expect((await upload(await scoresXlsx(), { token: fin, kind: "evalPlan", name: "评价方案（修改）.xlsx" })).status).toBe(201);
    expect((await upload(onePagePdf("Report"), { token: fin, kind: "evalReport" })).status).toBe(201);
    const docs = DocumentListSchema.parse(await (await get(base(), fin)).json()).documents;
    expect(docs.map((d) => [d.kind, d.version, d.type, d.name])).toEqual([
      ["evalPlan", 1, "pdf", "评价方案.pdf"],
      ["evalPlan", 2, "xlsx", "评价方案（修改）.xlsx"],
      ["evalReport", 1, "pdf", "评价报告.pdf"],
    ]);
    const xlsx = await get(`${base()}/evalPlan/2`, fin);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect((await get(`${base()}/evalPlan/1`)).headers.get("content-type")).toBe("application/pdf");
  });

  it("two uploads at once become versions 1 and 2, each with its own file", async () => {
    const a = onePagePdf("first");
    const b = onePagePdf("second");
    const [ra, rb] = await Promise.all([upload(a, { kind: "evalReport" }), upload(b, { kind: "evalReport" })]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    const versions = [(await ra.json()).version, (await rb.json()).version].sort();
    expect(versions).toEqual([1, 2]);
    const docs = DocumentListSchema.parse(await (await get(base())).json()).documents;
    expect(docs.map((d) => d.version)).toEqual([1, 2]);
    const bodies = await Promise.all([1, 2].map(async (n) => new Uint8Array(await (await get(`${base()}/evalReport/${n}`)).arrayBuffer())));
    expect(new Set(bodies.map((x) => Buffer.from(x).toString("latin1")))).toEqual(new Set([a, b].map((x) => Buffer.from(x).toString("latin1"))));
  });

  it("each upload is audited with who, what and its fingerprint", async () => {
    const v = await (await upload(onePagePdf(), { name: "自评报告.pdf" })).json();
    const audit = await env.store.findAudit({ actions: ["document.uploaded"] });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "document.uploaded", target: `${YEAR}/U-A/P1/documents/selfEvalReport/1`, details: { name: "自评报告.pdf", type: "pdf", bytes: v.bytes, sha256: v.sha256 } });
    expect(audit[0]!.actor).toMatch(/^unit:U-A#/);
  });

  it("keeps the file under codes, never under the client's name; on lowdb private (0600, folders 0700)", async () => {
    const pdf = onePagePdf();
    expect((await (await upload(pdf, { name: "../../../../tmp/evil.pdf" })).json()).name).toBe("evil.pdf");
    const kept = await env.store.documents.readDocument({ year: YEAR, unit: "U-A", project: "P1", kind: "selfEvalReport" }, 1);
    expect(kept?.content).toEqual(pdf);
    if (env.dir === "") return; // PostgreSQL: the file is in its row
    const folder = join(env.dir, "documents", String(YEAR), "+u-+a", "+p1");
    expect(((await stat(join(folder, "selfEvalReport-1.pdf"))).mode & 0o777).toString(8)).toBe("600");
    expect(((await stat(folder)).mode & 0o777).toString(8)).toBe("700");
    expect(((await stat(join(env.dir, "documents"))).mode & 0o777).toString(8)).toBe("700");
  });
});

describe("who may read and upload", () => {
  beforeEach(async () => {
    expect((await upload(onePagePdf(), { token: env.tokens.unitB, unit: "U-B", project: "W1" })).status).toBe(201);
  });

  it("a unit cannot list, download or upload another unit's documents (403, as for its forms), and learns nothing of them", async () => {
    const list = await get(base("U-B", "W1"));
    expect(list.status).toBe(403);
    expect(ErrorBodySchema.parse(await list.json()).error.code).toBe("forbidden");
    expect((await get(`${base("U-B", "W1")}/selfEvalReport/1`)).status).toBe(403);
    // the same answer for a document that does not exist: nothing to tell them apart
    expect((await get(`${base("U-B", "W1")}/selfEvalReport/9`)).status).toBe(403);
    expect((await upload(onePagePdf(), { unit: "U-B", project: "W1" })).status).toBe(403);
    expect((await env.store.documents.listDocuments({ year: YEAR, unit: "U-B", project: "W1" })).map((d) => d.version)).toEqual([1]);
  });

  it("the bureau's finance and the admin read every project; the admin does not upload", async () => {
    expect((await get(base("U-B", "W1"), env.tokens.finance)).status).toBe(200);
    expect((await get(`${base("U-B", "W1")}/selfEvalReport/1`, env.tokens.admin)).status).toBe(200);
    expect((await upload(onePagePdf(), { token: env.tokens.admin, unit: "U-B", project: "W1" })).status).toBe(403);
  });

  it("a street office's finance reads and uploads under its units only", async () => {
    await env.store.putUnit({ code: "OFF", name: "某街道办事处", confidential: false });
    await env.store.putUnit({ code: "U-A", name: "林业局", field: "forestry", confidential: false, parent: "OFF" });
    const office = (await createToken(env.store, "finance", undefined, "街道财政所", { office: "OFF" })).token;
    expect((await upload(onePagePdf(), { token: office, kind: "evalPlan" })).status).toBe(201);
    expect((await get(base(), office)).status).toBe(200);
    expect((await get(base("U-B", "W1"), office)).status).toBe(403);
    expect((await upload(onePagePdf(), { token: office, unit: "U-B", project: "W1", kind: "evalPlan" })).status).toBe(403);
  });

  it("mayReadProject is the one check: a role it does not name reads nothing", async () => {
    const item = { year: YEAR, unit: "U-A", project: "P1" };
    const as = (a: Partial<Auth>): Auth => ({ role: "unit", tokenId: "t", actor: "x", ...a }) as Auth;
    expect(await mayReadProject(env.store, as({ role: "unit", unit: "U-A" }), item)).toBe(true);
    expect(await mayReadProject(env.store, as({ role: "unit", unit: "U-B" }), item)).toBe(false);
    expect(await mayReadProject(env.store, as({ role: "finance", scope: new Set(["OFF", "U-X"]) }), item)).toBe(false);
    expect(await mayReadProject(env.store, as({ role: "admin" }), { ...item, document: "evalReport" })).toBe(true);
    expect(await mayReadProject(env.store, as({ role: "someone-else" as Auth["role"] }), item)).toBe(false);
  });
});

describe("refused uploads", () => {
  it("a renamed program is refused (415) in both languages, saying what is taken, and nothing is kept", async () => {
    const res = await upload(windowsProgram(), { name: "评价报告.pdf", type: "application/pdf" });
    expect(res.status).toBe(415);
    const body = ErrorBodySchema.parse(await res.json());
    expect(body.error.code).toBe("unsupported_document");
    expect(body.error.message).toMatch(/PDF、Word（\.docx）或 Excel（\.xlsx）.* \/ .*PDF, Word \(\.docx\) or Excel \(\.xlsx\)/);
    expect(await env.store.documents.listDocuments({ year: YEAR, unit: "U-A", project: "P1" })).toEqual([]);
  });

  it("an empty body, an unknown kind, a project without a form", async () => {
    expect((await upload(new Uint8Array(0))).status).toBe(400);
    expect((await upload(onePagePdf(), { kind: "contract" })).status).toBe(400);
    const none = await upload(onePagePdf(), { project: "P9" });
    expect(none.status).toBe(404);
    expect((await none.json()).error.message).toContain("P9");
  });

  it("over the policy's size: refused from Content-Length before reading, and from the stream when none is sent, naming the limit", async () => {
    const lib = starterLibrary();
    await publishLibrary(env.store, { indicators: lib.indicators, policy: { ...lib.policy, limits: { ...lib.policy.limits, documentBytes: 100_000 } }, note: "documents at most 100 KB" }, "test", new Date());
    const big = new Uint8Array(150_000);
    big.set(onePagePdf());
    const declared = await upload(big);
    expect(declared.status).toBe(413);
    const body = ErrorBodySchema.parse(await declared.json());
    expect(body.error.code).toBe("limit_document_bytes");
    expect(body.error.message).toContain("98 KB");
    expect(body.error.message).toContain("policy.limits.documentBytes");
    // no Content-Length: a stream of 16 KB chunks, cut once past the limit
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 10_000_000) return controller.close();
        sent += 16_384;
        controller.enqueue(new Uint8Array(16_384));
      },
    });
    const streamed = await upload(stream);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe("limit_document_bytes");
    expect(sent).toBeLessThan(1_000_000);
    // over the server's ceiling for any document: refused by the gate, before the token is looked up
    const huge = await env.app.request(`${base()}/evalPlan`, { method: "POST", headers: { "content-length": String(65 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
  });

  it("versions beyond the policy's limit are refused (409), naming it", async () => {
    const lib = starterLibrary();
    await publishLibrary(env.store, { indicators: lib.indicators, policy: { ...lib.policy, limits: { ...lib.policy.limits, documentVersions: 2 } }, note: "two versions" }, "test", new Date());
    expect((await upload(onePagePdf())).status).toBe(201);
    expect((await upload(onePagePdf())).status).toBe(201);
    const third = await upload(onePagePdf());
    expect(third.status).toBe(409);
    expect((await third.json()).error.message).toContain("policy.limits.documentVersions");
    // another kind has its own count
    expect((await upload(onePagePdf(), { kind: "evalPlan", token: env.tokens.finance })).status).toBe(201);
  });

  it("a unit's documents count toward its bytes (bytesPerUnit): an upload that would pass it is refused (413), and so is the next save", async () => {
    const lib = starterLibrary();
    const withBytes = (bytesPerUnit: number) =>
      publishLibrary(env.store, { indicators: lib.indicators, policy: { ...lib.policy, limits: { ...lib.policy.limits, bytesPerUnit } }, note: `bytesPerUnit ${bytesPerUnit}` }, "test", new Date());
    const pdf = onePagePdf();
    const forms = (await env.store.unitUsage("U-A", YEAR)).bytes;
    expect((await upload(pdf)).status).toBe(201);
    expect((await env.store.unitUsage("U-A", YEAR)).bytes).toBe(forms + pdf.byteLength);
    // one byte short of room for the same file again: refused by its declared size, nothing kept
    await withBytes(forms + 2 * pdf.byteLength - 1);
    const over = await upload(pdf);
    expect(over.status).toBe(413);
    const { error } = ErrorBodySchema.parse(await over.json());
    expect(error.code).toBe("limit_bytes_per_unit");
    expect(error.message).toContain("policy.limits.bytesPerUnit");
    expect(DocumentListSchema.parse(await (await get(base())).json()).documents).toHaveLength(1);
    // room for exactly it: kept
    await withBytes(forms + 2 * pdf.byteLength);
    expect((await upload(pdf)).status).toBe(201);
    // the forms alone are under the limit; with the documents the unit has reached it, so a save is refused
    const reached = await env.req("PUT", subPath("target"), { token: env.tokens.unitA, body: formOf("target"), headers: { "if-match": '"1"' } });
    expect(reached.status).toBe(413);
    expect(ErrorBodySchema.parse(await reached.json()).error.code).toBe("limit_bytes_per_unit");
    // another unit is not held by it
    expect((await upload(pdf, { unit: "U-B", project: "W1", token: env.tokens.unitB })).status).toBe(201);
  });

  it("uploads at once never pass the limit together: the count is taken with the version number", async () => {
    const lib = starterLibrary();
    await publishLibrary(env.store, { indicators: lib.indicators, policy: { ...lib.policy, limits: { ...lib.policy.limits, documentVersions: 2 } }, note: "two versions" }, "test", new Date());
    expect((await upload(onePagePdf())).status).toBe(201);
    const at = await Promise.all([upload(onePagePdf()), upload(onePagePdf()), upload(onePagePdf())]);
    expect(at.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of at.filter((r) => r.status === 409)) expect((await r.json()).error.code).toBe("limit_document_versions");
    expect((await env.store.documents.listDocuments({ year: YEAR, unit: "U-A", project: "P1" })).map((d) => d.version)).toEqual([1, 2]);
  });

  it("a version that does not exist is a 404; a version that is not a number a 400", async () => {
    expect((await get(`${base()}/evalPlan/1`)).status).toBe(404);
    expect((await get(`${base()}/evalPlan/latest`)).status).toBe(400);
  });
});
