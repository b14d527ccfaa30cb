// `jixiao units add --data DIR --code C --name N [--field F] [--confidential]`, `jixiao units list --data DIR`.
import { CodeSchema } from "../../shared/library.ts";
import { parseArgs, UsageError } from "./args.ts";
import { openDataFolder, withUsage } from "./store.ts";

const usage = "usage: jixiao units add --data DIR --code C --name N [--field F] [--confidential]\n       jixiao units list --data DIR";

export async function run(args: string[]): Promise<number> {
  return withUsage("units", usage, async () => {
    const [sub, ...rest] = args;
    if (sub === "add") return add(rest);
    if (sub === "list") return list(rest);
    throw new UsageError(`unknown subcommand '${sub ?? ""}'`);
  });
}

async function add(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, {
    data: { type: "string" },
    code: { type: "string" },
    name: { type: "string" },
    field: { type: "string" },
    confidential: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'`);
  if (!values.code || !CodeSchema.safeParse(values.code).success) throw new UsageError("--code must be a code: letters, digits, '.', '-', '_'");
  if (!values.name?.trim()) throw new UsageError("--name is required");
  const store = await openDataFolder(values.data);
  try {
    const existed = await store.getUnit(values.code);
    await store.putUnit({
      code: values.code,
      name: values.name.trim(),
      ...(values.field ? { field: values.field } : {}),
      confidential: values.confidential === true,
    });
    await store.appendAudit({ at: new Date().toISOString(), actor: "cli", action: existed ? "unit.update" : "unit.add", target: values.code });
    process.stderr.write(`${existed ? "updated" : "added"} unit ${values.code} ${values.name.trim()}${values.confidential ? " (confidential 涉密)" : ""}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

async function list(args: string[]): Promise<number> {
  const { values } = parseArgs(args, { data: { type: "string" } });
  const store = await openDataFolder(values.data);
  try {
    for (const u of await store.listUnits()) {
      process.stdout.write(`${u.code}\t${u.name}\t${u.field ?? ""}\t${u.confidential ? "confidential" : ""}\n`);
    }
  } finally {
    await store.close();
  }
  return 0;
}
