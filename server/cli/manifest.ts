// `jixiao manifest [--url https://perf.bureau.gov.cn:3443] [--id GUID] [--out manifest.xml]`:
// writes the add-in-only XML manifest pointing at a bureau's own server. The repository's
// manifest.xml is this function's output for https://localhost:3443 (a test holds them equal).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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
  <DisplayName DefaultValue="绩效 Jixiao">
    <Override Locale="en-US" Value="Jixiao performance forms" />
  </DisplayName>
  <Description DefaultValue="预算绩效管理：填报绩效目标、运行监控和自评表，按指标库检查后报送财政局。">
    <Override Locale="en-US" Value="Budget performance forms: fill in targets, monitoring and self-evaluation, check them against the bureau's indicator library, and submit." />
  </Description>
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
                  <bt:Image size="16" resid="Icon.16x16" />
                  <bt:Image size="32" resid="Icon.32x32" />
                  <bt:Image size="80" resid="Icon.80x80" />
                </Icon>
                <Control xsi:type="Button" id="Jixiao.TaskpaneButton">
                  <Label resid="TaskpaneButton.Label" />
                  <Supertip>
                    <Title resid="TaskpaneButton.Label" />
                    <Description resid="TaskpaneButton.Tooltip" />
                  </Supertip>
                  <Icon>
                    <bt:Image size="16" resid="Icon.16x16" />
                    <bt:Image size="32" resid="Icon.32x32" />
                    <bt:Image size="80" resid="Icon.80x80" />
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
        <bt:Image id="Icon.16x16" DefaultValue="${origin}/assets/icon-16.png" />
        <bt:Image id="Icon.32x32" DefaultValue="${origin}/assets/icon-32.png" />
        <bt:Image id="Icon.80x80" DefaultValue="${origin}/assets/icon-80.png" />
      </bt:Images>
      <bt:Urls>
        <bt:Url id="Commands.Url" DefaultValue="${origin}/commands.html" />
        <bt:Url id="Taskpane.Url" DefaultValue="${origin}/taskpane.html" />
      </bt:Urls>
      <bt:ShortStrings>
        <bt:String id="GetStarted.Title" DefaultValue="绩效填报已就绪">
          <bt:Override Locale="en-US" Value="Jixiao is ready" />
        </bt:String>
        <bt:String id="Group.Label" DefaultValue="预算绩效">
          <bt:Override Locale="en-US" Value="Performance" />
        </bt:String>
        <bt:String id="TaskpaneButton.Label" DefaultValue="绩效填报">
          <bt:Override Locale="en-US" Value="Performance forms" />
        </bt:String>
      </bt:ShortStrings>
      <bt:LongStrings>
        <bt:String id="GetStarted.Description" DefaultValue="在“开始”选项卡点击“绩效填报”，打开任务窗格。">
          <bt:Override Locale="en-US" Value="Open the pane with Performance forms on the Home tab." />
        </bt:String>
        <bt:String id="TaskpaneButton.Tooltip" DefaultValue="打开绩效填报窗格：插入表样、选指标、检查、保存和报送。">
          <bt:Override Locale="en-US" Value="Open the performance pane: insert a form, pick indicators, check, save and submit." />
        </bt:String>
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
