// `jixiao token create --data DIR --role admin|finance|unit|expert [--unit CODE] [--office CODE] [--expert CODE] [--label TEXT] [--can-publish]`
// prints the new token alone on stdout (only its hash is kept); `token list` and `token revoke --id ID`.
// They work with the server stopped or running on the same data folder (./directory.ts).
import type { TokenView } from "../../shared/directory.ts";
import { noPositionals, options, parseArgs, subcommands, UsageError } from "./args.ts";
import { askDirectory, listDirectory, refusal } from "./directory.ts";

const usage =
  "usage: jixiao token create --data DIR --role admin|finance|unit|expert [--unit CODE] [--office CODE] [--expert CODE] [--label TEXT] [--can-publish]\n" +
  "       jixiao token list --data DIR\n" +
  "       jixiao token revoke --data DIR --id ID";

export const run = subcommands("token", usage, { create, list, revoke });

async function create(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs(args, options(["data", "role", "unit", "label", "office", "expert"], ["can-publish"]));
  noPositionals(positionals);
  const role = values.role;
  if (role !== "admin" && role !== "finance" && role !== "unit" && role !== "expert") throw new UsageError("--role must be admin, finance, unit or expert");
  if (role === "expert" && !values.expert) throw new UsageError("an expert token needs --expert CODE (the expert added with POST /api/experts)");
  if (role !== "expert" && values.expert) throw new UsageError("--expert goes with --role expert only");
  if (role === "unit" && !values.unit) throw new UsageError("a unit token needs --unit CODE");
  if (role !== "unit" && values.unit) throw new UsageError("--unit goes with --role unit only");
  if (values["can-publish"] && role !== "finance") throw new UsageError("--can-publish goes with --role finance only");
  if (values.office && role !== "finance") throw new UsageError("--office goes with --role finance only");
  const answer = await askDirectory(values.data, "POST", "/api/tokens", {
    role,
    ...(values.unit ? { unit: values.unit } : {}),
    ...(values.label ? { label: values.label } : {}),
    ...(values["can-publish"] ? { canPublish: true } : {}),
    ...(values.office ? { office: values.office } : {}),
    ...(values.expert ? { expert: values.expert } : {}),
  });
  if (answer.status !== 201) throw refusal(answer);
  process.stdout.write(`${(answer.body as { token: string }).token}\n`);
  return 0;
}

function list(args: string[]): Promise<number> {
  return listDirectory<TokenView>(args, "/api/tokens", "tokens", (t) => {
    const state = t.revokedAt ? `revoked ${t.revokedAt}` : `last used ${t.lastUsedAt ?? "never"}`;
    return `${t.id}\t${t.role}${t.canPublish ? "+publish" : ""}${t.office ? `@${t.office}` : ""}${t.expert ? `:${t.expert}` : ""}\t${t.unit ?? ""}\t${t.label ?? ""}\tcreated ${t.createdAt}\t${state}`;
  });
}

async function revoke(args: string[]): Promise<number> {
  const { values } = parseArgs(args, options(["data", "id"]));
  if (!values.id) throw new UsageError("--id ID is required (jixiao token list shows them)");
  const answer = await askDirectory(values.data, "DELETE", `/api/tokens/${encodeURIComponent(values.id)}`);
  if (answer.status !== 200) throw refusal(answer);
  process.stderr.write(`revoked token ${values.id} 已撤销\n`);
  return 0;
}
