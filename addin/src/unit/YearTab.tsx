// The unit's year beside its forms: the notices (通知) addressed to it, each with its deadline and
// the unit's standing against it (on time, late, due, missing), and the rectification items (整改)
// finance opened, answered here with the measures taken and the evidence; the results notice
// (结果通报) once finance has issued it: the unit's own line.
import { Badge, Button, Field, Spinner, Text, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { DeadlineState } from "../../../shared/cycle/notice.ts";
import { kindTerms } from "../../../shared/glossary.ts";
import { ApiError, type Api, type ConsultationView, type NoticeView, type RectView, type ResultsMine } from "../api.ts";
import { Draft } from "./Drafts.tsx";
import { when } from "../conflict.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import { TextField } from "../components/TextField.tsx";
import { ErrorLine } from "../components/ErrorLine.tsx";

const useStyles = makeStyles({ ...paneStyles, card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: "6px", padding: "6px 8px", display: "flex", flexDirection: "column", gap: "4px" } });

/** A year's results notice as issued, with the unit's own line. */
type MyResult = Extract<ResultsMine, { issued: true }> & { result: NonNullable<Extract<ResultsMine, { issued: true }>["result"]> };

const stateColour: Record<DeadlineState, "success" | "warning" | "informative" | "danger"> = { onTime: "success", late: "warning", due: "informative", missing: "danger" };

/** Days left until an ISO deadline, rounded up; negative once passed. */
export function daysLeft(deadline: string, now = new Date()): number {
  return Math.ceil((Date.parse(deadline) - now.getTime()) / 86_400_000);
}

