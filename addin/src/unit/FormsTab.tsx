// The unit's forms on the server (open one into the sheet) and a new form: a blank one, or one
// started from a stored form (the approved target for monitoring or self-evaluation, last year's
// for a continuing project). Projects are picked from the unit's known projects, or typed.
import { Badge, Button, Checkbox, Field, Input, Select, Text, makeStyles } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { attributeTerms, fieldTerms, formKinds, kindTerms, statusTerms, type FormKind } from "../../../shared/glossary.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import { keyPath, type SubmissionSummary } from "../api.ts";
import { isProjectCode } from "../formsheet.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import type { NewFormFields } from "./useUnitForm.ts";
import { TextField } from "../components/TextField.tsx";
import { SignOutButton } from "../components/StatusBar.tsx";

const useStyles = makeStyles(paneStyles);

export interface KnownProject {
  code: string;
  name: string;
  field?: string;
}

export interface FormsTabProps {
  t: T;
  lang: Lang;
  forms: SubmissionSummary[];
  projects: KnownProject[];
  disabled: boolean;
  defaultField: string;
  onOpen: (f: SubmissionSummary) => void;
  onInsert: (fields: NewFormFields) => void;
  /** a new form started from a stored one (see startingPoints) */
  onStartFrom: (fields: NewFormFields, from: SubmissionSummary) => void;
  onSignOut: () => void;
}

/** Stored forms a new form can start from: the approved target of the same project and year, or last year's form of the same kind. */
export function startingPoints(forms: readonly SubmissionSummary[], kind: FormKind, year: number, project: string): SubmissionSummary[] {
  const out: SubmissionSummary[] = [];
  if (kind !== "target") {
    const target = forms.find((f) => f.kind === "target" && f.project === project && f.year === year && f.status === "approved");
    if (target) out.push(target);
  }
  const last = forms.find((f) => f.kind === kind && f.project === project && f.year === year - 1);
  if (last) out.push(last);
  return out;
}

export function FormsTab(props: FormsTabProps) {
  const { t, lang } = props;
  const s = useStyles();
  const [kind, setKind] = useState<FormKind>("target");
  const [year, setYear] = useState(String(new Date().getFullYear()));
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [field, setField] = useState(props.defaultField);
  const [attribute, setAttribute] = useState<"new" | "continuing">("continuing");
  const [servesPublic, setServesPublic] = useState(true);
  const valid = isProjectCode(code.trim()) && name.trim() !== "" && /^\d{4}$/.test(year);
  const fields: NewFormFields = { kind, year: Number(year), code: code.trim(), name: name.trim(), field, attribute, servesPublic };
  const starts = useMemo(() => (valid ? startingPoints(props.forms, kind, Number(year), code.trim()) : []), [props.forms, kind, year, code, valid]);
  return (
    <div className={s.col}>
      <div className={s.h}>{t("myForms")}</div>
      {props.forms.length === 0 ? (
        <Text className={s.small}>{t("noForms")}</Text>
      ) : (
        <ul className={s.list} data-testid="forms">
          {props.forms.map((f) => (
            <li key={keyPath(f)}>
              <button className={s.item} disabled={props.disabled} onClick={() => props.onOpen(f)}>
                {f.projectName ?? f.project} · {kindTerms[f.kind][lang]} · {f.year}{" "}
                <Badge size="small" appearance="tint" color={f.status === "returned" ? "danger" : f.status === "approved" ? "success" : f.status === "submitted" ? "brand" : "informative"}>
                  {statusTerms[f.status][lang]}
                </Badge>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className={s.h}>{t("newForm")}</div>
      <Field label={t("kind")}>
        <TermSelect terms={kindTerms} keys={formKinds} lang={lang} value={kind} onChange={setKind} data-testid="new-kind" />
      </Field>
      {props.projects.length > 0 && (
        <Field label={t("knownProject")}>
          <Select
            value={props.projects.some((p) => p.code === code) ? code : ""}
            data-testid="new-project"
            onChange={(_, d) => {
              const p = props.projects.find((x) => x.code === d.value);
              if (!p) return;
              setCode(p.code);
              setName(p.name);
              if (p.field) setField(p.field);
            }}
          >
            <option value="">{t("pickProject")}</option>
            {props.projects.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}（{p.code}）
              </option>
            ))}
          </Select>
        </Field>
      )}
      <div className={s.row}>
        <Field label={t("year")} style={{ width: 90 }}>
          <Input value={year} onChange={(_, d) => setYear(d.value)} data-testid="new-year" style={{ minWidth: 0 }} input={{ size: 4 }} />
        </Field>
        <Field label={t("projectCode")} style={{ flex: 1, minWidth: 0 }}>
          <Input value={code} onChange={(_, d) => setCode(d.value)} data-testid="new-code" style={{ minWidth: 0 }} input={{ size: 8 }} />
        </Field>
      </div>
      <TextField label={t("projectName")} value={name} onChange={setName} data-testid="new-name" />
      <div className={s.row}>
        <Field label={t("field")} style={{ flex: 1 }}>
          <TermSelect terms={fieldTerms} lang={lang} value={field} onChange={setField} data-testid="new-field" />
        </Field>
        <Field label={t("attribute")} style={{ flex: 1 }}>
          <TermSelect terms={attributeTerms} lang={lang} value={attribute} onChange={setAttribute} />
        </Field>
      </div>
      <Checkbox checked={servesPublic} onChange={(_, d) => setServesPublic(d.checked === true)} label={t("servesPublic")} />
      {!valid && code !== "" && <Text className={s.small}>{t("needProject")}</Text>}
      {starts.map((f) => (
        <Button key={keyPath(f)} appearance="primary" disabled={props.disabled} data-testid="start-from" onClick={() => props.onStartFrom(fields, f)}>
          {f.kind === "target" && kind !== "target" ? t("startFromTarget", { year: f.year }) : t("copyLastYear", { year: f.year })}
        </Button>
      ))}
      <Button appearance={starts.length ? "secondary" : "primary"} disabled={!valid || props.disabled} data-testid="insert-form" onClick={() => props.onInsert(fields)}>
        {t("insertForm")}
      </Button>
      <SignOutButton t={t} onSignOut={props.onSignOut} />
    </div>
  );
}
