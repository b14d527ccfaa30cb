// Review that cannot misfire, on the server's side: an approval withdrawn (撤销审核) with a reason,
// audited and not counted as a new submission; refusals naming the status in words; each revision
// with who, when and the status it last had, and any one revision's form for a diff.
import { describe, expect, it } from "vitest";
import { envEachTest, formOf, subPath } from "./helpers.ts";

const env = envEachTest();

async function submitted(): Promise<void> {
  const saved = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") });
  expect(saved.status).toBe(201);
  expect((await env.req("POST", `${subPath()}/submit`, { token: env.tokens.unitA })).status).toBe(200);
}

describe("withdrawing an approval (撤销审核)", () => {
  it("takes an approved form back to submitted with a reason, audited apart from submissions, heard by the unit", async () => {
    await submitted();
    expect((await env.req("POST", `${subPath()}/approve`, { token: env.tokens.finance })).status).toBe(200);
    const heard: string[] = [];
    env.bus.subscribe({ role: "unit", unit: "U-A", tokenId: "x", actor: "x" }, (e) => heard.push(`${e.type}:${(e.data as { status?: string }).status}`));
    const res = await env.req("POST", `${subPath()}/withdraw`, { token: env.tokens.finance, body: { reason: "目标值与预算批复不一致，需重新审核" } });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe("submitted");
    expect(heard).toEqual(["submission.status:submitted"]);
    const audit = (await env.store.listAudit()).filter((e) => e.target?.endsWith("/U-A/P1/target"));
    const w = audit.find((e) => e.action === "submission.approval_withdrawn");
    expect(w?.details).toMatchObject({ from: "approved", to: "submitted", reason: "目标值与预算批复不一致，需重新审核" });
    expect(w?.actor).toMatch(/^finance#/);
    // one submission, not two: the notice's first-submitted time does not move
    expect(audit.filter((e) => e.action === "submission.submitted")).toHaveLength(1);
    // and it can be returned now
    expect((await env.req("POST", `${subPath()}/return`, { token: env.tokens.finance, body: { comment: "请修改" } })).status).toBe(200);
  });

  it("refuses without a reason, for a form not approved (the status in words), and for units", async () => {
    await submitted();
    const noReason = await env.req("POST", `${subPath()}/withdraw`, { token: env.tokens.finance, body: { reason: "  " } });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).error.details[0].path).toBe("reason");
    const notApproved = await env.req("POST", `${subPath()}/withdraw`, { token: env.tokens.finance, body: { reason: "x" } });
    expect(notApproved.status).toBe(409);
    const body = await notApproved.json();
    expect(body.error.code).toBe("not_approved");
    expect(body.error.message).toContain("已报送");
    expect(body.error.message).toContain("submitted");
    expect((await env.req("POST", `${subPath()}/withdraw`, { token: env.tokens.unitA, body: { reason: "x" } })).status).toBe(403);
  });

  it("says a form's status in words when return or approve is refused", async () => {
    await env.req("PUT", subPath(), { token: env.tokens.unitA, body: formOf("target") });
    const res = await env.req("POST", `${subPath()}/approve`, { token: env.tokens.finance });
    expect(res.status).toBe(409);
    const msg = (await res.json()).error.message as string;
    expect(msg).toContain("草稿");
    expect(msg).toContain("(it is draft)");
    expect(msg).not.toMatch(/：draft/);
  });
});

describe("revisions", () => {
  it("lists each revision with who, when and its last status; gives any one revision's form", async () => {
    await submitted(); // revision 1, submitted
    await env.req("POST", `${subPath()}/return`, { token: env.tokens.finance, body: { comment: "请修改" } });
    const form = formOf("target");
    (form as { project: { name: string } }).project.name = "项目 P1（修订）";
    const again = await env.req("PUT", subPath(), { token: env.tokens.unitA, body: form, headers: { "if-match": '"1"' } });
    expect(again.status, await again.clone().text()).toBe(200);
    const list = await (await env.req("GET", `${subPath()}/revisions`, { token: env.tokens.finance })).json();
    expect(list.revisions.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [1, "returned"],
      [2, "draft"],
    ]);
    expect(list.revisions[0].by).toMatch(/^unit:U-A#/);
    const one = await (await env.req("GET", `${subPath()}/revisions/1`, { token: env.tokens.finance })).json();
    expect(one.form.project.name).toBe("项目 P1");
    expect(one.status).toBe("returned");
    const two = await (await env.req("GET", `${subPath()}/revisions/2`, { token: env.tokens.unitA })).json();
    expect(two.form.project.name).toBe("项目 P1（修订）");
    expect((await env.req("GET", `${subPath()}/revisions/3`, { token: env.tokens.finance })).status).toBe(404);
    expect((await env.req("GET", `${subPath()}/revisions/1`, { token: env.tokens.unitB })).status).toBe(403);
    expect((await env.req("GET", `${subPath()}/revisions/x`, { token: env.tokens.finance })).status).toBe(400);
  });
});
