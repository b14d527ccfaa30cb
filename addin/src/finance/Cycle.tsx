// The bureau's cycle in the finance pane (the server's /api/notices, /api/rectifications,
// /api/results and /api/assessment): issue a notice (kind, units or all, deadline) and follow it
// (each unit's forms on time, late, due or missing, in words); open, accept and reopen
// rectification items; download the results notice; see the assessment of units.
import { Badge, Button, Checkbox, Field, Input, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { formKinds, kindTerms, type FormKind } from "../../../shared/glossary.ts";
import { documentTypes } from "../../../shared/documents.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import type { DeadlineState } from "../../../shared/cycle/notice.ts";
import type { NoticeView, RectView } from "../api.ts";
import type { MessageKey } from "../messages.ts";
import { saveBlob } from "../download.ts";
import { paneStyles } from "../styles.ts";
import type { FinanceTabProps } from "./tab.ts";
import { beijingTime } from "./Review.tsx";
import Opinions from "./Opinions.tsx";
import { TextField } from "../components/TextField.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "6px", display: "flex", flexDirection: "column", gap: "4px" },
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%", "& td, & th": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left", verticalAlign: "top" } },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

const stateColour: Record<DeadlineState, "success" | "warning" | "informative" | "danger"> = { onTime: "success", late: "warning", due: "informative", missing: "danger" };
const stateKey = (s: DeadlineState) => `state_${s}` as MessageKey;
const rectKey = (s: string) => `rect_${s}` as MessageKey;

export interface CycleProps extends FinanceTabProps {
  /** bumped when the server reports a notice, deadline or rectification change */
  version: number;
}

/** Saves a workbook's bytes as a file (download.ts). */
function saveFile(bytes: ArrayBuffer, name: string) {
  saveBlob(new Blob([bytes], { type: documentTypes.xlsx.contentType }), name);
}

