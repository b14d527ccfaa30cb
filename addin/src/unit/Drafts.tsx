// Drafts sent to the unit for its opinion (征求意见, docs/opinions.md): the results notice's draft
// with the unit's own line, or a key project's evaluation conclusion; the unit answers agree or
// disagree by the deadline, with its reasons and evidence (text, and one of its uploaded project
// documents), and later reads how finance handled its objection.
import { Badge, Button, Field, Input, Radio, RadioGroup, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import { documentKindTerms, type DocumentKind } from "../../../shared/documents.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import { ratingTerms } from "../../../shared/glossary.ts";
import { ApiError, type Api, type ConsultationView } from "../api.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import { ErrorLine } from "../components/ErrorLine.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "6px", padding: "6px 8px", display: "flex", flexDirection: "column", gap: "4px" },
  quote: { borderLeft: `3px solid ${tokens.colorNeutralStroke1}`, paddingLeft: "6px", whiteSpace: "pre-wrap", fontSize: tokens.fontSizeBase200 },
});

export function Draft({ t, lang, api, draft, onAnswered }: { t: T; lang: Lang; api: Api; draft: ConsultationView; onAnswered: () => void }) {
  const s = useStyles();
  const cur = draft.drafts[draft.drafts.length - 1]!;
  const mine = draft.opinions[0];
  const [stance, setStance] = useState<"agree" | "disagree">("agree");
  const [reasons, setReasons] = useState("");
  const [evidence, setEvidence] = useState("");
  const [docProject, setDocProject] = useState("");
  const [docKind, setDocKind] = useState<DocumentKind>("selfEvalReport");
  const [docVersion, setDocVersion] = useState("1");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const open = draft.state === "open" && !draft.pastDeadline && !mine;
  function send() {
    setBusy(true);
    const document = docProject.trim() ? { project: docProject.trim(), kind: docKind, version: Number(docVersion) || 1 } : undefined;
    api
      .answerDraft(draft.id, { stance, reasons: reasons.trim(), ...(evidence.trim() ? { evidence: evidence.trim() } : {}), ...(document ? { document } : {}) })
      .then(onAnswered)
      .catch((err: unknown) => setError(err instanceof ApiError ? err.message : (err as Error).message))
      .finally(() => setBusy(false));
  }
  return (
    <div className={s.card} data-testid="draft" data-state={draft.state}>
      <div>
        <b>{draft.title}</b>{" "}
        <Badge size="small" appearance="tint" color={draft.state === "final" ? "success" : mine ? "brand" : draft.pastDeadline ? "danger" : "warning"}>
          {draft.state === "final" ? t("opFinal") : mine ? t("opAnswered") : draft.pastDeadline ? t("opClosed") : t("opOpen")}
        </Badge>
      </div>
      <Text className={s.small}>
        {t("opDeadline")} {draft.deadlineDay}
        {cur.grade ? ` · ${t("opGrade")} ${ratingTerms[cur.grade][lang]}` : ""}
      </Text>
      <div className={s.quote}>{cur.text}</div>
      {draft.line && (
        <Text size={200} data-testid="draft-line">
          {t("opMine", { total: draft.line.assessment.total?.toFixed(2) ?? "—", rank: draft.line.assessment.rank ?? "—", avg: draft.line.averageScore?.toFixed(1) ?? "—" })}
        </Text>
      )}
      {mine && (
        <div data-testid="my-opinion">
          <Text size={200}>
            <Badge size="small" appearance="tint" color={mine.stance === "agree" ? "success" : "danger"}>
              {mine.silent ? mine.reasons : mine.stance === "agree" ? t("opAgree") : t("opDisagree")}
            </Badge>{" "}
            {!mine.silent && mine.reasons}
          </Text>
          {mine.handling && (
            <div data-testid="my-handling">
              <Text size={200}>
                <b>{t("opHandling")}</b> {mine.handling.decision === "accepted" ? t("opAccept") : t("opReject")}：{mine.handling.reason}
              </Text>
            </div>
          )}
        </div>
      )}
      {open && (
        <>
          <RadioGroup value={stance} onChange={(_, d) => setStance(d.value as typeof stance)} layout="horizontal" data-testid="stance">
            <Radio value="agree" label={t("opAgree")} />
            <Radio value="disagree" label={t("opDisagree")} />
          </RadioGroup>
          <Field label={t("opReasons")} required={stance === "disagree"}>
            <Textarea value={reasons} onChange={(_, d) => setReasons(d.value)} resize="vertical" data-testid="op-reasons" />
          </Field>
          <Field label={t("opEvidence")} hint={t("opEvidenceHint")}>
            <Textarea value={evidence} onChange={(_, d) => setEvidence(d.value)} resize="vertical" data-testid="op-evidence" />
          </Field>
          <Field label={t("opDocument")}>
            <div style={{ display: "flex", gap: 6, flexWrap: "wrap" }}>
              <Input value={docProject} onChange={(_, d) => setDocProject(d.value)} placeholder={t("opProject")} style={{ width: 80, minWidth: 0 }} data-testid="op-doc-project" />
              <TermSelect terms={documentKindTerms} lang={lang} value={docKind} onChange={setDocKind} data-testid="op-doc-kind" />
              <Input value={docVersion} onChange={(_, d) => setDocVersion(d.value)} style={{ width: 44, minWidth: 0 }} inputMode="numeric" data-testid="op-doc-version" />
            </div>
          </Field>
          <ErrorLine error={error} />
          <Button appearance="primary" size="small" disabled={busy || (stance === "disagree" && !reasons.trim())} onClick={send} data-testid="op-answer">
            {t("opAnswer")}
          </Button>
        </>
      )}
    </div>
  );
}
