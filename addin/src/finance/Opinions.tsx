// Opinions on results and problems handed on in the finance pane (docs/opinions.md): send the
// results notice's or a key project's conclusion's draft to the units named, with a deadline; read
// the answers; answer each objection (accepted, with the draft as changed, or not, with the
// reason); finalise. Hand a finding, a rectification item or a conclusion on to a supervision
// department. The server refuses what may not be done and says why; the pane shows its words.
import { Badge, Button, Field, Input, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { kindTerms, ratingTerms, type FormKind, type Rating } from "../../../shared/glossary.ts";
import { TermSelect, WordSelect } from "../components/TermSelect.tsx";
import type { Api, ConsultationView } from "../api.ts";
import type { Lang, MessageKey, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import { TextField } from "../components/TextField.tsx";
import { OrNone, Section } from "../components/Section.tsx";
import { ProjectCodes, typedCodes } from "../components/ProjectCodes.tsx";
import { useFields } from "../components/useFields.ts";
import { useTabData } from "./useTabData.ts";
import type { CycleProps } from "./tab.ts";

const useStyles = makeStyles({
  ...paneStyles,
  quote: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: "6px", whiteSpace: "pre-wrap", fontSize: tokens.fontSizeBase200 },
  objection: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: "6px", display: "flex", flexDirection: "column", gap: "4px" },
});

/** What a draft is sent to the units about. */
const draftSubjects = { results: "opResults", conclusion: "opConclusion" } as const satisfies Record<string, MessageKey>;
/** What is handed on to a supervision department. */
const handOnSubjects = { finding: "hoFinding", rectification: "hoRect", conclusion: "hoConclusion" } as const satisfies Record<string, MessageKey>;

type Props = CycleProps & { year: number };

export default function Opinions({ t, lang, api, version, busy, guarded, notify, year }: Props) {
  const s = useStyles();
  const { data: [drafts, handed] = [[], []], reload } = useTabData(
    "opinions",
    guarded,
    () => (year >= 2000 && year <= 2100 ? Promise.all([api.opinions(year), api.handovers(year)]) : undefined),
    [api, year, version],
  );

  return (
    <>
      <Section
        title={t("opTitle")}
        action={
          <Button size="small" appearance="subtle" disabled={busy} onClick={() => void guarded("opinions", reload)} data-testid="op-refresh">
            {t("refresh")}
          </Button>
        }
        data-testid="opinions"
      >
        <SendDraft t={t} lang={lang} api={api} year={year} busy={busy} guarded={guarded} notify={notify} onDone={reload} />
        <OrNone none={t("opNone")}>
          {drafts.map((d) => (
            <Draft key={d.id} t={t} lang={lang} api={api} draft={d} busy={busy} guarded={guarded} notify={notify} onDone={reload} />
          ))}
        </OrNone>
      </Section>
      <Section title={t("hoTitle")} data-testid="handovers">
        <HandOn t={t} lang={lang} api={api} year={year} busy={busy} guarded={guarded} notify={notify} onDone={reload} />
        <OrNone none={t("hoNone")}>
          {handed.map((h) => (
            <div key={h.id} className={s.small} data-handover={h.id}>
              <b>{h.unit}</b> · {h.what} → {h.department} · {h.date} · {h.reference}
              <div>{h.summary}</div>
            </div>
          ))}
        </OrNone>
      </Section>
    </>
  );
}

interface Part {
  t: T;
  lang: Lang;
  api: Api;
  busy: boolean;
  guarded: Props["guarded"];
  notify: Props["notify"];
  onDone: () => Promise<void>;
}

