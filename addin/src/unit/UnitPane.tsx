// The unit's side inside Excel: the status bar, the bars that need an answer (a library update, a
// conflict), the banner of the current form and tab, one-step undo, and the tabs.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from "react";
import type { FormInput } from "../../../shared/form.ts";
import type { SubmissionSummary } from "../api.ts";
import { Banner, bannerShown } from "../components/Banner.tsx";
import { Compare } from "../components/Compare.tsx";
import { StatusBar } from "../components/StatusBar.tsx";
import { when, who } from "../conflict.ts";
import { deprecatedReplacements } from "../formsheet.ts";
import { formFrom } from "../../../shared/form-from.ts";
import { CheckTab } from "./CheckTab.tsx";
import { FormsTab, type KnownProject } from "./FormsTab.tsx";
import { PickerTab } from "./PickerTab.tsx";
import { useUnitForm, type UnitContext, type UnitTab } from "./useUnitForm.ts";

// the notices and rectifications: loaded when the tab is first opened
const YearTab = lazy(() => import("./YearTab.tsx").then((m) => ({ default: m.YearTab })));

export interface UnitPaneProps extends UnitContext {
  onSignOut: () => void;
}

export function UnitPane({ t, lang, api, me, store, workbook, onSignOut }: UnitPaneProps) {
  const [tab, setTab] = useState<UnitTab>("forms");
  const [comparing, setComparing] = useState(false);
  const findingsRef = useRef<HTMLDivElement>(null);
  const go = useCallback((next: UnitTab) => setTab(next), []);
  const u = useUnitForm({ t, lang, api, me, store, workbook, go });
  const { busy, guarded, current, library, changes, queue, outbox } = u;
  const replacements = useMemo(() => (u.check?.form && library ? deprecatedReplacements(u.check.form, library) : []), [u.check, library]);
  const conflict = queue.find((q) => q.conflict);
  const projects = useMemo(() => {
    const seen = new Map<string, KnownProject>();
    for (const f of u.forms) if (!seen.has(f.project)) seen.set(f.project, { code: f.project, name: f.projectName ?? f.project });
    return [...seen.values()];
  }, [u.forms]);
  const showFindings = () => {
    setTab("check");
    setTimeout(() => findingsRef.current?.scrollIntoView({ block: "start" }), 0);
  };
  async function startFrom(fields: Parameters<typeof u.insertNew>[0], from: SubmissionSummary) {
    const detail = await api.submission(from);
    const form = formFrom(detail.form, fields.kind, fields.year);
    await u.insertNew(fields, form);
  }

  return (
    <>
      <StatusBar
        t={t}
        lang={lang}
        online={u.online}
        waiting={queue.length}
        form={current ? { projectName: current.projectName ?? current.key.project, kind: current.key.kind, status: current.status, revision: current.revision } : undefined}
        unitName={me.unit?.name}
        libraryVersion={library?.version}
      />

      {changes && (
        <MessageBar intent="info" layout="multiline" data-testid="library-banner">
          <MessageBarBody>
            <MessageBarTitle>{t("libraryUpdated", { v: changes.version })}</MessageBarTitle>
            {t("libraryDelta", { a: changes.added.length, c: changes.changed.length, d: changes.deprecated.length })}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={() => void guarded("check", async () => void (await u.runCheck()))}>
              {t("recheck")}
            </Button>
            {replacements.length > 0 && (
              <Button size="small" appearance="primary" onClick={() => void guarded("replace", u.replaceDeprecated)}>
                {t("replaceDeprecated", { n: replacements.length })}
              </Button>
            )}
            <Button size="small" appearance="transparent" onClick={() => u.setChanges(undefined)}>
              {t("dismiss")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {conflict?.conflict && outbox && (
        <MessageBar intent="warning" layout="multiline" data-testid="conflict">
          <MessageBarBody>
            <MessageBarTitle>{t("conflictTitle")}</MessageBarTitle>
            {t("conflictText", { rev: conflict.conflict.revision ?? "-", by: who(conflict.conflict.by, t), at: when(conflict.conflict.at) })}
            {comparing && <Compare t={t} lang={lang} mine={conflict.form} theirs={conflict.conflict.form as FormInput | undefined} />}
          </MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="primary" onClick={() => void guarded("mine", () => u.keepMine(conflict))}>
              {t("keepMine")}
            </Button>
            <Button size="small" onClick={() => void guarded("theirs", () => u.takeTheirs(conflict))}>
              {t("takeTheirs")}
            </Button>
            <Button size="small" appearance="transparent" onClick={() => setComparing((c) => !c)}>
              {t("compare")}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <Banner t={t} banner={bannerShown(u.banner, u.currentId, tab) ? u.banner : undefined} onDismiss={() => u.setBanner(undefined)} />
      {u.undoable && (
        <Button size="small" appearance="subtle" disabled={!!busy} onClick={() => void guarded("undo", u.undo)} data-testid="undo" style={{ alignSelf: "flex-start" }}>
          ↶ {t("undo", { what: u.undoable.label })}
        </Button>
      )}

      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as UnitTab)} size="small">
        <Tab value="forms">{t("tabForms")}</Tab>
        <Tab value="picker">{t("tabPicker")}</Tab>
        <Tab value="check">{t("tabCheck")}</Tab>
        <Tab value="year">{t("tabYear")}</Tab>
      </TabList>

      {busy && <Spinner size="tiny" label={busy === "check" ? t("checking") : undefined} />}

      {tab === "forms" && (
        <FormsTab
          t={t}
          lang={lang}
          forms={u.forms}
          projects={projects}
          disabled={!!busy || !library}
          defaultField={me.unit && "field" in me.unit && typeof me.unit.field === "string" ? me.unit.field : "forestry"}
          onOpen={(f) => void guarded("open", () => u.openForm(f))}
          onInsert={(fields) => void guarded("insert", () => u.insertNew(fields))}
          onStartFrom={(fields, from) => void guarded("insert", () => startFrom(fields, from))}
          onSignOut={onSignOut}
        />
      )}
      {tab === "picker" && <PickerTab t={t} lang={lang} index={u.index} projectField={current?.field} onPick={(ind) => void guarded("pick", () => u.pick(ind))} />}
      {tab === "year" && (
        <Suspense fallback={<Spinner size="tiny" />}>
          <YearTab t={t} lang={lang} api={api} />
        </Suspense>
      )}
      {tab === "check" && <CheckTab ref={findingsRef} t={t} u={u} api={api} onSubmit={() => void guarded("submit", () => u.submit(showFindings))} />}
    </>
  );
}
