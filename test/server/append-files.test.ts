// The embedded store's open append handles (server/store/append-files.ts): appends land in order
// whatever handles were closed beyond the limit, and a file replaced by a rename (a compaction)
// gets the next append once its handle is dropped, not the old file; a log's tail rewritten in place
// through its handle; many parts written in order by one writev at a time.
import { mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSync, closeSync } from "node:fs";
import { AppendFiles, writevAllSync } from "../../server/store/append-files.ts";

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("append handles", () => {
  it("keeps every append, in order, across more files than handles kept open", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-append-"));
    dirs.push(dir);
    const files = new AppendFiles(2);
    const names = ["一.jsonl", "二.jsonl", "三.jsonl", "四.jsonl", "五.jsonl"];
    for (let round = 0; round < 4; round++) {
      names.forEach((n, i) => files.append(join(dir, n), `${round}:${i}\n`));
      files.append(join(dir, names[0]!), Buffer.from(`extra ${round}\n`));
    }
    files.closeAll();
    expect(await readFile(join(dir, "三.jsonl"), "utf8")).toBe("0:2\n1:2\n2:2\n3:2\n");
    expect(await readFile(join(dir, "一.jsonl"), "utf8")).toBe("0:0\nextra 0\n1:0\nextra 1\n2:0\nextra 2\n3:0\nextra 3\n");
    if (process.platform !== "win32") expect((await stat(join(dir, "五.jsonl"))).mode & 0o777).toBe(0o600);
  });

  it("appends to the new file after a rename over the old one once the handle is dropped", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-append-"));
    dirs.push(dir);
    const files = new AppendFiles(8);
    const file = join(dir, "form.jsonl");
    files.append(file, "a\n");
    await writeFile(join(dir, "form.tmp"), "compacted\n");
    files.drop(file);
    await rename(join(dir, "form.tmp"), file);
    files.append(file, "b\n");
    files.closeAll();
    expect(await readFile(file, "utf8")).toBe("compacted\nb\n");
  });

  it("rewrites a log's tail in place and appends after it; writes more parts than one writev takes, in order", async () => {
    const dir = await mkdtemp(join(tmpdir(), "jixiao-append-"));
    dirs.push(dir);
    const files = new AppendFiles();
    const file = join(dir, "表.jsonl");
    files.append(file, "一\n二二二二\n三三三三\n");
    files.rewriteFrom(file, Buffer.byteLength("一\n"), Buffer.from("二\n三\n"));
    files.append(file, "四\n");
    expect(await readFile(file, "utf8")).toBe("一\n二\n三\n四\n");
    files.closeAll();
    const parts = Array.from({ length: 2500 }, (_, i) => Buffer.from(i % 7 === 0 ? "" : `${i},`));
    const fd = openSync(join(dir, "journal"), "a");
    writevAllSync(fd, parts);
    closeSync(fd);
    expect(await readFile(join(dir, "journal"), "utf8")).toBe(parts.map((p) => p.toString()).join(""));
  });
});
