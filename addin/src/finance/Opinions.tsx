// Opinions on results and problems handed on in the finance pane (docs/opinions.md): send the
// results notice's or a key project's conclusion's draft to the units named, with a deadline; read
// the answers; answer each objection (accepted, with the draft as changed, or not, with the
// reason); finalise. Hand a finding, a rectification item or a conclusion on to a supervision
// department. The server refuses what may not be done and says why; the pane shows its words.
import { Badge, Button, Field, Input, Select, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import { kindTerms, ratingTerms, type FormKind, type Rating } from "../../../shared/glossary.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import type { Api, ConsultationView, HandoverView } from "../api.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import type { CycleProps } from "./Cycle.tsx";
import { TextField } from "../components/TextField.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "6px", display: "flex", flexDirection: "column", gap: "4px" },
  quote: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: "6px", whiteSpace: "pre-wrap", fontSize: tokens.fontSizeBase200 },
  objection: { borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`, paddingLeft: "6px", display: "flex", flexDirection: "column", gap: "4px" },
});

const codes = (s: string) =>
  s
    .split(/[,，、\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);

type Props = Pick<CycleProps, "t" | "lang" | "api" | "version" | "busy" | "guarded" | "notify"> & { year: number };

export default function Opinions({ t, lang, api, version, busy, guarded, notify, year }: Props) {
  const s = useStyles();
  const [drafts, setDrafts] = useState<ConsultationView[]>([]);
  const [handed, setHanded] = useState<HandoverView[]>([]);
  const load = useCallback(async () => {
    if (!(year >= 2000 && year <= 2100)) return;
    const [d, h] = await Promise.all([api.opinions(year), api.handovers(year)]);
    setDrafts(d);
    setHanded(h);
  }, [api, year]);
  useEffect(() => {
    void guarded("opinions", load);
  }, [load, version]);

  return (
    <>
      <section className={s.card} data-testid="opinions">
        <div className={s.row} style={{ justifyContent: "space-between", alignItems: "center" }}>
          <Text className={s.h}>{t("opTitle")}</Text>
          <Button size="small" appearance="subtle" disabled={busy} onClick={() => void guarded("opinions", load)} data-testid="op-refresh">
            {t("refresh")}
          </Button>
        </div>
        <SendDraft t={t} lang={lang} api={api} year={year} busy={busy} guarded={guarded} notify={notify} onDone={load} />
        {drafts.length === 0 && <Text className={s.small}>{t("opNone")}</Text>}
        {drafts.map((d) => (
          <Draft key={d.id} t={t} lang={lang} api={api} draft={d} busy={busy} guarded={guarded} notify={notify} onDone={load} />
        ))}
      </section>
      <section className={s.card} data-testid="handovers">
        <Text className={s.h}>{t("hoTitle")}</Text>
        <HandOn t={t} lang={lang} api={api} year={year} busy={busy} guarded={guarded} notify={notify} onDone={load} />
        {handed.length === 0 && <Text className={s.small}>{t("hoNone")}</Text>}
        {handed.map((h) => (
          <div key={h.id} className={s.small} data-handover={h.id}>
            <b>{h.unit}</b> · {h.what} → {h.department} · {h.date} · {h.reference}
            <div>{h.summary}</div>
          </div>
        ))}
      </section>
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
  const [kind, setKind] = useState<"results" | "conclusion">("results");
  const [unit, setUnit] = useState("");
  const [project, setProject] = useState("");
  const [grade, setGrade] = useState<Rating>("good");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [units, setUnits] = useState("");
  const [deadline, setDeadline] = useState("");
  async function send() {
    const subject = kind === "results" ? { kind } : { kind, unit: unit.trim(), project: project.trim() };
    const d = await api.sendDraft({ year, subject, title: title.trim(), draft: { text: text.trim(), ...(kind === "conclusion" ? { grade } : {}) }, units: codes(units), deadline });
    notify({ intent: "success", text: t("opSent", { title: d.title }) });
    setTitle("");
    setText("");
    await onDone();
  }
  return (
    <>
      <Field label={t("opSubject")}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as typeof kind)} data-testid="op-kind">
          <option value="results">{t("opResults")}</option>
          <option value="conclusion">{t("opConclusion")}</option>
        </Select>
      </Field>
      {kind === "conclusion" && (
        <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
          <Input value={unit} onChange={(_, d) => setUnit(d.value)} placeholder={t("opUnitCode")} style={{ width: 90, minWidth: 0 }} data-testid="op-unit" />
          <Input value={project} onChange={(_, d) => setProject(d.value)} placeholder={t("opProject")} style={{ width: 90, minWidth: 0 }} data-testid="op-project" />
          <TermSelect terms={ratingTerms} lang={lang} value={grade} onChange={setGrade} aria-label={t("opGrade")} data-testid="op-grade" />
        </div>
      )}
      <TextField label={t("opDraftTitle")} value={title} onChange={setTitle} data-testid="op-title" />
      <TextField label={t("opDraftText")} value={text} onChange={setText} multiline resize="vertical" data-testid="op-text" />
      <TextField label={t("opUnits")} value={units} onChange={setUnits} data-testid="op-units" />
      <TextField label={t("opDeadline")} type="date" value={deadline} onChange={setDeadline} data-testid="op-deadline" />
      <Button appearance="primary" disabled={busy || !title.trim() || !text.trim() || codes(units).length === 0 || !deadline} onClick={() => void guarded("opinions", send)} data-testid="op-send">
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
  const [kind, setKind] = useState<"finding" | "rectification" | "conclusion">("finding");
  const [unit, setUnit] = useState("");
  const [project, setProject] = useState("");
  const [form, setForm] = useState<FormKind>("target");
  const [rule, setRule] = useState("");
  const [row, setRow] = useState("");
  const [id, setId] = useState("");
  const [department, setDepartment] = useState("区纪委监委");
  const [date, setDate] = useState("");
  const [reference, setReference] = useState("");
  const [summary, setSummary] = useState("");
  async function send() {
    const subject =
      kind === "finding"
        ? { kind, year, unit: unit.trim(), project: project.trim(), form, rule: rule.trim().toUpperCase(), ...(row.trim() ? { row: Number(row.trim()) } : {}) }
        : { kind, id: id.trim() };
    const h = await api.handOn({ subject, department: department.trim(), date, reference: reference.trim(), summary: summary.trim() });
    notify({ intent: "success", text: t("hoDone", { what: h.what }) });
    setSummary("");
    setReference("");
    await onDone();
  }
  const ready = department.trim() && date && reference.trim() && summary.trim() && (kind === "finding" ? unit.trim() && project.trim() && rule.trim() : id.trim());
  return (
    <>
      <Field label={t("hoWhat")}>
        <Select value={kind} onChange={(_, d) => setKind(d.value as typeof kind)} data-testid="ho-kind">
          <option value="finding">{t("hoFinding")}</option>
          <option value="rectification">{t("hoRect")}</option>
          <option value="conclusion">{t("hoConclusion")}</option>
        </Select>
      </Field>
      {kind === "finding" ? (
        <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
          <Input value={unit} onChange={(_, d) => setUnit(d.value)} placeholder={t("opUnitCode")} style={{ width: 90, minWidth: 0 }} data-testid="ho-unit" />
          <Input value={project} onChange={(_, d) => setProject(d.value)} placeholder={t("opProject")} style={{ width: 90, minWidth: 0 }} data-testid="ho-project" />
          <TermSelect terms={kindTerms} lang={lang} value={form} onChange={setForm} data-testid="ho-form" />
          <Input value={rule} onChange={(_, d) => setRule(d.value)} placeholder={t("hoRule")} style={{ width: 70, minWidth: 0 }} data-testid="ho-rule" />
          <Input value={row} onChange={(_, d) => setRow(d.value)} placeholder={t("hoRow")} style={{ width: 60, minWidth: 0 }} inputMode="numeric" data-testid="ho-row" />
        </div>
      ) : (
        <TextField label={t("hoId")} value={id} onChange={setId} data-testid="ho-id" />
      )}
      <TextField label={t("hoDepartment")} value={department} onChange={setDepartment} data-testid="ho-department" />
      <TextField label={t("hoDate")} type="date" value={date} onChange={setDate} data-testid="ho-date" />
      <TextField label={t("hoReference")} value={reference} onChange={setReference} data-testid="ho-reference" />
      <TextField label={t("hoSummary")} value={summary} onChange={setSummary} multiline resize="vertical" data-testid="ho-summary" />
      <Button disabled={busy || !ready} onClick={() => void guarded("handover", send)} data-testid="ho-send">
        {t("hoSend")}
      </Button>
    </>
  );
}
