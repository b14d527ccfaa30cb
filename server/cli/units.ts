// `jixiao units add --data DIR --code C --name N [--field F] [--confidential] [--parent OFFICE]`, `jixiao units list --data DIR`.
// `--parent` puts a unit under a street office (docs/offices.md).
// They work with the server stopped or running on the same data folder (./directory.ts).
import { CodeSchema } from "../../shared/library.ts";
import type { Unit } from "../store/store.ts";
import { noPositionals, options, parseArgs, subcommands, UsageError } from "./args.ts";
import { askDirectory, listDirectory, refusal } from "./directory.ts";

const usage = "usage: jixiao units add --data DIR --code C --name N [--field F] [--confidential] [--parent OFFICE]\n       jixiao units list --data DIR";

export const run = subcommands("units", usage, { add, list });

async function add(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "code", "name", "field", "parent"], ["confidential"]));
  noPositionals(positionals);
  if (!values.code || !CodeSchema.safeParse(values.code).success) throw new UsageError("--code must be a code: letters, digits, '.', '-', '_'");
  if (!values.name?.trim()) throw new UsageError("--name is required");
  if (values.parent !== undefined && !CodeSchema.safeParse(values.parent).success) throw new UsageError("--parent must be a unit code");
  const fields = { name: values.name.trim(), confidential: values.confidential === true, ...(values.parent ? { parent: values.parent } : {}) };
  let answer = await askDirectory(values.data, "POST", "/api/units", { code: values.code, ...fields, ...(values.field ? { field: values.field } : {}) });
  const existed = answer.status === 409;
  // Adding a code that exists replaces its name, field and confidentiality, as it always has.
  if (existed) answer = await askDirectory(values.data, "PATCH", `/api/units/${values.code}`, { ...fields, field: values.field ?? null });
  if (answer.status >= 300) throw refusal(answer);
  process.stderr.write(`${existed ? "updated" : "added"} unit ${values.code} ${fields.name}${fields.confidential ? " (confidential 涉密)" : ""}\n`);
  return 0;
}

function list(args: string[]): Promise<number> {
  return listDirectory<Unit>(args, "/api/units", "units", (u) => `${u.code}\t${u.name}\t${u.field ?? ""}\t${u.confidential ? "confidential" : ""}\t${u.parent ? `under ${u.parent}` : ""}`);
}