function SendDraft({ t, lang, api, year, busy, guarded, notify, onDone }: Part & { year: number }) {
  const s = useStyles();
  const f = useFields({ kind: "results" as keyof typeof draftSubjects, unit: "", project: "", grade: "good" as Rating, title: "", text: "", units: "", deadline: "" });
  const { kind, unit, project, grade, title, text, units, deadline } = f.values;
  async function send() {
    const subject = kind === "results" ? { kind } : { kind, unit: unit.trim(), project: project.trim() };
    const d = await api.sendDraft({ year, subject, title: title.trim(), draft: { text: text.trim(), ...(kind === "conclusion" ? { grade } : {}) }, units: typedCodes(units), deadline });
    notify({ intent: "success", text: t("opSent", { title: d.title }) });
    f.reset("title", "text");
    await onDone();
  }
  return (
    <>
      <Field label={t("opSubject")}>
        <WordSelect words={draftSubjects} t={t} {...f.bind("kind")} data-testid="op-kind" />
      </Field>
      {kind === "conclusion" && (
        <div className={s.row}>
          <ProjectCodes t={t} unit={f.bind("unit")} project={f.bind("project")} data-testid="op" />
          <TermSelect terms={ratingTerms} lang={lang} {...f.bind("grade")} aria-label={t("opGrade")} data-testid="op-grade" />
        </div>
      )}
      <TextField label={t("opDraftTitle")} {...f.bind("title")} data-testid="op-title" />
      <TextField label={t("opDraftText")} {...f.bind("text")} multiline resize="vertical" data-testid="op-text" />
      <TextField label={t("opUnits")} {...f.bind("units")} data-testid="op-units" />
      <TextField label={t("opDeadline")} type="date" {...f.bind("deadline")} data-testid="op-deadline" />
      <Button appearance="primary" disabled={busy || !title.trim() || !text.trim() || typedCodes(units).length === 0 || !deadline} onClick={() => void guarded("opinions", send)} data-testid="op-send">
        {t("opSend")}
      </Button>
    </>
  );
}

function Draft({ t, lang, api, draft, busy, guarded, notify, onDone }: Part & { draft: ConsultationView }) {
  const s = useStyles();
  const cur = draft.drafts[draft.drafts.length - 1]!;
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [grades, setGrades] = useState<Record<string, Rating>>({});
  async function handle(unit: string, decision: "accepted" | "rejected") {
    const change = decision === "accepted" && draft.subject.kind === "conclusion" ? { draft: { ...(texts[unit]?.trim() ? { text: texts[unit]!.trim() } : {}), ...(grades[unit] ? { grade: grades[unit] } : {}) } } : {};
    await api.replyToObjection(draft.id, { unit, decision, reason: (reasons[unit] ?? "").trim(), ...change });
    await onDone();
  }
  async function finalise() {
    await api.finaliseDraft(draft.id);
    notify({ intent: "success", text: t("opFinalised", { title: draft.title }) });
    await onDone();
  }
  return (
    <div className={s.col} data-draft={draft.id} data-state={draft.state} style={{ borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: 4 }}>
      <div>
        <b>{draft.title}</b>{" "}
        <Badge size="small" appearance="tint" color={draft.state === "final" ? "success" : draft.pastDeadline ? "danger" : "brand"}>
          {draft.state === "final" ? t("opFinal") : t("opOpen")}
        </Badge>
      </div>
      <Text className={s.small}>
        {draft.subject.kind === "conclusion" ? `${draft.subject.unit} · ${draft.subject.projectName ?? draft.subject.project} · ` : ""}
        {t("deadline")} {draft.deadlineDay} · {t("opDraftVersion", { n: cur.n })}
        {cur.grade ? ` · ${ratingTerms[cur.grade][lang]}` : ""}
        {cur.because ? t("opBecause", { unit: cur.because }) : ""}
      </Text>
      <div className={s.quote}>{cur.text}</div>
      {draft.waiting.length > 0 && draft.state === "open" && <Text className={s.small} data-testid="op-waiting">{t("opWaiting", { units: draft.waiting.join("、") })}</Text>}
      {draft.opinions.map((o) => (
        <div key={o.unit} className={o.stance === "disagree" ? s.objection : undefined} data-opinion={o.unit} data-stance={o.stance}>
          <Text size={200}>
            <b>{o.unit}</b>{" "}
            <Badge size="small" appearance="tint" color={o.stance === "agree" ? "success" : "danger"}>
              {o.silent ? o.reasons : o.stance === "agree" ? t("opAgree") : t("opDisagree")}
            </Badge>
          </Text>
          {!o.silent && o.reasons && <Text size={200}>{o.reasons}</Text>}
          {(o.evidence || o.document) && (
            <Text className={s.small}>
              {t("opEvidence")}: {[o.evidence, o.document?.name].filter(Boolean).join("；")}
            </Text>
          )}
          {o.handling && (
            <Text size={200} data-testid="op-handled">
              {o.handling.decision === "accepted" ? t("opAccept") : t("opReject")}：{o.handling.reason}
            </Text>
          )}
          {o.stance === "disagree" && !o.handling && draft.state === "open" && (
            <>
              <Field label={t("opHandling")}>
                <Textarea value={reasons[o.unit] ?? ""} onChange={(_, d) => setReasons((r) => ({ ...r, [o.unit]: d.value }))} resize="vertical" data-testid="op-reason" />
              </Field>
              {draft.subject.kind === "conclusion" && (
                <>
                  <Field label={t("opNewText")}>
                    <Textarea value={texts[o.unit] ?? ""} onChange={(_, d) => setTexts((x) => ({ ...x, [o.unit]: d.value }))} resize="vertical" data-testid="op-new-text" />
                  </Field>
                  <TermSelect terms={ratingTerms} lang={lang} value={grades[o.unit] ?? cur.grade ?? "good"} onChange={(g) => setGrades((x) => ({ ...x, [o.unit]: g }))} aria-label={t("opGrade")} data-testid="op-new-grade" />
                </>
              )}
              <div className={s.row}>
                <Button size="small" disabled={busy || !(reasons[o.unit] ?? "").trim()} onClick={() => void guarded("opinions", () => handle(o.unit, "accepted"))} data-testid="op-accept">
                  {t("opAccept")}
                </Button>
                <Button size="small" disabled={busy || !(reasons[o.unit] ?? "").trim()} onClick={() => void guarded("opinions", () => handle(o.unit, "rejected"))} data-testid="op-reject">
                  {t("opReject")}
                </Button>
              </div>
            </>
          )}
        </div>
      ))}
      {draft.state === "open" && (
        <Button size="small" appearance="primary" disabled={busy} onClick={() => void guarded("opinions", finalise)} data-testid="op-finalise">
          {t("opFinalise")}
        </Button>
      )}
    </div>
  );
}

