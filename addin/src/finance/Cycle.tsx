// The bureau's cycle in the finance pane (the server's /api/notices, /api/rectifications,
// /api/results and /api/assessment): issue a notice (kind, units or all, deadline) and follow it
// (each unit's forms on time, late, due or missing, in words); open, accept and reopen
// rectification items; download the results notice; see the assessment of units.
import { Badge, Button, Checkbox, Field, Input, Text, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import { formKinds, kindTerms, type FormKind } from "../../../shared/glossary.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import type { DeadlineState } from "../../../shared/cycle/notice.ts";
import type { AssessmentView, NoticeView, RectView } from "../api.ts";
import type { Lang, MessageKey, T } from "../messages.ts";
import { saveWorkbook } from "../download.ts";
import { paneStyles } from "../styles.ts";
import type { CycleProps } from "./tab.ts";
import { beijingTime } from "./Review.tsx";
import Opinions from "./Opinions.tsx";
import { TextField } from "../components/TextField.tsx";
import { OrNone, Section } from "../components/Section.tsx";
import { Table } from "../components/Table.tsx";
import { YearField, typedYear, useYearText } from "../components/YearField.tsx";
import { ProjectCodes, typedCodes } from "../components/ProjectCodes.tsx";
import { useFields } from "../components/useFields.ts";
import { useTabData } from "./useTabData.ts";

const useStyles = makeStyles(paneStyles);

const stateColour: Record<DeadlineState, "success" | "warning" | "informative" | "danger"> = { onTime: "success", late: "warning", due: "informative", missing: "danger" };
const stateKey = (s: DeadlineState) => `state_${s}` as MessageKey;
const rectKey = (s: string) => `rect_${s}` as MessageKey;

export default function Cycle({ t, lang, api, version, busy, guarded, notify }: CycleProps) {
  const s = useStyles();
  const [year, setYear] = useYearText();
  const [following, setFollowing] = useState<string>();
  const notice = useFields({ kind: "target" as FormKind, units: "", deadline: "", title: "", text: "", template: true });
  const rect = useFields({ unit: "", project: "", kind: "selfEval" as FormKind, requirement: "", deadline: "" });
  const [comments, setComments] = useState<Record<string, string>>({});
  const [assessment, setAssessment] = useState<AssessmentView["units"]>();

  const y = Number(year);
  const { data: [notices, rects] = [[], []], reload } = useTabData(
    "cycle",
    guarded,
    () => {
      const asked = typedYear(year);
      return asked === undefined ? undefined : Promise.all([api.notices(asked), api.rectifications(asked)]);
    },
    [api, year, version],
  );

  async function issue() {
    const { kind, units, deadline, title, text, template } = notice.values;
    const codes = typedCodes(units);
    const n = await api.issueNotice({ year: y, kind, units: codes.length ? codes : "all", deadline: deadline.trim(), title: title.trim(), text: text.trim(), ...(template ? { template: kind } : {}) });
    notify({ intent: "success", text: t("noticeIssued", { title: n.title }) });
    notice.reset("title", "text");
    setFollowing(n.id);
    await reload();
  }

  async function openRect() {
    const { unit, project, kind, requirement, deadline } = rect.values;
    await api.openRectification({ year: y, unit: unit.trim(), project: project.trim(), kind, requirement: requirement.trim(), deadline: deadline.trim() });
    notify({ intent: "success", text: t("rectOpened") });
    rect.reset("requirement");
    await reload();
  }

  async function accept(r: RectView) {
    await api.acceptRectification(r.id, comments[r.id]?.trim() || undefined);
    await reload();
  }

  async function reopen(r: RectView) {
    const c = comments[r.id]?.trim();
    if (!c) throw new Error(t("rectComment"));
    await api.reopenRectification(r.id, c);
    await reload();
  }

  const n = notice.values;
  const r = rect.values;
  return (
    <div className={s.col} data-testid="cycle">
      <YearField t={t} value={year} onChange={setYear} data-testid="cycle-year" />

      <Section title={t("issueNoticeTitle")} data-testid="issue-notice">
        <Field label={t("kind")}>
          <TermSelect terms={kindTerms} keys={formKinds} lang={lang} {...notice.bind("kind")} data-testid="notice-kind" />
        </Field>
        <TextField label={t("noticeUnits")} {...notice.bind("units")} data-testid="notice-units" />
        <TextField label={t("noticeDeadline")} type="date" {...notice.bind("deadline")} data-testid="notice-deadline" />
        <TextField label={t("noticeTitle")} {...notice.bind("title")} data-testid="notice-title" />
        <TextField label={t("noticeText")} {...notice.bind("text")} multiline data-testid="notice-text" />
        <Checkbox checked={n.template} onChange={(_, d) => notice.set("template", d.checked === true)} label={t("noticeTemplate")} />
        <Button appearance="primary" disabled={busy || !n.title.trim() || !n.text.trim() || !n.deadline} onClick={() => void guarded("notice", issue)} data-testid="issue-notice-button">
          {t("issueNotice")}
        </Button>
      </Section>

      <Section title={t("yearNotices")} data-testid="notices">
        <OrNone none={t("yearNoNotices")}>
          {notices.map((x) => (
            <NoticeFollow key={x.id} t={t} lang={lang} notice={x} following={following === x.id} onFollow={() => setFollowing(following === x.id ? undefined : x.id)} />
          ))}
        </OrNone>
      </Section>

      <Section title={t("rectTitle")} data-testid="rectifications">
        <OrNone none={t("noRects")}>
          {rects.map((x) => (
            <div key={x.id} className={s.col} data-rect={x.id}>
              <RectHeading t={t} rect={x} />
              {/* accept an answer; reopen an answered or closed item (an open one waits for the unit) */}
              {x.state !== "open" && (
                <div className={s.row}>
                  <Input value={comments[x.id] ?? ""} onChange={(_, d) => setComments((c) => ({ ...c, [x.id]: d.value }))} placeholder={t("rectComment")} style={{ flex: 1 }} />
                  {x.state === "answered" && (
                    <Button size="small" disabled={busy} onClick={() => void guarded("accept", () => accept(x))}>
                      {t("rectAccept")}
                    </Button>
                  )}
                  <Button size="small" disabled={busy || !(comments[x.id] ?? "").trim()} onClick={() => void guarded("reopen", () => reopen(x))}>
                    {t("rectReopen")}
                  </Button>
                </div>
              )}
            </div>
          ))}
        </OrNone>
        <Text className={s.h}>{t("rectOpenTitle")}</Text>
        <div className={s.row}>
          <ProjectCodes t={t} unit={rect.bind("unit")} project={rect.bind("project")} data-testid="rect" />
          <TermSelect terms={kindTerms} keys={formKinds} lang={lang} {...rect.bind("kind")} data-testid="rect-kind" />
        </div>
        <TextField label={t("rectRequirement")} {...rect.bind("requirement")} multiline data-testid="rect-requirement" />
        <TextField label={t("noticeDeadline")} type="date" {...rect.bind("deadline")} data-testid="rect-deadline" />
        <Button disabled={busy || !r.unit.trim() || !r.project.trim() || !r.requirement.trim() || !r.deadline} onClick={() => void guarded("rect", openRect)} data-testid="rect-open">
          {t("rectOpen")}
        </Button>
      </Section>

      <Section title={t("resultsTitle")} data-testid="results">
        <div className={s.row}>
          <Button size="small" disabled={busy} onClick={() => void guarded("results", async () => saveWorkbook(await api.resultsXlsx(y), `绩效评价结果通报-${y}.xlsx`))}>
            {t("resultsFull")}
          </Button>
          <Button size="small" disabled={busy} onClick={() => void guarded("results", async () => saveWorkbook(await api.resultsXlsx(y, "public"), `绩效评价结果通报-${y}-公开.xlsx`))}>
            {t("resultsPublic")}
          </Button>
          <Button size="small" disabled={busy} onClick={() => void guarded("assessment", async () => setAssessment((await api.assessment(y)).units))} data-testid="show-assessment">
            {t("assessmentShow")}
          </Button>
        </div>
        {assessment && (
          <Table
            rows={assessment}
            rowKey={(a) => a.unit}
            columns={[
              { head: t("ovUnit"), cell: (a) => a.name },
              { head: t("assessmentScore"), cell: (a) => (a.total === null ? "—" : a.total.toFixed(2)) },
              { head: t("assessmentRank"), cell: (a) => a.rank ?? "—" },
              { head: t("hoCount"), cell: (a) => a.handedOn?.length ?? 0 },
            ]}
            data-testid="assessment"
          />
        )}
      </Section>

      <Opinions t={t} lang={lang} api={api} version={version} busy={busy} guarded={guarded} notify={notify} year={y} />
    </div>
  );
}

/** A notice of the year: its title and deadline, the count of forms in each state, and each unit's forms when followed. */
function NoticeFollow({ t, lang, notice: n, following, onFollow }: { t: T; lang: Lang; notice: NoticeView; following: boolean; onFollow: () => void }) {
  const s = useStyles();
  return (
    <div className={s.col} data-notice={n.id}>
      <div>
        <b>{n.title}</b> <Badge size="small" appearance="tint" color={n.passed ? "danger" : "brand"}>{n.passed ? t("deadlinePassed") : `${t("deadline")} ${beijingTime(n.deadline).slice(0, 10)}`}</Badge>
      </div>
      <Text className={s.small}>
        {kindTerms[n.kind][lang]} ·{" "}
        {(["onTime", "late", "due", "missing"] as const).map((st) => `${t(stateKey(st))} ${n.counts[st]}`).join(" · ")}
      </Text>
      <Button size="small" appearance="subtle" onClick={onFollow} data-testid="follow">
        {t("follow")}
      </Button>
      {following && (
        <Table
          rows={n.items}
          rowKey={(_, k) => k}
          row={(i) => ({ "data-unit": i.unit })}
          columns={[
            { cell: (i) => i.unit },
            { cell: (i) => i.project ?? t("noProject") },
            {
              cell: (i) => (
                <Badge size="small" appearance="tint" color={stateColour[i.state]}>
                  {t(stateKey(i.state))}
                </Badge>
              ),
            },
            { cell: (i) => (i.firstSubmittedAt ? beijingTime(i.firstSubmittedAt) : ""), className: () => s.small },
          ]}
          data-testid="notice-items"
        />
      )}
    </div>
  );
}

/** A rectification item as finance reads it: whose, its state, what was required by when, the unit's last answer. */
function RectHeading({ t, rect: r }: { t: T; rect: RectView }) {
  const s = useStyles();
  return (
    <>
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
    </>
  );
}

