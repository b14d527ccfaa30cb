// Check, save and submit the current form; finance's return comments (click: the cell in the
// form's own sheet); the findings; the saves waiting in the outbox.
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles } from "@fluentui/react-components";
import { forwardRef, lazy, Suspense } from "react";
import { kindTerms } from "../../../shared/glossary.ts";
import { FindingsList } from "../components/FindingsList.tsx";
import { WhatWasRead } from "../components/WhatWasRead.tsx";
import type { T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import type { Api } from "../api.ts";
import type { UnitForm } from "./useUnitForm.ts";

const useStyles = makeStyles(paneStyles);
// a form's revisions: loaded when a form with a revision is shown
const History = lazy(() => import("./History.tsx").then((m) => ({ default: m.History })));
// the project's documents (docs/documents.md): shown once the form is on the server
const Documents = lazy(() => import("../components/Documents.tsx"));

export const CheckTab = forwardRef<HTMLDivElement, { t: T; u: UnitForm; api: Api; onSubmit: () => void }>(function CheckTab({ t, u, api, onSubmit }, findingsRef) {
  const s = useStyles();
  const { busy, guarded, check, returned, queue, outbox, lang } = u;
  return (
    <div className={s.col}>
      <div className={s.row}>
        <Button appearance="primary" disabled={!!busy} onClick={() => void guarded("check", async () => void (await u.runCheck()))} data-testid="check">
          {t("check")}
        </Button>
        <Button disabled={!!busy} onClick={() => void guarded("save", u.save)} data-testid="save">
          {t("save")}
        </Button>
        {u.current?.status === "submitted" ? (
          <Button disabled={!!busy} onClick={() => void guarded("recall", u.recall)} data-testid="recall">
            {t("recall")}
          </Button>
        ) : (
          <Button disabled={!!busy || !u.current} onClick={onSubmit} data-testid="submit">
            {t("submit")}
          </Button>
        )}
      </div>
      {returned && (
        <MessageBar intent="warning" layout="multiline" data-testid="returned">
          <MessageBarBody>
            <MessageBarTitle>{t("returnedTitle")}</MessageBarTitle>
            {returned.comment}
            {returned.cells.length > 0 && (
              <>
                <div>{t("commentsAtCells")}</div>
                <ul className={s.list}>
                  {returned.cells.map((c, i) => (
                    <li key={i}>
                      <button className={s.item} data-testid="return-comment" onClick={() => void guarded("select", () => u.select(c.cell.slice(c.cell.lastIndexOf("!") + 1), returned.sheet))}>
                        <b>{c.cell.slice(c.cell.lastIndexOf("!") + 1)}</b> {c.comment}
                      </button>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </MessageBarBody>
        </MessageBar>
      )}
      <div ref={findingsRef}>
        {check && (
          <FindingsList
            t={t}
            lang={lang}
            issues={check.issues}
            score={check.score}
            lights={check.lights}
            form={check.form}
            onSelect={(cell) => void guarded("select", () => u.select(cell, check.sheet))}
          />
        )}
        {check?.explain && <WhatWasRead sheet={check.sheet} explain={check.explain} lang={lang} />}
      </div>
      {u.current?.revision !== undefined && (
        <Suspense fallback={null}>
          <History key={`${u.currentId}#${u.current.revision}`} t={t} lang={lang} api={api} formKey={u.current.key} />
        </Suspense>
      )}
      {u.current?.revision !== undefined && (
        <Suspense fallback={null}>
          <Documents
            key={`${u.current.key.year}/${u.current.key.unit}/${u.current.key.project}`}
            t={t}
            lang={lang}
            api={api}
            project={{ year: u.current.key.year, unit: u.current.key.unit, project: u.current.key.project }}
            canUpload
          />
        </Suspense>
      )}
      {queue.length > 0 && (
        <div data-testid="outbox">
          <div className={s.h}>{t("outboxTitle")}</div>
          <ul className={s.list}>
            {queue.map((q) => (
              <li key={q.id} className={s.small}>
                {q.form.project.name} · {kindTerms[q.form.kind][lang]} · {new Date(q.queuedAt).toLocaleTimeString()}
                {q.error ? ` · ${t("failed")}: ${q.error.code === "approved_locked" ? t("approvedLocked") : q.error.message}` : ""}
                {q.error && (
                  <Button size="small" appearance="transparent" onClick={() => void outbox?.dismiss(q.id)}>
                    {t("dismiss")}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          <Button size="small" onClick={() => void guarded("flush", async () => void (await u.flush()))}>
            {t("retry")}
          </Button>
        </div>
      )}
    </div>
  );
});
