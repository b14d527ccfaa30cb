// A form's revisions on the server: who saved each, when, its status and findings, and what
// changed from the one before (the conflict view's comparison, reused).
import { Badge, Button, Spinner, Text, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import type { FormInput } from "../../../shared/form.ts";
import { statusTerms } from "../../../shared/glossary.ts";
import type { Api, RevisionInfo, SubmissionKey } from "../api.ts";
import { Compare } from "../components/Compare.tsx";
import { when, who } from "../conflict.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles(paneStyles);

export function History({ t, lang, api, formKey }: { t: T; lang: Lang; api: Api; formKey: SubmissionKey }) {
  const s = useStyles();
  const [list, setList] = useState<RevisionInfo[]>();
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ n: number; mine: FormInput; theirs?: FormInput | undefined }>();
  const [error, setError] = useState<string>();
  async function open(n: number) {
    setBusy(true);
    try {
      const [now, before] = await Promise.all([api.revision(formKey, n), n > 1 ? api.revision(formKey, n - 1) : Promise.resolve(undefined)]);
      setShown({ n, mine: now.form as FormInput, theirs: before?.form as FormInput | undefined });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  if (!list)
    return (
      <Button
        size="small"
        appearance="subtle"
        data-testid="history"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          api
            .revisions(formKey)
            .then((l) => setList([...l].reverse()))
            .catch((err: Error) => setError(err.message))
            .finally(() => setBusy(false));
        }}
      >
        {t("history")}
        {error ? ` · ${error}` : ""}
      </Button>
    );
  return (
    <div className={s.col} data-testid="revisions">
      <div className={s.h}>{t("history")}</div>
      <ul className={s.list}>
        {list.map((r) => (
          <li key={r.revision}>
            <button className={s.item} onClick={() => void open(r.revision)} data-revision={r.revision}>
              <b>
                {t("revision")} {r.revision}
              </b>{" "}
              <Badge size="small" appearance="tint">
                {statusTerms[r.status][lang]}
              </Badge>{" "}
              <span className={s.small}>
                {who(r.by, t)} · {when(r.at)} · {t("findingsCount", { e: r.counts.error, w: r.counts.warning })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {busy && <Spinner size="tiny" />}
      {shown && (
        <>
          <Text className={s.small}>{shown.n > 1 ? t("changedFrom", { a: shown.n - 1, b: shown.n }) : t("firstRevision")}</Text>
          <Compare t={t} lang={lang} mine={shown.mine} theirs={shown.theirs} labels={{ mine: `${t("revision")} ${shown.n}`, theirs: shown.n > 1 ? `${t("revision")} ${shown.n - 1}` : "—" }} />
        </>
      )}
    </div>
  );
}
