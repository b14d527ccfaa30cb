// `jixiao token create --data DIR --role admin|finance|unit [--unit CODE] [--label TEXT]`: prints
// the new token alone on stdout (only its hash is kept).
import { createToken } from "../auth.ts";
import type { Role } from "../store/store.ts";
import { parseArgs, UsageError } from "./args.ts";
import { openDataFolder, withUsage } from "./store.ts";

const usage = "usage: jixiao token create --data DIR --role admin|finance|unit [--unit CODE] [--label TEXT]";

export async function run(args: string[]): Promise<number> {
  return withUsage("token", usage, async () => {
    const [sub, ...rest] = args;
    if (sub !== "create") throw new UsageError(`unknown subcommand '${sub ?? ""}'`);
    const { values, positionals } = parseArgs(rest, {
      data: { type: "string" },
      role: { type: "string" },
      unit: { type: "string" },
      label: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected '${positionals[0]}'`);
    const role = values.role;
    if (role !== "admin" && role !== "finance" && role !== "unit") throw new UsageError("--role must be admin, finance or unit");
    if (role === "unit" && !values.unit) throw new UsageError("a unit token needs --unit CODE");
    if (role !== "unit" && values.unit) throw new UsageError("--unit goes with --role unit only");
    const store = await openDataFolder(values.data);
    try {
      if (values.unit && !(await store.getUnit(values.unit))) {
        throw new UsageError(`no unit ${values.unit} 无此单位: add it first with jixiao units add`);
      }
      const { token, record } = await createToken(store, role as Role, values.unit, values.label);
      await store.appendAudit({ at: record.createdAt, actor: "cli", action: "token.create", target: record.id, details: { role, unit: values.unit ?? null } });
      process.stdout.write(`${token}\n`);
    } finally {
      await store.close();
    }
    return 0;
  });
}
