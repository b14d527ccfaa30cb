// Units without the add-in (WPS, LibreOffice, a browser): the unit's forms with their status and
// finance's comments; a template or a saved form downloaded (the saved one carries its revision in
// its hidden metadata), filled in, uploaded to be checked and saved (a re-upload updates that
// revision), then submitted; a project's documents listed and uploaded beside its form.
import { Badge, Button, Checkbox, Field, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, makeStyles } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { formKinds, kindTerms, statusTerms, type FormKind } from "../../../shared/glossary.ts";
import { documentTypes } from "../../../shared/documents.ts";
import { ApiError, OfflineError, keyPath, type Api, type ImportResult, type SubmissionSummary } from "../api.ts";
import { FindingsList } from "../components/FindingsList.tsx";
import type { Lang, T } from "../messages.ts";
import { saveBlob } from "../download.ts";
import { paneStyles } from "../styles.ts";
import { ErrorLine } from "../components/ErrorLine.tsx";
import { SignOutButton } from "../components/StatusBar.tsx";

const useStyles = makeStyles(paneStyles);
// a project's documents (docs/documents.md): loaded when asked for
const Documents = lazy(() => import("../components/Documents.tsx"));

export function BrowserPane({ t, api, lang, onSignOut }: { t: T; api: Api; lang: Lang; onSignOut: () => void }) {
  const s = useStyles();
  const [result, setResult] = useState<ImportResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [save, setSave] = useState(false);
  const [forms, setForms] = useState<SubmissionSummary[]>([]);
  const [opened, setOpened] = useState<{ key: string; comment?: string; cells: { cell: string; comment: string }[] }>();
  const [note, setNote] = useState<string>();
  /** the form whose project's documents are shown */
  const [docsOf, setDocsOf] = useState<string>();
  const refresh = useCallback(() => api.submissions().then(setForms).catch(() => undefined), [api]);
  useEffect(() => void refresh(), [refresh]);
  const fail = (err: unknown) => setError(err instanceof OfflineError ? t("offline") : (err as Error).message);
  async function download(kind: FormKind) {
    try {
      saveBlob(await api.template(kind), `${kindTerms[kind].zh}.xlsx`);
    } catch (err) {
      fail(err);
    }
  }
  async function downloadSaved(f: SubmissionSummary) {
    try {
      saveBlob(await api.submissionXlsx(f), `${f.projectName ?? f.project}-${kindTerms[f.kind].zh}-${t("revision")}${f.revision}.xlsx`);
      setNote(t("downloadedSaved", { revision: f.revision }));
    } catch (err) {
      fail(err);
    }
  }
  async function showComments(f: SubmissionSummary) {
    try {
      const d = await api.submission(f);
      setOpened({ key: keyPath(f), ...(d.comments ? { comment: d.comments.comment } : {}), cells: (d.comments?.cells ?? []).map((c) => ({ cell: c.cell, comment: c.comment })) });
    } catch (err) {
      fail(err);
    }
  }
  async function submitForm(f: SubmissionSummary) {
    try {
      await api.submit(f, f.revision);
      setNote(t("submitted"));
      await refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) setError(t("submitBlockedUpload"));
      else fail(err);
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
      <div className={s.h}>{t("myForms")}</div>
      {forms.length === 0 ? (
        <Text className={s.small}>{t("noForms")}</Text>
      ) : (
        <ul className={s.list} data-testid="browser-forms">
          {forms.map((f) => (
            <li key={keyPath(f)} data-project={f.project} data-status={f.status} style={{ padding: "4px 0" }}>
              <div>
                <b>{f.projectName ?? f.project}</b> · {kindTerms[f.kind][lang]} · {f.year}{" "}
                <Badge size="small" appearance="tint" color={f.status === "returned" ? "danger" : f.status === "approved" ? "success" : f.status === "submitted" ? "brand" : "informative"}>
                  {statusTerms[f.status][lang]}
                </Badge>{" "}
                <span className={s.small}>
                  {t("revision")} {f.revision}
                </span>
              </div>
              <div className={s.row}>
                <Button size="small" onClick={() => void downloadSaved(f)} data-testid="download-saved">
                  {t("downloadSaved")}
                </Button>
                {(f.status === "draft" || f.status === "returned") && (
                  <Button size="small" appearance="primary" onClick={() => void submitForm(f)} data-testid="browser-submit">
                    {t("submit")}
                  </Button>
                )}
                {f.status === "returned" && (
                  <Button size="small" onClick={() => void showComments(f)} data-testid="browser-comments">
                    {t("returnedTitle")}
                  </Button>
                )}
                <Button size="small" appearance="subtle" onClick={() => setDocsOf(docsOf === keyPath(f) ? undefined : keyPath(f))} data-testid="browser-documents">
                  {t("documentsTitle")}
                </Button>
              </div>
              {docsOf === keyPath(f) && (
                <Suspense fallback={<Spinner size="tiny" />}>
                  <Documents t={t} lang={lang} api={api} project={{ year: f.year, unit: f.unit, project: f.project }} canUpload />
                </Suspense>
              )}
              {opened?.key === keyPath(f) && (
                <MessageBar intent="warning" layout="multiline" data-testid="browser-returned">
                  <MessageBarBody>
                    {opened.comment}
                    {opened.cells.map((c, i) => (
                      <div key={i}>
                        <b style={{ userSelect: "all" }}>{c.cell.slice(c.cell.lastIndexOf("!") + 1)}</b> {c.comment}
                      </div>
                    ))}
                  </MessageBarBody>
                </MessageBar>
              )}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <MessageBar intent="success" data-testid="browser-note">
          <MessageBarBody>{note}</MessageBarBody>
        </MessageBar>
      )}
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
          accept={`.xlsx,${documentTypes.xlsx.contentType}`}
          data-testid="upload"
          onChange={(e) => {
            const input = e.currentTarget;
            const file = input.files?.[0];
            if (!file) return;
            // cleared at once, so choosing the same file again (fixed, or to save it) is a change too
            input.value = "";
            setBusy(true);
            setError(undefined);
            setNote(undefined);
            setResult(undefined);
            api
              .importXlsx(file, save)
              .then((r) => {
                setResult(r);
                if (save) void refresh();
              })
              .catch(fail)
              .finally(() => setBusy(false));
          }}
        />
      </Field>
      {busy && <Spinner size="tiny" />}
      <ErrorLine error={error} />
      {result?.forms.map((f, n) => (
        <div key={n}>
          <div className={s.h}>
            {t("findingsFor")} {f.sheet ?? ""}
          </div>
          {f.saved && (
            <MessageBar intent={"error" in f.saved ? "warning" : "success"} layout="multiline" data-testid="upload-saved" data-saved={"error" in f.saved ? "refused" : "saved"}>
              <MessageBarBody>{"error" in f.saved ? f.saved.error.message : t("savedUploaded", { revision: f.saved.revision })}</MessageBarBody>
            </MessageBar>
          )}
          <FindingsList t={t} lang={lang} issues={f.issues} score={f.score} lights={f.lights} />
        </div>
      ))}
      <SignOutButton t={t} onSignOut={onSignOut} />
    </div>
  );
}
