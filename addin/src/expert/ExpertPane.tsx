// The expert's side of the pane (docs/experts.md): the items assigned to them with their due
// dates; an item opened read-only (a form in a protected sheet in Excel and as a list in the pane,
// a plan or report downloaded); the review sheet filled with a score and a comment per criterion
// and comments on the form's cells; submitted once; then the panel side by side.
import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import { beijingDay } from "../../../shared/beijing.ts";
import { expertFieldTerms, type SheetInput } from "../../../shared/expert/review.ts";
import { fieldLabel } from "../../../shared/field-labels.ts";
import type { Workbook } from "../../excel/workbook.ts";
import { firstCell } from "../../excel/index.ts";
import { ApiError, OfflineError, type Api, type Me } from "../api.ts";
import type { Lang, T } from "../messages.ts";
import { planFor } from "../sheets.ts";
import { paneStyles } from "../styles.ts";
import { cellPaths, pathAt } from "./cells.ts";
import { PanelTable } from "./PanelTable.tsx";
import { AssignmentHeading, assignmentFacts, assignmentTitle } from "./AssignmentHeading.tsx";
import { reviewsApi, type AssignmentDetail, type AssignmentView, type ReviewItem } from "./reviews-api.ts";
import { FormKindSchema } from "../../../shared/form.ts";
import { useGuarded } from "../busy.ts";
import { SignOutButton } from "../components/StatusBar.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "4px", padding: "6px" },
  fields: { display: "grid", gridTemplateColumns: "minmax(4em, 35%) 1fr auto", gap: "2px 6px", fontSize: tokens.fontSizeBase200, alignItems: "start" },
  value: { wordBreak: "break-word" },
  score: { width: "5.5em" },
});

/** The form's fields an expert reads, in the order the form prints them: header fields, then a line per indicator. */
function formLines(form: Record<string, unknown>): { path: string; value: string }[] {
  const get = (path: string): unknown => path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), form);
  const text = (v: unknown) => (v === undefined || v === null ? "" : typeof v === "object" ? JSON.stringify(v) : String(v));
  const out: { path: string; value: string }[] = [];
  for (const path of ["project.name", "funds.total", "funds.fiscal", "goals.overall", "goals.annual", "goals.actual"]) {
    const v = text(get(path));
    if (v !== "") out.push({ path, value: v });
  }
  const rows = Array.isArray(form.indicators) ? (form.indicators as Record<string, unknown>[]) : [];
  rows.forEach((r, i) => {
    const target = [text(r.operator), text(r.target), text(r.unit)].filter(Boolean).join(" ");
    const actual = r.actual !== undefined && r.actual !== null ? ` → ${text(r.actual)}` : "";
    out.push({ path: `indicators[${i}]`, value: `${text(r.name)}　${target}${actual}` });
  });
  return out;
}

