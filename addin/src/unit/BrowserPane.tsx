// Units without the add-in (WPS, LibreOffice, a browser): download a template, fill it in, upload
// it to be checked and saved as the unit's draft.
import { Button, Checkbox, Field, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles } from "@fluentui/react-components";
import { useState } from "react";
import { formKinds, kindTerms, type FormKind } from "../../../shared/glossary.ts";
import { OfflineError, type Api, type ImportResult } from "../api.ts";
import { FindingsList } from "../components/FindingsList.tsx";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles(paneStyles);

export function BrowserPane({ t, api, lang, onSignOut }: { t: T; api: Api; lang: Lang; onSignOut: () => void }) {
  const s = useStyles();
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [save, setSave] = useState(false);
  async function download(kind: FormKind) {
    try {
      const blob = await api.template(kind);
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = `${kindTerms[kind].zh}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (err) {
      setError((err as Error).message);
    }
  }
  return (
    <div className={s.col} data-testid="browser-pane">
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{t("noExcel")}</MessageBarTitle>
          {t("noExcelHint")}
        </MessageBarBody>
      </MessageBar>
      <div className={s.h}>{t("downloadTemplate")}</div>
      <div className={s.row}>
        {formKinds.map((k) => (
          <Button key={k} size="small" onClick={() => void download(k)}>
            {kindTerms[k][lang]}
          </Button>
        ))}
      </div>
      <Checkbox checked={save} onChange={(_, d) => setSave(d.checked === true)} label={t("saveUploaded")} data-testid="save-uploaded" />
      <Field label={t("uploadWorkbook")}>
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-testid="upload"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            // cleared at once, so choosing the same file again (fixed, or to save it) is a change too
            input.value = "";
            setBusy(true);
            setError(undefined);
            api
              .importXlsx(file, save)
              .then(setResult)
              .catch((err: Error) => setError(err instanceof OfflineError ? t("offline") : err.message))
              .finally(() => setBusy(false));
          }}
        />
      </Field>
      {busy && <Spinner size="tiny" />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {result?.forms.map((f, n) => (
        <div key={n}>
          <div className={s.h}>
            {t("findingsFor")} {f.sheet ?? ""}
          </div>
          {f.saved && (
            <MessageBar intent={"error" in f.saved ? "warning" : "success"} layout="multiline">
              <MessageBarBody>{"error" in f.saved ? f.saved.error.message : t("savedUploaded", { revision: f.saved.revision })}</MessageBarBody>
            </MessageBar>
          )}
          <FindingsList t={t} lang={lang} issues={f.issues} score={f.score} lights={f.lights} />
        </div>
      ))}
      <Button appearance="subtle" size="small" onClick={onSignOut}>
        {t("disconnect")}
      </Button>
    </div>
  );
}