export default function Cycle({ t, lang, api, version, busy, guarded, notify }: CycleProps) {
  const s = useStyles();
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [notices, setNotices] = useState<NoticeView[]>([]);
  const [rects, setRects] = useState<RectView[]>([]);
  const [following, setFollowing] = useState<string>();
  // issue a notice
  const [kind, setKind] = useState<FormKind>("target");
  const [units, setUnits] = useState("");
  const [deadline, setDeadline] = useState("");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [template, setTemplate] = useState(true);
  // open a rectification item
  const [rUnit, setRUnit] = useState("");
  const [rProject, setRProject] = useState("");
  const [rKind, setRKind] = useState<FormKind>("selfEval");
  const [rRequirement, setRRequirement] = useState("");
  const [rDeadline, setRDeadline] = useState("");
  const [comments, setComments] = useState<Record<string, string>>({});
  const [assessment, setAssessment] = useState<{ unit: string; name: string; total: number | null; rank: number | null; handedOn?: unknown[] }[]>();

  const y = Number(year);
  const load = useCallback(async () => {
    if (!/^\d{4}$/.test(year)) return;
    const [n, r] = await Promise.all([api.notices(y), api.rectifications(y)]);
    setNotices(n);
    setRects(r);
  }, [api, year]);
  useEffect(() => {
    void guarded("cycle", load);
  }, [load, version]);

  async function issue() {
    const codes = units
      .split(/[,，、\s]+/)
      .map((c) => c.trim())
      .filter(Boolean);
    const n = await api.issueNotice({ year: y, kind, units: codes.length ? codes : "all", deadline: deadline.trim(), title: title.trim(), text: text.trim(), ...(template ? { template: kind } : {}) });
    notify({ intent: "success", text: t("noticeIssued", { title: n.title }) });
    setTitle("");
    setText("");
    setFollowing(n.id);
    await load();
  }

  async function openRect() {
    await api.openRectification({ year: y, unit: rUnit.trim(), project: rProject.trim(), kind: rKind, requirement: rRequirement.trim(), deadline: rDeadline.trim() });
    notify({ intent: "success", text: t("rectOpened") });
    setRRequirement("");
    await load();
  }

  async function accept(r: RectView) {
    await api.acceptRectification(r.id, comments[r.id]?.trim() || undefined);
    await load();
  }

  async function reopen(r: RectView) {
    const c = comments[r.id]?.trim();
    if (!c) throw new Error(t("rectComment"));
    await api.reopenRectification(r.id, c);
    await load();
  }

  return (
    <div className={s.col} data-testid="cycle">
      <TextField label={t("year")} value={year} onChange={setYear} style={{ width: 80, minWidth: 0 }} data-testid="cycle-year" />

      <section className={s.card} data-testid="issue-notice">
        <Text className={s.h}>{t("issueNoticeTitle")}</Text>
        <Field label={t("kind")}>
          <TermSelect terms={kindTerms} keys={formKinds} lang={lang} value={kind} onChange={setKind} data-testid="notice-kind" />
        </Field>
        <TextField label={t("noticeUnits")} value={units} onChange={setUnits} data-testid="notice-units" />
        <TextField label={t("noticeDeadline")} type="date" value={deadline} onChange={setDeadline} data-testid="notice-deadline" />
        <TextField label={t("noticeTitle")} value={title} onChange={setTitle} data-testid="notice-title" />
        <TextField label={t("noticeText")} value={text} onChange={setText} multiline data-testid="notice-text" />
        <Checkbox checked={template} onChange={(_, d) => setTemplate(d.checked === true)} label={t("noticeTemplate")} />
        <Button appearance="primary" disabled={busy || !title.trim() || !text.trim() || !deadline} onClick={() => void guarded("notice", issue)} data-testid="issue-notice-button">
          {t("issueNotice")}
        </Button>
      </section>

      <section className={s.card} data-testid="notices">
        <Text className={s.h}>{t("yearNotices")}</Text>
        {notices.length === 0 && <Text className={s.small}>{t("yearNoNotices")}</Text>}
        {notices.map((n) => (
          <div key={n.id} className={s.col} data-notice={n.id}>
            <div>
              <b>{n.title}</b> <Badge size="small" appearance="tint" color={n.passed ? "danger" : "brand"}>{n.passed ? t("deadlinePassed") : `${t("deadline")} ${beijingTime(n.deadline).slice(0, 10)}`}</Badge>
            </div>
            <Text className={s.small}>
              {kindTerms[n.kind][lang]} ·{" "}
              {(["onTime", "late", "due", "missing"] as const).map((st) => `${t(stateKey(st))} ${n.counts[st]}`).join(" · ")}
            </Text>
            <Button size="small" appearance="subtle" onClick={() => setFollowing(following === n.id ? undefined : n.id)} data-testid="follow">
              {t("follow")}
            </Button>
            {following === n.id && (
              <table className={s.table} data-testid="notice-items">
                <tbody>
                  {n.items.map((i, k) => (
                    <tr key={k} data-unit={i.unit}>
                      <td>{i.unit}</td>
                      <td>{i.project ?? t("noProject")}</td>
                      <td>
                        <Badge size="small" appearance="tint" color={stateColour[i.state]}>
                          {t(stateKey(i.state))}
                        </Badge>
                      </td>
                      <td className={s.small}>{i.firstSubmittedAt ? beijingTime(i.firstSubmittedAt) : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        ))}
      </section>

      <section className={s.card} data-testid="rectifications">
        <Text className={s.h}>{t("rectTitle")}</Text>
        {rects.length === 0 && <Text className={s.small}>{t("noRects")}</Text>}
        {rects.map((r) => (
          <div key={r.id} className={s.col} data-rect={r.id}>
            <div>
              <b>
                {r.unit} · {r.project}
              </b>{" "}
              <Badge size="small" appearance="tint" color={r.state === "closed" ? "success" : r.state === "answered" ? "brand" : "warning"}>
                {t(rectKey(r.state))}
              </Badge>{" "}
              {r.overdue && <span className={s.bad}>{t("overdue")}</span>}
            </div>
            <Text className={s.small}>
              {r.requirement} · {t("deadline")} {beijingTime(r.deadline).slice(0, 10)}
            </Text>
            {r.answers.length > 0 && (
              <Text className={s.small}>
                {t("measures")}: {r.answers[r.answers.length - 1]!.measures}
              </Text>
            )}
            {/* accept an answer; reopen an answered or closed item (an open one waits for the unit) */}
            {r.state !== "open" && (
              <div className={s.row}>
                <Input value={comments[r.id] ?? ""} onChange={(_, d) => setComments((c) => ({ ...c, [r.id]: d.value }))} placeholder={t("rectComment")} style={{ flex: 1 }} />
                {r.state === "answered" && (
                  <Button size="small" disabled={busy} onClick={() => void guarded("accept", () => accept(r))}>
                    {t("rectAccept")}
                  </Button>
                )}
                <Button size="small" disabled={busy || !(comments[r.id] ?? "").trim()} onClick={() => void guarded("reopen", () => reopen(r))}>
                  {t("rectReopen")}
                </Button>
              </div>
            )}
          </div>
        ))}
        <Text className={s.h}>{t("rectOpenTitle")}</Text>
        <div className={s.row}>
          <Input value={rUnit} onChange={(_, d) => setRUnit(d.value)} placeholder={t("rectUnit")} style={{ width: 100, minWidth: 0 }} data-testid="rect-unit" />
          <Input value={rProject} onChange={(_, d) => setRProject(d.value)} placeholder={t("rectProject")} style={{ width: 100, minWidth: 0 }} data-testid="rect-project" />
          <TermSelect terms={kindTerms} keys={formKinds} lang={lang} value={rKind} onChange={setRKind} data-testid="rect-kind" />
        </div>
        <TextField label={t("rectRequirement")} value={rRequirement} onChange={setRRequirement} multiline data-testid="rect-requirement" />
        <TextField label={t("noticeDeadline")} type="date" value={rDeadline} onChange={setRDeadline} data-testid="rect-deadline" />
        <Button disabled={busy || !rUnit.trim() || !rProject.trim() || !rRequirement.trim() || !rDeadline} onClick={() => void guarded("rect", openRect)} data-testid="rect-open">
          {t("rectOpen")}
        </Button>
      </section>

      <section className={s.card} data-testid="results">
        <Text className={s.h}>{t("resultsTitle")}</Text>
        <div className={s.row}>
          <Button size="small" disabled={busy} onClick={() => void guarded("results", async () => saveFile(await api.resultsXlsx(y), `绩效评价结果通报-${y}.xlsx`))}>
            {t("resultsFull")}
          </Button>
          <Button size="small" disabled={busy} onClick={() => void guarded("results", async () => saveFile(await api.resultsXlsx(y, "public"), `绩效评价结果通报-${y}-公开.xlsx`))}>
            {t("resultsPublic")}
          </Button>
          <Button size="small" disabled={busy} onClick={() => void guarded("assessment", async () => setAssessment((await api.assessment(y)).units))} data-testid="show-assessment">
            {t("assessmentShow")}
          </Button>
        </div>
        {assessment && (
          <table className={s.table} data-testid="assessment">
            <thead>
              <tr>
                <th>{t("ovUnit")}</th>
                <th>{t("assessmentScore")}</th>
                <th>{t("assessmentRank")}</th>
                <th>{t("hoCount")}</th>
              </tr>
            </thead>
            <tbody>
              {assessment.map((a) => (
                <tr key={a.unit}>
                  <td>{a.name}</td>
                  <td>{a.total === null ? "—" : a.total.toFixed(2)}</td>
                  <td>{a.rank ?? "—"}</td>
                  <td>{a.handedOn?.length ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <Opinions t={t} lang={lang} api={api} version={version} busy={busy} guarded={guarded} notify={notify} year={y} />
    </div>
  );
}
