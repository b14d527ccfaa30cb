// Finance's 专家评审 tab (docs/experts.md): assign a project's target or self-evaluation form, its
// evaluation plan or report to experts with a due date; follow who has submitted; read the panel
// side by side (the outlier marked) with each expert's comments; record the panel's conclusion.
import { Badge, Button, Checkbox, Field, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { expertFieldTerms, itemKindTerms, verdictTerms, type ItemKind, type Verdict } from "../../../shared/expert/review.ts";
import { fieldLabel } from "../../../shared/field-labels.ts";
import type { SubmissionSummary } from "../api.ts";
import type { FinanceTabProps } from "./tab.ts";
import { paneStyles } from "../styles.ts";
import { PanelTable } from "../expert/PanelTable.tsx";
import { AssignmentHeading, assignmentFacts, assignmentTitle } from "../expert/AssignmentHeading.tsx";
import { reviewsApi, type AssignmentDetail } from "../expert/reviews-api.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import { TextField } from "../components/TextField.tsx";
import { useTabData } from "./useTabData.ts";

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "4px", padding: "6px" },
});

export interface ExpertsProps extends FinanceTabProps {
  forms: readonly SubmissionSummary[];
}

export default function Experts({ t, lang, api, forms, busy, guarded, notify }: ExpertsProps) {
  const s = useStyles();
  const r = useMemo(() => reviewsApi(api), [api]);
  const { data: [experts, list] = [[], []], reload: refresh } = useTabData("load", guarded, () => Promise.all([r.experts(), r.list()]), [r]);
  const [open, setOpen] = useState<AssignmentDetail>();
  const projects = useMemo(() => {
    const seen = new Map<string, SubmissionSummary>();
    for (const f of forms) seen.set(`${f.year}/${f.unit}/${f.project}`, f);
    return [...seen.entries()];
  }, [forms]);
  const [project, setProject] = useState("");
  const [kind, setKind] = useState<ItemKind>("target");
  const [chosen, setChosen] = useState<string[]>([]);
  const [due, setDue] = useState("");
  const [verdict, setVerdict] = useState<Verdict>("pass");
  const [text, setText] = useState("");

  async function assign() {
    const f = projects.find(([k]) => k === project)?.[1];
    if (!f) return;
    const made = await r.assign({ year: f.year, unit: f.unit, project: f.project, kind, experts: chosen, due });
    notify({ intent: "success", text: t("expAssigned", { what: `${itemKindTerms[kind][lang]} · ${made.projectName ?? made.project}` }) });
    setChosen([]);
    await refresh();
  }

  async function conclude() {
    if (!open) return;
    await r.conclude(open.assignment.id, verdict, text.trim());
    notify({ intent: "success", text: t("expConcluded") });
    setText("");
    setOpen(await r.detail(open.assignment.id));
    await refresh();
  }

  const name = (code: string) => experts.find((e) => e.code === code)?.name ?? code;

  if (open) {
    const a = open.assignment;
    const sheetName = (id: string) => a.sheet.criteria.find((c) => c.id === id)?.name ?? id;
    return (
      <div className={s.col} data-testid="review-panel">
        <AssignmentHeading a={a} t={t} lang={lang} more={[t("expSubmittedOf", { n: a.submitted, of: a.experts.length })]} onBack={() => setOpen(undefined)} />
        <div className={s.h}>{t("expPanel")}</div>
        {open.panel && <PanelTable t={t} panel={open.panel} experts={open.experts} />}
        {(open.reviews ?? [])
          .filter((v) => v.submittedAt)
          .map((v) => (
            <div key={v.expert} className={s.card} data-review={v.expert}>
              <Text weight="semibold" block>
                {v.expertName ?? v.expert} · {t("expTotal", { total: v.total })}
              </Text>
              {Object.entries(v.comments).map(([id, c]) => (
                <Text key={id} size={200} block>
                  <b>{sheetName(id)}</b>：{c}
                </Text>
              ))}
              {v.cells.map((c, i) => (
                <Text key={i} size={200} block>
                  <b>{fieldLabel(c.cell)[lang]}</b>：{c.comment}
                </Text>
              ))}
              {v.comment && (
                <Text size={200} block>
                  <b>{t("expOverall")}</b>：{v.comment}
                </Text>
              )}
            </div>
          ))}
        <div className={s.h}>{t("expConclusion")}</div>
        {a.conclusion ? (
          <div className={s.card} data-testid="conclusion">
            <Badge appearance="filled" color={a.conclusion.verdict === "fail" ? "danger" : a.conclusion.verdict === "revise" ? "warning" : "success"}>
              {verdictTerms[a.conclusion.verdict][lang]}
            </Badge>
            <Text block>{a.conclusion.text}</Text>
          </div>
        ) : (
          <div className={s.col}>
            <Field label={t("expVerdict")}>
              <TermSelect terms={verdictTerms} lang={lang} value={verdict} onChange={setVerdict} data-testid="verdict" />
            </Field>
            <TextField label={t("expConclusion")} value={text} onChange={setText} multiline data-testid="conclusion-text" />
            <Button appearance="primary" disabled={busy || !text.trim() || a.submitted === 0} onClick={() => void guarded("conclude", conclude)} data-testid="conclude">
              {t("expConclude")}
            </Button>
          </div>
        )}
      </div>
    );
  }

  return (
    <div className={s.col} data-testid="experts-tab">
      <div className={s.h}>{t("expAssign")}</div>
      <Field label={t("expKind")}>
        <TermSelect terms={itemKindTerms} lang={lang} value={kind} onChange={setKind} data-testid="assign-kind" />
      </Field>
      <Field label={t("expProject")}>
        <Select value={project} onChange={(_, d) => setProject(d.value)} data-testid="assign-project">
          <option value="" />
          {projects.map(([k, f]) => (
            <option key={k} value={k}>
              {f.year} · {f.unitName ?? f.unit} · {f.projectName ?? f.project}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("expExperts")}>
        <div className={s.col} data-testid="assign-experts">
          {experts.map((e) => (
            <Checkbox
              key={e.code}
              label={`${e.name}（${expertFieldTerms[e.field][lang]}）`}
              checked={chosen.includes(e.code)}
              onChange={(_, d) => setChosen((c) => (d.checked ? [...c, e.code] : c.filter((x) => x !== e.code)))}
              data-expert={e.code}
            />
          ))}
        </div>
      </Field>
      <TextField label={t("expDueDate")} type="date" value={due} onChange={setDue} data-testid="assign-due" />
      <Button appearance="primary" disabled={busy || !project || chosen.length === 0 || !due} onClick={() => void guarded("assign", assign)} data-testid="assign">
        {t("expAssign")}
      </Button>

      <div className={s.row}>
        <div className={s.h}>{t("expList")}</div>
        {/* sheets come in while the tab is open: read the list afresh */}
        <Button size="small" appearance="subtle" disabled={busy} onClick={() => void guarded("load", refresh)} data-testid="reviews-refresh">
          {t("refresh")}
        </Button>
      </div>
      <ul className={s.list} data-testid="review-list">
        {list.map((x) => (
          <li key={x.id}>
            <button className={s.item} data-assignment={x.id} onClick={() => void guarded("open", async () => setOpen(await r.detail(x.id)))}>
              <div>{assignmentTitle(x, lang)}</div>
              <div className={s.small}>{assignmentFacts(x, t, [t("expSubmittedOf", { n: x.submitted, of: x.experts.length }), x.experts.map(name).join("、")])}</div>
              {x.conclusion ? (
                <Badge size="small" appearance="tint" color={x.conclusion.verdict === "fail" ? "danger" : x.conclusion.verdict === "revise" ? "warning" : "success"}>
                  {verdictTerms[x.conclusion.verdict][lang]}
                </Badge>
              ) : x.overdue ? (
                <Badge size="small" appearance="filled" color="danger">
                  {t("expOverdue")}
                </Badge>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
