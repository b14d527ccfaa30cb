// `jixiao manifest [--url https://perf.bureau.gov.cn:3443] [--id GUID] [--out manifest.xml]`:
// writes the add-in-only XML manifest pointing at a bureau's own server. The repository's
// manifest.xml is this function's output for https://localhost:3443 (a test holds them equal).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Term } from "../../shared/glossary.ts";
import { helpOption, options, parseArgs, printUsage, UsageError } from "./args.ts";

export const defaultUrl = "https://localhost:3443";
export const defaultId = "12e945ef-e1b9-4a81-af04-3e255f3e9f94";
export const manifestVersion = "1.0.0.0";

export interface ManifestOptions {
  /** origin of the jixiao server (scheme, host, port), no trailing slash */
  url?: string;
  id?: string;
  version?: string;
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function normaliseOrigin(url: string): string {
  const u = new URL(url);
  if (u.protocol !== "https:") throw new UsageError(`Office requires an https:// address for the task pane, not ${u.protocol}//`);
  return u.origin;
}

/** The manifest's words: Chinese by default (its DefaultLocale is zh-CN), English for en-US. */
const displayName: Term = { zh: "绩效 Jixiao", en: "Jixiao performance forms" };
const description: Term = {
  zh: "预算绩效管理：填报绩效目标、运行监控和自评表，按指标库检查后报送财政局。",
  en: "Budget performance forms: fill in targets, monitoring and self-evaluation, check them against the bureau's indicator library, and submit.",
};
/** The ribbon's words by resource id: short strings (≤ 125 characters) and long ones (≤ 250). */
const shortStrings: Record<string, Term> = {
  "GetStarted.Title": { zh: "绩效填报已就绪", en: "Jixiao is ready" },
  "Group.Label": { zh: "预算绩效", en: "Performance" },
  "TaskpaneButton.Label": { zh: "绩效填报", en: "Performance forms" },
};
const longStrings: Record<string, Term> = {
  "GetStarted.Description": { zh: "在“开始”选项卡点击“绩效填报”，打开任务窗格。", en: "Open the pane with Performance forms on the Home tab." },
  "TaskpaneButton.Tooltip": { zh: "打开绩效填报窗格：插入表样、选指标、检查、保存和报送。", en: "Open the performance pane: insert a form, pick indicators, check, save and submit." },
};
/** The ribbon's icon sizes (addin/public/assets/icon-N.png); the add-in's own icons are the 32 and 64 px ones. */
const ribbonIconSizes = [16, 32, 80];

/** The lines, each indented by `spaces`, one per line. */
function indented(spaces: number, lines: string[]): string {
  return lines.map((line) => " ".repeat(spaces) + line).join("\n");
}

/** An element whose default value is Chinese, with its English as the en-US override. `ns`: the override's namespace prefix. */
function localised(tag: string, attributes: string, term: Term, ns = ""): string[] {
  return [`<${tag}${attributes} DefaultValue="${esc(term.zh)}">`, `  <${ns}Override Locale="en-US" Value="${esc(term.en)}" />`, `</${tag}>`];
}

function stringResources(strings: Record<string, Term>): string[] {
  return Object.entries(strings).flatMap(([id, term]) => localised("bt:String", ` id="${id}"`, term, "bt:"));
}

/** A ribbon icon, by its resource id. */
function iconRefs(): string[] {
  return ribbonIconSizes.map((n) => `<bt:Image size="${n}" resid="Icon.${n}x${n}" />`);
}

export function manifestXml(options: ManifestOptions = {}): string {
  const origin = esc(normaliseOrigin(options.url ?? defaultUrl));
  const id = esc(options.id ?? defaultId);
  const version = esc(options.version ?? manifestVersion);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Jixiao 绩效 — Excel add-in manifest (add-in only, XML). Generated for ${origin} by server/cli/manifest.ts. -->
<OfficeApp xmlns="http://schemas.microsoft.com/office/appforoffice/1.1"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
           xmlns:bt="http://schemas.microsoft.com/office/officeappbasictypes/1.0"
           xmlns:ov="http://schemas.microsoft.com/office/taskpaneappversionoverrides"
           xsi:type="TaskPaneApp">
  <Id>${id}</Id>
  <Version>${version}</Version>
  <ProviderName>Jixiao</ProviderName>
  <DefaultLocale>zh-CN</DefaultLocale>
${indented(2, [...localised("DisplayName", "", displayName), ...localised("Description", "", description)])}
  <IconUrl DefaultValue="${origin}/assets/icon-32.png" />
  <HighResolutionIconUrl DefaultValue="${origin}/assets/icon-64.png" />
  <SupportUrl DefaultValue="${origin}/taskpane.html" />
  <AppDomains>
    <AppDomain>${origin}</AppDomain>
  </AppDomains>
  <Hosts>
    <Host Name="Workbook" />
  </Hosts>
  <Requirements>
    <Sets DefaultMinVersion="1.1">
      <Set Name="ExcelApi" MinVersion="1.7" />
    </Sets>
  </Requirements>
  <DefaultSettings>
    <SourceLocation DefaultValue="${origin}/taskpane.html" />
  </DefaultSettings>
  <Permissions>ReadWriteDocument</Permissions>
  <VersionOverrides xmlns="http://schemas.microsoft.com/office/taskpaneappversionoverrides" xsi:type="VersionOverridesV1_0">
    <Hosts>
      <Host xsi:type="Workbook">
        <DesktopFormFactor>
          <GetStarted>
            <Title resid="GetStarted.Title" />
            <Description resid="GetStarted.Description" />
            <LearnMoreUrl resid="Taskpane.Url" />
          </GetStarted>
          <FunctionFile resid="Commands.Url" />
          <ExtensionPoint xsi:type="PrimaryCommandSurface">
            <OfficeTab id="TabHome">
              <Group id="Jixiao.Group">
                <Label resid="Group.Label" />
                <Icon>
${indented(18, iconRefs())}
                </Icon>
                <Control xsi:type="Button" id="Jixiao.TaskpaneButton">
                  <Label resid="TaskpaneButton.Label" />
                  <Supertip>
                    <Title resid="TaskpaneButton.Label" />
                    <Description resid="TaskpaneButton.Tooltip" />
                  </Supertip>
                  <Icon>
${indented(20, iconRefs())}
                  </Icon>
                  <Action xsi:type="ShowTaskpane">
                    <TaskpaneId>Jixiao.Taskpane</TaskpaneId>
                    <SourceLocation resid="Taskpane.Url" />
                  </Action>
                </Control>
              </Group>
            </OfficeTab>
          </ExtensionPoint>
        </DesktopFormFactor>
      </Host>
    </Hosts>
    <Resources>
      <bt:Images>
${indented(8, ribbonIconSizes.map((n) => `<bt:Image id="Icon.${n}x${n}" DefaultValue="${origin}/assets/icon-${n}.png" />`))}
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Commands.Url" DefaultValue="${origin}/commands.html" />
        <bt:Url id="Taskpane.Url" DefaultValue="${origin}/taskpane.html" />
      </bt:Urls>
      <bt:ShortStrings>
${indented(8, stringResources(shortStrings))}
      </bt:ShortStrings>
      <bt:LongStrings>
${indented(8, stringResources(longStrings))}
      </bt:LongStrings>
    </Resources>
  </VersionOverrides>
</OfficeApp>
`;
}

const usage = `usage: jixiao manifest [--url https://perf.bureau.gov.cn:3443] [--id GUID] [--version 1.0.0.0] [--out manifest.xml]

Writes the Excel add-in manifest for a bureau's own server (stdout without --out).
生成指向本局服务器的 Excel 加载项清单。`;

export async function run(args: string[]): Promise<number> {
  try {
    const { values } = parseArgs(args, { ...options(["url", "id", "version", "out"]), ...helpOption });
    if (values.help) return printUsage(usage);
    if (values.id && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.id)) throw new UsageError("--id must be a GUID");
    if (values.version && !/^\d+(\.\d+){0,3}$/.test(values.version)) throw new UsageError("--version must be like 1.0.0.0");
    const xml = manifestXml({ url: values.url, id: values.id, version: values.version });
    if (values.out) {
      writeFileSync(values.out, xml);
      process.stderr.write(`manifest written to ${values.out} for ${normaliseOrigin(values.url ?? defaultUrl)}\n`);
    } else process.stdout.write(xml);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof TypeError) {
      process.stderr.write(`jixiao manifest: ${(err as Error).message}\n\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

// Until the dispatcher lists the verb: `npx tsx server/cli/manifest.ts --url … --out manifest.xml`.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(process.argv.slice(2));
}
