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
