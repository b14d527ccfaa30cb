// The admin's People tab: units and tokens while the server runs (the /api/units and /api/tokens
// routes). Add or edit a unit; issue a token for a unit or a finance user (shown once, with a copy
// button; a finance token may be granted publishing); list tokens with when each was issued and
// last used; revoke one, which its holder's pane feels on its next request.
import { Badge, Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { TokenView } from "../../../shared/directory.ts";
import { fieldTerms } from "../../../shared/glossary.ts";
import { TermSelect, WordSelect } from "../components/TermSelect.tsx";
import type { Me } from "../api.ts";
import type { MessageKey } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import type { FinanceTabProps } from "./tab.ts";
import { TextField } from "../components/TextField.tsx";
import type { Expert } from "../../../shared/expert/review.ts";
import { ExpertPeople } from "./ExpertPeople.tsx";
import { Table } from "../components/Table.tsx";
import { useFields } from "../components/useFields.ts";
import { useTabData } from "./useTabData.ts";
import { beijingTime } from "./Review.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  token: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: "break-all" },
  dim: { color: tokens.colorNeutralForeground4, textDecorationLine: "line-through" },
});

export interface PeopleProps extends FinanceTabProps {
  me: Me;
}

/** Whom a token is for, in the admin's words. */
export const roleWords = { unit: "roleUnit", finance: "roleFinance", admin: "roleAdmin", expert: "roleExpert" } as const satisfies Record<TokenView["role"], MessageKey>;
type Role = keyof typeof roleWords;