export function YearTab({ t, lang, api }: { t: T; lang: Lang; api: Api }) {
  const s = useStyles();
  const [notices, setNotices] = useState<NoticeView[]>();
  const [items, setItems] = useState<RectView[]>();
  const [results, setResults] = useState<MyResult[]>([]);
  const [drafts, setDrafts] = useState<ConsultationView[]>([]);
  const [error, setError] = useState<string>();
  const load = useCallback(async () => {
    try {
      const year = new Date().getFullYear();
      const [n, r, o, ...res] = await Promise.all([
        api.notices(),
        api.rectifications(),
        api.opinions(),
        ...[year, year - 1].map((y) => api.myResults(y).catch((): ResultsMine => ({ year: y, issued: false }))),
      ]);
      setNotices(n);
      setItems(r);
      setResults(res.filter((x): x is MyResult => x.issued && x.result !== undefined));
      // the newest first: an open draft waiting for the unit's answer is what it came for
      setDrafts([...o].reverse());
      setError(undefined);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [api]);
  useEffect(() => void load(), [load]);
  if (!notices || !items) return error ? <ErrorLine error={error} /> : <Spinner size="tiny" />;
  return (
    <div className={s.col} data-testid="year">
      <div className={s.h}>{t("noticesTitle")}</div>
      {notices.length === 0 && <Text className={s.small}>{t("noNotices")}</Text>}
      {notices.map((n) => {
        const left = daysLeft(n.deadline);
        return (
          <div key={n.id} className={s.card} data-testid="notice" data-open={n.open || undefined}>
            <b>{n.title}</b>
            <Text className={s.small}>
              {kindTerms[n.kind][lang]} · {n.year} · {t("deadline")} {when(n.deadline)}
              {!n.passed ? ` · ${t("daysLeft", { n: left })}` : ` · ${t("deadlinePassed")}`}
            </Text>
            <Text size={200} style={{ whiteSpace: "pre-wrap" }}>
              {n.text}
            </Text>
            <ul className={s.list}>
              {n.items.map((i, k) => (
                <li key={k} className={s.small} data-state={i.state}>
                  <Badge size="small" appearance="tint" color={stateColour[i.state]}>
                    {t(`state_${i.state}`)}
                  </Badge>{" "}
                  {i.project ?? t("noFormYet")}
                  {i.firstSubmittedAt ? ` · ${t("submittedAt", { at: when(i.firstSubmittedAt) })}` : ""}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {results.map((r) => (
        <div key={r.year} className={s.card} data-testid="results-notice">
          <b>{t("myResultsTitle", { year: r.year })}</b>
          <Text className={s.small}>{t("resultsIssued", { at: when(r.issuedAt!) })}</Text>
          <Text>
            {t("resultsScore", { total: r.result!.assessment.total?.toFixed(1) ?? "—", rank: r.result!.assessment.rank ?? "—", units: r.units ?? "—" })}
          </Text>
          <Text className={s.small}>
            {t("resultsForms", { n: r.result!.forms.length, missing: r.result!.missing.length, avg: r.result!.averageScore?.toFixed(1) ?? "—" })}
          </Text>
          <Text className={s.small}>
            {t("resultsNotices", { onTime: r.result!.notices.onTime, late: r.result!.notices.late, missing: r.result!.notices.missing })}
          </Text>
          {(r.result!.handedOn ?? []).map((h) => (
            <Text key={h.id} className={s.small} data-testid="handed-on">
              {t("hoTitle")}: {h.what} → {h.department} · {h.date} · {h.reference}
            </Text>
          ))}
        </div>
      ))}
      {drafts.length > 0 && <div className={s.h}>{t("opTitle")}</div>}
      {drafts.map((d) => (
        <Draft key={d.id} t={t} lang={lang} api={api} draft={d} onAnswered={() => void load()} />
      ))}
      <div className={s.h}>{t("rectTitle")}</div>
      {items.length === 0 && <Text className={s.small}>{t("noRect")}</Text>}
      {items.map((r) => (
        <Rect key={r.id} t={t} lang={lang} api={api} item={r} onAnswered={() => void load()} />
      ))}
    </div>
  );
}

function Rect({ t, lang, api, item, onAnswered }: { t: T; lang: Lang; api: Api; item: RectView; onAnswered: () => void }) {
  const s = useStyles();
  const [measures, setMeasures] = useState("");
  const [evidence, setEvidence] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const last = item.answers?.[item.answers.length - 1];
  return (
    <div className={s.card} data-testid="rectification" data-state={item.state}>
      <div>
        <Badge size="small" appearance="tint" color={item.state === "closed" ? "success" : item.state === "answered" ? "brand" : item.overdue ? "danger" : "warning"}>
          {t(`rect_${item.state}`)}
          {item.state === "open" && item.overdue ? ` · ${t("overdue")}` : ""}
        </Badge>{" "}
        <b>{item.project}</b> · {kindTerms[item.kind][lang]} · {item.year}
      </div>
      <Text size={200}>{item.requirement}</Text>
      {item.finding?.text && <Text className={s.small}>{item.finding.text}</Text>}
      <Text className={s.small}>
        {t("deadline")} {when(item.deadline)}
      </Text>
      {last && (
        <Text className={s.small} data-testid="answer">
          {t("measures")}: {last.measures} · {t("evidence")}: {last.evidence}
        </Text>
      )}
      {item.state === "open" && (
        <>
          <TextField label={t("measures")} value={measures} onChange={setMeasures} multiline data-testid="measures" resize="vertical" />
          <Field label={t("evidence")} hint={t("evidenceHint")}>
            <Textarea value={evidence} onChange={(_, d) => setEvidence(d.value)} data-testid="evidence" resize="vertical" />
          </Field>
          <ErrorLine error={error} />
          <Button
            appearance="primary"
            size="small"
            disabled={busy || !measures.trim() || !evidence.trim()}
            data-testid="answer-rect"
            onClick={() => {
              setBusy(true);
              api
                .answerRectification(item.id, { measures: measures.trim(), evidence: evidence.trim() })
                .then(onAnswered)
                .catch((err: unknown) => setError(err instanceof ApiError ? err.message : (err as Error).message))
                .finally(() => setBusy(false));
            }}
          >
            {t("answerRect")}
          </Button>
        </>
      )}
    </div>
  );
}
