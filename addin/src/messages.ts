// Every string the pane shows, in Chinese (default) and English. Domain terms (levels, kinds,
// statuses, fields) come from shared/glossary.ts so a term is spelled one way everywhere.
import type { Term } from "../../shared/glossary.ts";

export type Lang = "zh" | "en";

const m = {
  appTitle: { zh: "绩效填报", en: "Performance forms" },
  loading: { zh: "正在载入…", en: "Loading…" },
  // setup
  setupTitle: { zh: "连接财政局服务器", en: "Connect to the bureau's server" },
  setupHint: { zh: "首次使用：填写服务器地址和财政局发放的令牌。", en: "First run: enter the server address and the token the bureau gave you." },
  serverAddress: { zh: "服务器地址", en: "Server address" },
  token: { zh: "令牌", en: "Token" },
  connect: { zh: "连接", en: "Connect" },
  disconnect: { zh: "更换服务器或令牌", en: "Change server or token" },
  badToken: { zh: "令牌无效或已停用，请向财政局索取新令牌。", en: "The token is not valid: ask the bureau for a new one." },
  unreachable: { zh: "无法连接服务器 {server}：请检查地址和网络，或稍后再试。", en: "Cannot reach the server at {server}: check the address and the network, or try again later." },
  badAddress: { zh: "服务器地址应以 http:// 或 https:// 开头，例如 https://jixiao.example.gov.cn。", en: "The server address should start with http:// or https://, e.g. https://jixiao.example.gov.cn." },
  notJixiao: { zh: "该地址上的不是绩效服务器，请核对服务器地址。", en: "That address does not answer as a Jixiao server: check the server address." },
  notUnit: { zh: "此令牌不属于预算单位；请用单位令牌登录。", en: "This token is not a unit's: sign in with your unit's token." },
  // status bar
  online: { zh: "已连接", en: "Online" },
  offline: { zh: "离线：保存将排队，恢复连接后按顺序发送", en: "Offline: saves wait and go out in order when the server is back" },
  pending: { zh: "待发送", en: "waiting" },
  noForm: { zh: "未打开表单", en: "No form open" },
  revision: { zh: "版本", en: "revision" },
  unsaved: { zh: "未保存", en: "not saved" },
  libraryVersion: { zh: "指标库版本", en: "Library version" },
  // tabs
  tabForms: { zh: "表单", en: "Forms" },
  tabPicker: { zh: "选指标", en: "Indicators" },
  tabCheck: { zh: "检查与报送", en: "Check & submit" },
  // forms
  myForms: { zh: "本单位的表单", en: "Your unit's forms" },
  noForms: { zh: "还没有表单。", en: "No forms yet." },
  open: { zh: "打开", en: "Open" },
  newForm: { zh: "新建表单", en: "New form" },
  kind: { zh: "表单类型", en: "Form" },
  year: { zh: "年度", en: "Year" },
  projectCode: { zh: "项目编码", en: "Project code" },
  projectName: { zh: "项目名称", en: "Project name" },
  field: { zh: "所属领域", en: "Field" },
  attribute: { zh: "项目属性", en: "Project type" },
  servesPublic: { zh: "面向公众服务", en: "Serves the public" },
  insertForm: { zh: "插入表样", en: "Insert the form" },
  inserted: { zh: "已插入表样，请在工作表中填写。", en: "Form inserted: fill it in on the sheet." },
  needProject: { zh: "请填写项目编码（字母、数字、-、_）和名称。", en: "Enter a project code (letters, digits, - or _) and a name." },
  // picker
  searchIndicators: { zh: "搜索指标：名称、拼音或首字母（如 slfg）", en: "Search: name, pinyin or initials (e.g. slfg)" },
  anyField: { zh: "全部领域", en: "All fields" },
  anyLevel: { zh: "全部一级指标", en: "All level-1" },
  insertRow: { zh: "填入当前行", en: "Into the active row" },
  insertedRow: { zh: "已填入第 {row} 行", en: "Written into row {row}" },
  noHeader: { zh: "当前工作表中没有找到指标表头（三级指标等），请先插入表样。", en: "No indicator header (三级指标 …) on this sheet: insert a form first." },
  results: { zh: "条", en: "found" },
  level1Filter: { zh: "一级指标", en: "Level-1 indicator" },
  noResults: { zh: "没有找到符合的指标：换个关键词，或放宽领域和一级指标。", en: "No indicators match: try other words, or widen the field and level-1 filters." },
  // check
  check: { zh: "检查", en: "Check" },
  checking: { zh: "正在检查…", en: "Checking…" },
  noIssues: { zh: "未发现问题。", en: "No findings." },
  errors: { zh: "错误（须改正后才能报送）", en: "Errors (must be fixed before submitting)" },
  warnings: { zh: "警告", en: "Warnings" },
  infos: { zh: "提示", en: "Notes" },
  save: { zh: "保存", en: "Save" },
  submit: { zh: "报送", en: "Submit" },
  saved: { zh: "已保存，版本 {rev}", en: "Saved as revision {rev}" },
  queued: { zh: "服务器暂时无法连接，已排队，恢复后自动发送。", en: "The server is unreachable: the save is queued and goes out when it is back." },
  submitted: { zh: "已报送财政局。", en: "Submitted to the bureau." },
  submitBlocked: { zh: "有错误，不能报送：", en: "There are errors, so it cannot be submitted:" },
  submitOffline: { zh: "离线时不能报送，请恢复连接后再试。", en: "Cannot submit while offline." },
  saveFirst: { zh: "请先检查并保存表单。", en: "Check and save the form first." },
  score: { zh: "自评得分", en: "Self-evaluation score" },
  budgetScore: { zh: "预算执行", en: "Budget execution" },
  grade: { zh: "等级", en: "Grade" },
  lights: { zh: "监控预警", en: "Monitoring lights" },
  budgetLight: { zh: "预算执行进度", en: "Budget progress" },
  row: { zh: "第 {n} 行", en: "row {n}" },
  // returned
  returnedTitle: { zh: "财政局退回意见", en: "Returned by the bureau" },
  commentsAtCells: { zh: "意见已标在单元格上（点击定位）：", en: "Comments are marked at their cells (click to go):" },
  // library
  libraryUpdated: { zh: "指标库已更新到第 {v} 版", en: "The library was updated to version {v}" },
  libraryDelta: { zh: "新增 {a}，修改 {c}，停用 {d}", en: "{a} added, {c} changed, {d} deprecated" },
  recheck: { zh: "重新检查", en: "Check again" },
  replaceDeprecated: { zh: "替换停用指标（{n}）", en: "Replace deprecated indicators ({n})" },
  replaced: { zh: "已替换 {n} 个停用指标。", en: "Replaced {n} deprecated indicators." },
  dismiss: { zh: "关闭", en: "Dismiss" },
  // outbox & conflict
  outboxTitle: { zh: "待发送的保存", en: "Saves waiting to go out" },
  retry: { zh: "立即重试", en: "Retry now" },
  failed: { zh: "被拒绝", en: "refused" },
  conflictTitle: { zh: "表单已被他人更新", en: "Someone else changed this form" },
  conflictText: { zh: "服务器上已有第 {rev} 版（{by}，{at}）。请选择：", en: "The server has revision {rev} ({by}, {at}). Choose:" },
  keepMine: { zh: "保留我的", en: "Keep mine" },
  takeTheirs: { zh: "采用服务器的", en: "Take the server's" },
  compare: { zh: "比较", en: "Compare" },
  funds: { zh: "资金（总额/财政/其他，万元）", en: "Funds (total/fiscal/other, 10k yuan)" },
  goalOverall: { zh: "总体目标", en: "Overall goal" },
  goalAnnual: { zh: "年度目标", en: "Annual goal" },
  goalActual: { zh: "实际完成情况", en: "What was achieved" },
  mine: { zh: "我的", en: "Mine" },
  theirs: { zh: "服务器的", en: "Server's" },
  // browser
  noExcel: { zh: "当前不在 Excel 中运行。", en: "Not running inside Excel." },
  noExcelHint: {
    zh: "在 Excel 中通过“开始 › 绩效填报”打开本窗格即可直接填报。使用 WPS 或 LibreOffice 的单位可以下载表样，填好后上传检查：",
    en: "Open this pane from Home › Performance forms in Excel to fill forms in place. With WPS or LibreOffice, download a template, fill it in, and upload it to be checked:",
  },
  downloadTemplate: { zh: "下载表样", en: "Download template" },
  uploadWorkbook: { zh: "上传填好的工作簿（.xlsx）", en: "Upload a filled workbook (.xlsx)" },
  findingsFor: { zh: "检查结果", en: "Findings" },
  saveUploaded: { zh: "检查后保存为本单位草稿", en: "Save as my unit's draft after checking" },
  savedUploaded: { zh: "已保存为草稿，版本 {revision}", en: "Saved as a draft, revision {revision}" },
  // finance (财政局) side
  finTitle: { zh: "财政局", en: "Finance bureau" },
  roleFinance: { zh: "财政局", en: "Finance" },
  roleAdmin: { zh: "管理员", en: "Admin" },
  tabReview: { zh: "审核", en: "Review" },
  tabConsolidated: { zh: "汇总", en: "Consolidated" },
  tabLibrary: { zh: "指标库", en: "Library" },
  tabDisclosure: { zh: "信息公开", en: "Disclosure" },
  allKinds: { zh: "全部表类", en: "All forms" },
  allStatuses: { zh: "全部状态", en: "All statuses" },
  unitFilter: { zh: "单位或项目", en: "Unit or project" },
  refresh: { zh: "刷新", en: "Refresh" },
  total: { zh: "共 {n} 份", en: "{n} forms" },
  noMatches: { zh: "没有符合条件的表单。", en: "No forms match." },
  keyProject: { zh: "重点项目", en: "Key project" },
  openInSheet: { zh: "在工作表中打开", en: "Open in a sheet" },
  opened: { zh: "已在工作表中打开，问题已标在单元格上。", en: "Opened in a sheet, findings marked at their cells." },
  findingsCount: { zh: "错误 {e} · 警告 {w}", en: "{e} errors · {w} warnings" },
  returnComment: { zh: "退回意见", en: "Comment for the unit" },
  cellComment: { zh: "单元格意见（先在工作表中选中单元格）", en: "Cell comment (select the cell in the sheet first)" },
  addAtSelection: { zh: "加到所选单元格", en: "Add at the selected cell" },
  addedAt: { zh: "已加到 {cell}", en: "Added at {cell}" },
  remove: { zh: "删除", en: "Remove" },
  returnForm: { zh: "退回", en: "Return" },
  approveForm: { zh: "审核通过", en: "Approve" },
  returnedOk: { zh: "已退回，单位将看到意见。", en: "Returned: the unit will see the comments." },
  approvedOk: { zh: "已审核通过。", en: "Approved." },
  needComment: { zh: "退回须填写意见。", en: "A return needs a comment." },
  onlyFinanceActs: { zh: "退回、审核和标记重点项目须用财政局令牌。", en: "Returning, approving and marking key projects need a finance token." },
  markedKey: { zh: "已标记为重点项目", en: "Marked as a key project" },
  unmarkedKey: { zh: "已取消重点项目", en: "No longer a key project" },
  // consolidated
  pullTitle: { zh: "拉取汇总表", en: "Pull the consolidated workbook" },
  pullHint: { zh: "把全部单位的最新表单汇总写入当前工作簿（汇总、表单、指标明细、未报送单位、问题清单）。", en: "Writes every unit's latest forms into this workbook (summary, forms, indicator rows, missing units, findings)." },
  pull: { zh: "拉取汇总", en: "Pull consolidated" },
  pulling: { zh: "正在写入 {rows}/{total} 行（第 {block}/{blocks} 批）", en: "Writing {rows}/{total} rows (block {block} of {blocks})" },
  pulled: { zh: "已写入 {sheets} 张表、{rows} 行：{blocks} 批、{syncs} 次同步、{ms} 毫秒（{mode}）", en: "Wrote {sheets} sheets, {rows} rows: {blocks} blocks, {syncs} syncs, {ms} ms ({mode})" },
  nothingToPull: { zh: "服务器没有返回汇总表。", en: "The server returned no consolidated sheets." },
  consolidatedMissing: { zh: "服务器尚不支持汇总（/api/consolidated）：请升级服务器。", en: "The server has no /api/consolidated yet: update the server." },
  // library upkeep
  libTitle: { zh: "指标库维护", en: "Library upkeep" },
  libHint: { zh: "导出到工作表，在表中新增、修改或停用指标（停用时填写替代指标编码），然后检查、预览变更并发布。", en: "Export to a sheet; add, change or deprecate indicators there (name the replacement's code); then check, preview the changes and publish." },
  exportLibrary: { zh: "导出指标库到工作表", en: "Export the library to a sheet" },
  exported: { zh: "已导出第 {v} 版（{n} 个指标）到“{sheet}”。", en: "Exported version {v} ({n} indicators) to \"{sheet}\"." },
  checkSheet: { zh: "检查工作表", en: "Check the sheet" },
  sheetOk: { zh: "工作表通过检查：{n} 个指标。", en: "The sheet passes: {n} indicators." },
  sheetErrors: { zh: "有 {n} 个错误，改正后才能发布。", en: "{n} errors: fix them before publishing." },
  noLibrarySheet: { zh: "没有找到指标库工作表，请先导出。", en: "No library sheet: export it first." },
  changelog: { zh: "相对已发布第 {v} 版的变更", en: "Changes against published version {v}" },
  added: { zh: "新增", en: "Added" },
  changed: { zh: "修改", en: "Changed" },
  deprecated: { zh: "停用", en: "Deprecated" },
  removed: { zh: "删除", en: "Removed" },
  noChanges: { zh: "与已发布版本相同。", en: "Same as the published version." },
  staleSheet: { zh: "工作表导出自第 {a} 版，服务器已是第 {b} 版：请重新导出或核对。", en: "The sheet came from version {a}; the server is at {b}: export again or check." },
  publishNote: { zh: "发布说明", en: "Note" },
  publish: { zh: "发布新版本", en: "Publish a new version" },
  publishNeedsAdmin: { zh: "发布指标库需要管理员令牌（当前为财政局令牌）。请在下方填写管理员令牌，仅用于本次发布，不保存。", en: "Publishing the library needs an admin token (this one is finance's). Enter the admin token below: used for this publish only, not kept." },
  adminToken: { zh: "管理员令牌", en: "Admin token" },
  published: { zh: "已发布第 {v} 版：新增 {a}，修改 {c}，停用 {d}。各单位的窗格已收到通知。", en: "Published version {v}: {a} added, {c} changed, {d} deprecated. Every open unit pane has been told." },
  // disclosure
  discTitle: { zh: "绩效信息公开", en: "Public disclosure" },
  discHint: { zh: "重点项目已审核的绩效目标和自评结果；涉密单位和个人信息不公开。", en: "Key projects' approved targets and self-evaluation results; confidential units and personal data are never included." },
  preview: { zh: "预览", en: "Preview" },
  download: { zh: "下载", en: "Download" },
  noDisclosure: { zh: "该年度没有可公开的内容。", en: "Nothing to disclose for that year." },
  disclosureMissing: { zh: "服务器尚不支持信息公开（/api/disclosure）：请升级服务器。", en: "The server has no /api/disclosure yet: update the server." },
  // first run
  aboutAddin: {
    zh: "绩效填报是财政局提供的 Excel 插件：在 Excel 里填写项目绩效目标申报表、运行监控表和自评表，按财政局的指标库和规则检查，保存并报送财政局。",
    en: "Jixiao is the finance bureau's Excel add-in: fill in performance target, monitoring and self-evaluation forms in Excel, check them against the bureau's indicator library and rules, save and submit them.",
  },
  firstStep1: { zh: "向本地财政局绩效科索取本单位的令牌（以 jx_ 开头的一串字符）。", en: "Ask your finance bureau's performance office for your unit's token (a string starting with jx_)." },
  firstStep2: { zh: "填写服务器地址（一般已自动填好）和令牌，点“连接”。", en: "Enter the server address (usually filled in already) and the token, then Connect." },
  firstStep3: { zh: "在“表单”中插入表样，在“选指标”中挑指标，在“检查与报送”中检查、保存、报送。", en: "Insert a form under Forms, pick indicators under Indicators, then check, save and submit." },
  userGuide: { zh: "查看使用说明（图文）", en: "Read the user guide (with pictures)" },
  tokenHint: { zh: "令牌由财政局发放，每个单位一个，请勿转给他人。", en: "The bureau issues one token per unit: keep it to your unit." },
  // findings
  errorsShort: { zh: "个错误", en: "errors" },
  groupByRule: { zh: "按规则分组", en: "Group by rule" },
  groupByRow: { zh: "按行分组", en: "Group by row" },
  goToCell: { zh: "定位到 {cell}", en: "Go to {cell}" },
  submitBlockedN: { zh: "有 {n} 个错误，不能报送。", en: "{n} errors: it cannot be submitted yet." },
  showFindings: { zh: "查看问题", en: "Show findings" },
  // picker placement
  askReplace: { zh: "第 {row} 行已有指标“{name}”。替换它，还是填入下一空行？", en: "Row {row} already holds “{name}”. Replace it, or use the next empty row?" },
  replaceRow: { zh: "替换该行", en: "Replace the row" },
  nextEmptyRow: { zh: "填入下一空行", en: "Next empty row" },
  projectFieldFirst: { zh: "{field}领域的指标在前", en: "{field} indicators first" },
  // undo
  undo: { zh: "撤销：{what}", en: "Undo: {what}" },
  undone: { zh: "已撤销：{what}", en: "Undone: {what}" },
  undoInsert: { zh: "插入表样", en: "insert the form" },
  undoOpen: { zh: "打开表单", en: "open the form" },
  undoPick: { zh: "填入“{name}”", en: "write “{name}”" },
  undoReplace: { zh: "替换 {n} 个停用指标", en: "replace {n} deprecated indicators" },
  // forms from forms
  knownProject: { zh: "本单位已有项目", en: "Your unit's projects" },
  pickProject: { zh: "选择项目（或在下方填写新项目）", en: "Pick a project (or type a new one below)" },
  startFromTarget: { zh: "从已审核的 {year} 年绩效目标开始", en: "Start from the approved {year} targets" },
  copyLastYear: { zh: "复制 {year} 年的表单", en: "Copy the {year} form" },
  startedFrom: { zh: "已插入表样，指标和目标值已从原表带入。", en: "Form inserted with the indicators and targets carried over." },
  // errors
  failedAction: { zh: "操作失败：", en: "Failed: " },
} satisfies Record<string, Term>;

export type MessageKey = keyof typeof m;

export function translator(lang: Lang) {
  return (key: MessageKey, vars: Record<string, string | number> = {}): string =>
    m[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export type T = ReturnType<typeof translator>;

/** A domain term in the pane's language. */
export function term(t: Term, lang: Lang): string {
  return t[lang];
}

export function langOf(displayLanguage: string | undefined): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? "en" : "zh";
}

export const messages = m;