export default function People({ t, lang, api, me, busy, guarded, notify }: PeopleProps) {
  const s = useStyles();
  const [editing, setEditing] = useState<string>();
  const unitForm = useFields({ code: "", name: "", field: "", confidential: false });
  const { code, name, field, confidential } = unitForm.values;
  const tokenForm = useFields({ role: "unit" as Role, unit: "", expert: "", label: "", canPublish: false });
  const { role, unit: tokenUnit, expert: tokenExpert, label, canPublish } = tokenForm.values;
  const [issued, setIssued] = useState<{ id: string; token: string }>();
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string>();
  const [experts, setExperts] = useState<Expert[]>([]);

  const { data: [units, list] = [[], []], reload: refresh } = useTabData("load", guarded, () => Promise.all([api.units(), api.tokens()]), [api]);

  const clearUnitForm = () => {
    setEditing(undefined);
    unitForm.reset();
  };

  async function saveUnit() {
    if (editing) {
      const u = await api.patchUnit(editing, { name: name.trim(), field: field.trim() || null, confidential });
      notify({ intent: "success", text: t("unitSaved", { code: u.code }) });
    } else {
      const u = await api.addUnit({ code: code.trim(), name: name.trim(), ...(field.trim() ? { field: field.trim() } : {}), confidential });
      notify({ intent: "success", text: t("unitAdded", { code: u.code, name: u.name }) });
      tokenForm.set("unit", u.code);
    }
    clearUnitForm();
    await refresh();
  }

  async function issue() {
    const created = await api.createToken({
      role,
      ...(role === "unit" ? { unit: tokenUnit } : {}),
      ...(label.trim() ? { label: label.trim() } : {}),
      ...(role === "finance" && canPublish ? { canPublish: true } : {}),
      ...(role === "expert" ? { expert: tokenExpert } : {}),
    });
    setIssued(created);
    setCopied(false);
    tokenForm.reset("label", "canPublish");
    await refresh();
  }

  async function copy() {
    if (!issued) return;
    try {
      await navigator.clipboard.writeText(issued.token);
    } catch {
      // Some webviews refuse the clipboard: the token is selected for Ctrl+C instead.
      (document.querySelector('input[data-testid="new-token"]') as HTMLInputElement | null)?.select();
      document.execCommand?.("copy");
    }
    setCopied(true);
  }

  async function revoke(id: string) {
    await api.revokeToken(id);
    setConfirming(undefined);
    notify({ intent: "success", text: t("tokenRevoked", { id }) });
    await refresh();
  }

  const unitName = (c: string | undefined) => units.find((u) => u.code === c)?.name ?? c ?? "";
  const fieldText = (f: string | undefined) => (f ? ((fieldTerms as Record<string, { zh: string; en: string }>)[f]?.[lang] ?? f) : "");

  return (
    <div className={s.col} data-testid="people">
      <Text className={s.h}>{t("unitsTitle")}</Text>
      <Table
        scroll
        rows={units}
        rowKey={(u) => u.code}
        row={(u) => ({ "data-unit": u.code })}
        columns={[
          { head: t("unitCode"), cell: (u) => u.code },
          {
            head: t("unitName"),
            cell: (u) => (
              <>
                {u.name} {u.confidential && <Badge size="small" appearance="tint" color="danger">{t("confidentialShort")}</Badge>}
              </>
            ),
          },
          { head: t("unitField"), cell: (u) => fieldText(u.field) },
          {
            head: "",
            cell: (u) => (
              <Button
                size="small"
                appearance="subtle"
                onClick={() => {
                  setEditing(u.code);
                  unitForm.fill({ code: u.code, name: u.name, field: u.field ?? "", confidential: u.confidential });
                }}
              >
                {t("editUnit")}
              </Button>
            ),
          },
        ]}
        data-testid="units"
      />
      <div className={s.col} data-testid="unit-form">
        <Field label={t("unitCode")}>
          <Input value={code} disabled={!!editing} onChange={(_, d) => unitForm.set("code", d.value)} data-testid="unit-code" />
        </Field>
        <TextField label={t("unitName")} {...unitForm.bind("name")} data-testid="unit-name" />
        <Field label={t("unitField")}>
          <TermSelect terms={fieldTerms} lang={lang} any="" {...unitForm.bind("field")} data-testid="unit-field">
            {field && !(field in fieldTerms) && <option value={field}>{field}</option>}
          </TermSelect>
        </Field>
        <Checkbox checked={confidential} onChange={(_, d) => unitForm.set("confidential", d.checked === true)} label={t("confidential")} data-testid="unit-confidential" />
        <div className={s.row}>
          <Button appearance="primary" disabled={busy || !name.trim() || (!editing && !code.trim())} onClick={() => void guarded("unit", saveUnit)} data-testid="save-unit">
            {editing ? t("saveUnit") : t("addUnit")}
          </Button>
          {editing && <Button onClick={clearUnitForm}>{t("cancelEdit")}</Button>}
        </div>
      </div>

      <ExpertPeople t={t} lang={lang} api={api} busy={busy} guarded={guarded} notify={notify} onExperts={setExperts} />

      <Text className={s.h}>{t("tokensTitle")}</Text>
      <div className={s.col} data-testid="token-form">
        <Field label={t("tokenRole")}>
          <WordSelect words={roleWords} t={t} {...tokenForm.bind("role")} data-testid="token-role" />
        </Field>
        {role === "expert" && <CodePicker label={t("expTokenExpert")} pick={t("expPick")} items={experts} {...tokenForm.bind("expert")} testId="token-expert" />}
        {role === "unit" && <CodePicker label={t("tokenUnit")} pick={t("pickUnit")} items={units} {...tokenForm.bind("unit")} testId="token-unit" />}
        <TextField label={t("tokenLabel")} {...tokenForm.bind("label")} data-testid="token-label" />
        {role === "finance" && <Checkbox checked={canPublish} onChange={(_, d) => tokenForm.set("canPublish", d.checked === true)} label={t("canPublish")} data-testid="token-can-publish" />}
        <Button appearance="primary" disabled={busy || (role === "unit" && !tokenUnit) || (role === "expert" && !tokenExpert)} onClick={() => void guarded("token", issue)} data-testid="issue-token">
          {t("issueToken")}
        </Button>
      </div>
      {issued && (
        <MessageBar intent="warning" layout="multiline" data-testid="issued">
          <MessageBarBody>
            <div className={s.col}>
              <span>{t("newToken")}</span>
              <Input readOnly value={issued.token} className={s.token} data-testid="new-token" />
              <div className={s.row}>
                <Button size="small" onClick={() => void copy()} data-testid="copy-token">
                  {copied ? t("copied") : t("copy")}
                </Button>
                <Button size="small" appearance="subtle" onClick={() => setIssued(undefined)}>
                  ×
                </Button>
              </div>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      <Table
        scroll
        rows={list}
        rowKey={(tk) => tk.id}
        row={(tk) => ({ "data-token": tk.id, className: tk.revokedAt ? s.dim : undefined })}
        columns={[
          {
            head: t("tokenRole"),
            cell: (tk) => (
              <>
                {t(roleWords[tk.role])}
                {tk.unit ? ` · ${unitName(tk.unit)}` : ""}
                {tk.expert ? ` · ${experts.find((e) => e.code === tk.expert)?.name ?? tk.expert}` : ""}
                {tk.canPublish ? ` · ${t("canPublish")}` : ""}
                <div className={s.small}>{tk.id}</div>
              </>
            ),
          },
          { head: t("tokenLabel"), cell: (tk) => tk.label ?? "" },
          {
            head: `${t("created")} / ${t("lastUsed")}`,
            cell: (tk) => (
              <>
                {beijingTime(tk.createdAt) || t("never")}
                <div className={s.small}>{beijingTime(tk.lastUsedAt) || t("never")}</div>
              </>
            ),
          },
          {
            head: "",
            cell: (tk) =>
              tk.revokedAt ? (
                <span>{t("revoked")}</span>
              ) : tk.id === me.tokenId ? (
                <span className={s.small}>{t("thisToken")}</span>
              ) : confirming === tk.id ? (
                <Button size="small" appearance="primary" onClick={() => void guarded("revoke", () => revoke(tk.id))} data-testid="confirm-revoke">
                  {t("confirmRevoke")}
                </Button>
              ) : (
                <Button size="small" onClick={() => setConfirming(tk.id)} data-testid="revoke">
                  {t("revoke")}
                </Button>
              ),
          },
        ]}
        data-testid="tokens"
      />
    </div>
  );
}

/** Whom a token is for, a unit or an expert, picked by code ("code name" shown); empty until picked. */
function CodePicker(props: { label: string; pick: string; items: readonly { code: string; name: string }[]; value: string; onChange: (code: string) => void; testId: string }) {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, d) => props.onChange(d.value)} data-testid={props.testId}>
        <option value="">{props.pick}</option>
        {props.items.map((x) => (
          <option key={x.code} value={x.code}>
            {x.code} {x.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
