// An expert's token from the command line (docs/experts.md): `jixiao token create --role expert
// --expert CODE`, refused without the code, with an unknown one, or with another role.
import { describe, expect, it } from "vitest";
import { hashToken } from "../../server/auth.ts";
import { openLowStore } from "../../server/store/lowdb-store.ts";
import { cliEachTest } from "../support/cli.ts";

const cli = cliEachTest("jixiao-cli-experts-");

describe("jixiao token create --role expert", () => {
  it("issues a token that speaks for the expert, and refuses what does not name one", async () => {
    const seeded = await openLowStore(cli.dir);
    await seeded.experts.addExpert({ code: "E01", name: "张明", field: "performance" });
    await seeded.close();
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "expert", "--expert", "E01", "--label", "张明")).toBe(0);
    const token = cli.out.trim();
    expect(token).toMatch(/^jx_/);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "expert")).toBe(2);
    expect(cli.err).toMatch(/--expert CODE/);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "expert", "--expert", "E99")).toBe(2);
    expect(cli.err).toMatch(/E99/);
    expect(await cli.run("token", "create", "--data", cli.dir, "--role", "finance", "--expert", "E01")).toBe(2);
    expect(cli.err).toMatch(/--expert goes with --role expert only/);
    const store = await openLowStore(cli.dir);
    expect(await store.findToken(hashToken(token))).toMatchObject({ role: "expert", expert: "E01", label: "张明" });
    await store.close();
  });
});