export default function ExpertPane({ t, lang, api, me, workbook, onSignOut }: { t: T; lang: Lang; api: Api; me: Me; workbook?: Workbook | undefined; onSignOut: () => void }) {
  const s = useStyles();
  const r = useMemo(() => reviewsApi(api), [api]);
  const [list, setList] = useState<AssignmentView[]>([]);
  const [open, setOpen] = useState<{ detail: AssignmentDetail; item: ReviewItem | undefined }>();
  const [sheet, setSheet] = useState<SheetInput>({ scores: {}, comments: {}, cells: [] });
  const [pendingCell, setPendingCell] = useState<string>();
  const [cellText, setCellText] = useState("");
  const [paths, setPaths] = useState<Map<string, string>>();
  const [note, setNote] = useState<{ intent: "success" | "error" | "info"; text: string }>();

  const fail = (err: unknown) =>
    setNote({ intent: "error", text: err instanceof OfflineError ? t("offline") : err instanceof ApiError || err instanceof Error ? err.message : String(err) });
  const { busy: working, guarded } = useGuarded(fail);
  const busy = working !== undefined;
  const run = (fn: () => Promise<void>) => {
    setNote(undefined);
    return guarded("expert", fn);
  };
  const refresh = useCallback(() => r.list().then(setList), [r]);
  useEffect(() => void run(refresh), [refresh]);

  async function openAssignment(id: string) {
    const detail = await r.detail(id);
    const item = await r.item(id).catch(() => undefined);
    setOpen({ detail, item });
    setPaths(undefined);
    setPendingCell(undefined);
    const mine = detail.mine;
    setSheet({ scores: { ...(mine?.scores ?? {}) }, comments: { ...(mine?.comments ?? {}) }, cells: [...(mine?.cells ?? [])], ...(mine?.comment ? { comment: mine.comment } : {}) });
  }

  async function openInSheet() {
    if (!workbook || !open?.item?.form) return;
    const kind = FormKindSchema.parse(open.item.kind);
    const library = await api.library();
    const plan = planFor(kind, open.item.form as never, library, open.item.revision);
    // the form's sheets are protected: the expert reads, never edits (docs/experts.md)
    const placed = (await workbook.insert({ sheets: plan.sheets.map((p) => ((p.visibility ?? "visible") === "visible" ? { ...p, protection: { enabled: true } } : p)) })).plan;
    const name = placed.sheets.find((p) => (p.visibility ?? "visible") === "visible")?.name ?? placed.sheets[0]!.name;
    setPaths(cellPaths(placed, name));
    setNote({ intent: "success", text: t("expOpened", { sheet: name }) });
  }

  async function commentAtSelection() {
    if (!workbook || !paths) return;
    const sel = await workbook.selection();
    const cell = firstCell(sel.address);
    const path = pathAt(paths, cell);
    if (!path) setNote({ intent: "info", text: t("expNotAField", { cell }) });
    else setPendingCell(path);
  }

  const submitted = open?.detail.mine?.submittedAt !== undefined;
  const a = open?.detail.assignment;
  const total = a ? a.sheet.criteria.reduce((sum, c) => sum + (sheet.scores[c.id] ?? 0), 0) : 0;
  const label = (path: string) => fieldLabel(path)[lang];
  const setScore = (id: string, v: string) =>
    setSheet((x) => {
      const scores = { ...x.scores };
      if (v.trim() === "") delete scores[id];
      else scores[id] = Number(v);
      return { ...x, scores };
    });

  return (
    <div className={s.col} data-testid="expert-pane">
      <div className={s.bar}>
        <Badge appearance="tint" color="brand" data-testid="role">
          {t("roleExpert")}
        </Badge>
        {me.expert && (
          <Text size={200}>
            {me.expert.name} · {expertFieldTerms[me.expert.field][lang]}
          </Text>
        )}
      </div>
      {note && (
        <MessageBar intent={note.intent} layout="multiline" data-testid="expert-note">
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}

      {!open && (
        <>
          <div className={s.h}>{t("expMine")}</div>
          {list.length === 0 && <Text className={s.small}>{t("expNone")}</Text>}
          <ul className={s.list} data-testid="assignments">
            {list.map((x) => (
              <li key={x.id}>
                <button className={s.item} data-assignment={x.id} disabled={busy} onClick={() => void run(() => openAssignment(x.id))}>
                  <div>{assignmentTitle(x, lang)}</div>
                  <div className={s.small}>{assignmentFacts(x, t)}</div>
                  <div className={s.row}>
                    <Badge size="small" appearance="tint" color={x.mine === "submitted" ? "success" : x.mine === "draft" ? "informative" : "subtle"}>
                      {x.mine === "submitted" ? t("expStateSubmitted") : x.mine === "draft" ? t("expStateDraft") : t("expStateNone")}
                    </Badge>
                    {x.overdue && x.mine !== "submitted" && (
                      <Badge size="small" appearance="filled" color="danger">
                        {t("expOverdue")}
                      </Badge>
                    )}
                  </div>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {open && a && (
        <div className={s.col} data-testid="assignment">
          <AssignmentHeading a={a} t={t} lang={lang} more={a.overdue ? [t("expOverdue")] : []} onBack={() => void run(async () => (setOpen(undefined), await refresh()))} />

          <div className={s.card} data-testid="item">
            <div className={s.row}>
              <Text weight="semibold">{t("expItem")}</Text>
              {open.item?.form && workbook && (
                <Button size="small" onClick={() => void run(openInSheet)} data-testid="open-sheet">
                  {t("expOpenSheet")}
                </Button>
              )}
            </div>
            {open.item?.form && (
              <>
                <Text className={s.small}>{t("expReadOnly")}</Text>
                <div className={s.fields} data-testid="form-lines">
                  {formLines(open.item.form).map((l) => (
                    <div key={l.path} style={{ display: "contents" }} data-path={l.path}>
                      <span className={s.small}>{label(l.path)}</span>
                      <span className={s.value}>{l.value}</span>
                      {!submitted ? (
                        <Button size="small" appearance="transparent" onClick={() => setPendingCell(l.path)} aria-label={`${t("expCommentCell")} ${label(l.path)}`}>
                          {t("expCommentCell")}
                        </Button>
                      ) : (
                        <span />
                      )}
                    </div>
                  ))}
                </div>
              </>
            )}
            {open.item?.documents && (
              <div className={s.col} data-testid="documents">
                {open.item.documents.length === 0 && <Text className={s.small}>{t("expNoDocument")}</Text>}
                {open.item.documents.map((d) => (
                  <div key={d.version} className={s.row}>
                    <Text size={200}>
                      v{d.version} · {d.name} · {beijingDay(Date.parse(d.at))}
                    </Text>
                    <Button
                      size="small"
                      data-testid={`download-${d.version}`}
                      onClick={() =>
                        void run(async () => {
                          const blob = await r.download(d.href);
                          const link = document.createElement("a");
                          link.href = URL.createObjectURL(blob);
                          link.download = d.name;
                          link.click();
                          setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
                        })
                      }
                    >
                      {t("expDownload")}
                    </Button>
                  </div>
                ))}
              </div>
            )}
          </div>

          <div className={s.h}>
            {a.sheet.title} {submitted && <Badge appearance="tint" color="success">{t("expStateSubmitted")}</Badge>}
          </div>
          {a.sheet.criteria.map((c) => (
            <div key={c.id} className={s.card} data-criterion={c.id}>
              <div className={s.row}>
                <Text weight="semibold">{c.name}</Text>
                <Text className={s.small}>{t("expPoints", { weight: c.weight })}</Text>
              </div>
              {c.points && <Text className={s.small}>{c.points}</Text>}
              <div className={s.row}>
                <Field label={t("expScore")}>
                  <Input
                    className={s.score}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={c.weight}
                    step={0.5}
                    disabled={submitted}
                    value={sheet.scores[c.id] === undefined ? "" : String(sheet.scores[c.id])}
                    onChange={(_, d) => setScore(c.id, d.value)}
                    data-testid={`score-${c.id}`}
                  />
                </Field>
              </div>
              <Field label={t("expComment")}>
                <Textarea
                  disabled={submitted}
                  value={sheet.comments[c.id] ?? ""}
                  onChange={(_, d) => setSheet((x) => ({ ...x, comments: { ...x.comments, [c.id]: d.value } }))}
                  data-testid={`comment-${c.id}`}
                />
              </Field>
            </div>
          ))}

          {open.item?.form && (
            <div className={s.card} data-testid="cell-comments">
              <Text weight="semibold">{t("expCellComments")}</Text>
              {sheet.cells.map((c, i) => (
                <div key={`${c.cell}-${i}`} className={s.row} data-cell={c.cell}>
                  <Text size={200}>
                    <b>{label(c.cell)}</b>：{c.comment}
                  </Text>
                  {!submitted && (
                    <Button size="small" appearance="transparent" aria-label="×" onClick={() => setSheet((x) => ({ ...x, cells: x.cells.filter((_, j) => j !== i) }))}>
                      ×
                    </Button>
                  )}
                </div>
              ))}
              {!submitted && paths && (
                <Button size="small" onClick={() => void run(commentAtSelection)} data-testid="comment-selection">
                  {t("expAtSelection")}
                </Button>
              )}
              {!submitted && pendingCell && (
                <div className={s.col}>
                  <Field label={t("expCellFor", { cell: label(pendingCell) })}>
                    <Textarea value={cellText} onChange={(_, d) => setCellText(d.value)} data-testid="cell-text" />
                  </Field>
                  <Button
                    size="small"
                    disabled={!cellText.trim()}
                    data-testid="add-cell"
                    onClick={() => {
                      setSheet((x) => ({ ...x, cells: [...x.cells, { cell: pendingCell, comment: cellText.trim() }] }));
                      setCellText("");
                      setPendingCell(undefined);
                    }}
                  >
                    {t("expAddCell")}
                  </Button>
                </div>
              )}
            </div>
          )}

          <Field label={t("expOverall")}>
            <Textarea disabled={submitted} value={sheet.comment ?? ""} onChange={(_, d) => setSheet((x) => ({ ...x, comment: d.value }))} data-testid="overall" />
          </Field>
          <Text weight="semibold" data-testid="total">
            {t("expTotal", { total: Math.round(total * 100) / 100 })}
          </Text>
          {!submitted && (
            <div className={s.row}>
              <Button
                disabled={busy}
                data-testid="save-sheet"
                onClick={() =>
                  void run(async () => {
                    await r.save(a.id, clean(sheet));
                    // the others' progress may have moved on meanwhile (never their scores: the server holds them back)
                    const detail = await r.detail(a.id);
                    setOpen((o) => (o ? { ...o, detail } : o));
                    setNote({ intent: "success", text: t("expSaved") });
                  })
                }
              >
                {t("expSaveDraft")}
              </Button>
              <Button
                appearance="primary"
                disabled={busy}
                data-testid="submit-sheet"
                onClick={() =>
                  void run(async () => {
                    await r.submit(a.id, clean(sheet));
                    await openAssignment(a.id);
                    setNote({ intent: "success", text: t("expSubmitted") });
                  })
                }
              >
                {t("expSubmit")}
              </Button>
            </div>
          )}

          {open.detail.panel ? (
            <>
              <div className={s.h}>{t("expPanel")}</div>
              <PanelTable t={t} panel={open.detail.panel} experts={open.detail.experts} />
            </>
          ) : (
            <Text className={s.small} data-testid="hidden-panel">
              {t("expHidden", { n: a.submitted })}
            </Text>
          )}
        </div>
      )}
      <SignOutButton t={t} onSignOut={onSignOut} />
    </div>
  );
}

/** What is sent: blank comments left out (the server keeps what is said, not empty boxes). */
function clean(sheet: SheetInput): SheetInput {
  const comments = Object.fromEntries(Object.entries(sheet.comments).filter(([, v]) => v.trim() !== ""));
  const out: SheetInput = { scores: sheet.scores, comments, cells: sheet.cells };
  if (sheet.comment?.trim()) out.comment = sheet.comment;
  return out;
}