function HandOn({ t, lang, api, year, busy, guarded, notify, onDone }: Part & { year: number }) {
  const s = useStyles();
  const f = useFields({ kind: "finding" as keyof typeof handOnSubjects, unit: "", project: "", form: "target" as FormKind, rule: "", row: "", id: "", department: "区纪委监委", date: "", reference: "", summary: "" });
  const { kind, unit, project, form, rule, row, id, department, date, reference, summary } = f.values;
  async function send() {
    const subject =
      kind === "finding"
        ? { kind, year, unit: unit.trim(), project: project.trim(), form, rule: rule.trim().toUpperCase(), ...(row.trim() ? { row: Number(row.trim()) } : {}) }
        : { kind, id: id.trim() };
    const h = await api.handOn({ subject, department: department.trim(), date, reference: reference.trim(), summary: summary.trim() });
    notify({ intent: "success", text: t("hoDone", { what: h.what }) });
    f.reset("summary", "reference");
    await onDone();
  }
  const ready = department.trim() && date && reference.trim() && summary.trim() && (kind === "finding" ? unit.trim() && project.trim() && rule.trim() : id.trim());
  return (
    <>
      <Field label={t("hoWhat")}>
        <WordSelect words={handOnSubjects} t={t} {...f.bind("kind")} data-testid="ho-kind" />
      </Field>
      {kind === "finding" ? (
        <div className={s.row}>
          <ProjectCodes t={t} unit={f.bind("unit")} project={f.bind("project")} data-testid="ho" />
          <TermSelect terms={kindTerms} lang={lang} {...f.bind("form")} data-testid="ho-form" />
          <Input value={rule} onChange={(_, d) => f.set("rule", d.value)} placeholder={t("hoRule")} style={{ width: 70, minWidth: 0 }} data-testid="ho-rule" />
          <Input value={row} onChange={(_, d) => f.set("row", d.value)} placeholder={t("hoRow")} style={{ width: 60, minWidth: 0 }} inputMode="numeric" data-testid="ho-row" />
        </div>
      ) : (
        <TextField label={t("hoId")} {...f.bind("id")} data-testid="ho-id" />
      )}
      <TextField label={t("hoDepartment")} {...f.bind("department")} data-testid="ho-department" />
      <TextField label={t("hoDate")} type="date" {...f.bind("date")} data-testid="ho-date" />
      <TextField label={t("hoReference")} {...f.bind("reference")} data-testid="ho-reference" />
      <TextField label={t("hoSummary")} {...f.bind("summary")} multiline resize="vertical" data-testid="ho-summary" />
      <Button disabled={busy || !ready} onClick={() => void guarded("handover", send)} data-testid="ho-send">
        {t("hoSend")}
      </Button>
    </>
  );
}
