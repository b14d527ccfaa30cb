// The admin's People tab: units and tokens while the server runs (the /api/units and /api/tokens
// routes). Add or edit a unit; issue a token for a unit or a finance user (shown once, with a copy
// button; a finance token may be granted publishing); list tokens with when each was issued and
// last used; revoke one, which its holder's pane feels on its next request.
import { Badge, Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { TokenView } from "../../../shared/directory.ts";
import { beijingMinute } from "../../../shared/beijing.ts";
import { fieldTerms } from "../../../shared/glossary.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import type { DirectoryUnit, Me } from "../api.ts";
import type { T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import type { FinanceTabProps } from "./tab.ts";
import { TextField } from "../components/TextField.tsx";
import type { Expert } from "../../../shared/expert/review.ts";
import { ExpertPeople } from "./ExpertPeople.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  table: { borderCollapse: "collapse", fontSize: tokens.fontSizeBase200, width: "100%", "& td, & th": { borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, padding: "2px 4px", textAlign: "left", verticalAlign: "top" } },
  scroll: { overflowX: "auto", maxHeight: "40vh", overflowY: "auto" },
  token: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, wordBreak: "break-all" },
  dim: { color: tokens.colorNeutralForeground4, textDecorationLine: "line-through" },
});

export interface PeopleProps extends FinanceTabProps {
  me: Me;
}

/** A time as the admin reads it: Beijing time, to the minute. */
function beijing(iso: string | undefined, t: T): string {
  return iso ? beijingMinute(iso) : t("never");
}

type Role = "unit" | "finance" | "admin" | "expert";

export default function People({ t, lang, api, me, busy, guarded, notify }: PeopleProps) {
  const s = useStyles();
  const [units, setUnits] = useState<DirectoryUnit[]>([]);
  const [list, setList] = useState<TokenView[]>([]);
  const [editing, setEditing] = useState<string>();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [field, setField] = useState("");
  const [confidential, setConfidential] = useState(false);
  const [role, setRole] = useState<Role>("unit");
  const [tokenUnit, setTokenUnit] = useState("");
  const [label, setLabel] = useState("");
  const [canPublish, setCanPublish] = useState(false);
  const [issued, setIssued] = useState<{ id: string; token: string }>();
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState<string>();
  const [experts, setExperts] = useState<Expert[]>([]);
  const [tokenExpert, setTokenExpert] = useState("");

  const refresh = useCallback(async () => {
    const [u, tk] = await Promise.all([api.units(), api.tokens()]);
    setUnits(u);
    setList(tk);
  }, [api]);
  useEffect(() => {
    void guarded("load", refresh);
  }, [refresh]);

  const clearUnitForm = () => {
    setEditing(undefined);
    setCode("");
    setName("");
    setField("");
    setConfidential(false);
  };

  async function saveUnit() {
    if (editing) {
      const u = await api.patchUnit(editing, { name: name.trim(), field: field.trim() || null, confidential });
      notify({ intent: "success", text: t("unitSaved", { code: u.code }) });
    } else {
      const u = await api.addUnit({ code: code.trim(), name: name.trim(), ...(field.trim() ? { field: field.trim() } : {}), confidential });
      notify({ intent: "success", text: t("unitAdded", { code: u.code, name: u.name }) });
      setTokenUnit(u.code);
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
    setLabel("");
    setCanPublish(false);
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
  const roleText = (r: Role) => (r === "admin" ? t("roleAdmin") : r === "finance" ? t("roleFinance") : r === "expert" ? t("roleExpert") : t("roleUnit"));
  const fieldText = (f: string | undefined) => (f ? ((fieldTerms as Record<string, { zh: string; en: string }>)[f]?.[lang] ?? f) : "");

  return (
    <div className={s.col} data-testid="people">
      <Text className={s.h}>{t("unitsTitle")}</Text>
      <div className={s.scroll}>
        <table className={s.table} data-testid="units">
          <thead>
            <tr>
              <th>{t("unitCode")}</th>
              <th>{t("unitName")}</th>
              <th>{t("unitField")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.code} data-unit={u.code}>
                <td>{u.code}</td>
                <td>
                  {u.name} {u.confidential && <Badge size="small" appearance="tint" color="danger">{t("confidentialShort")}</Badge>}
                </td>
                <td>{fieldText(u.field)}</td>
                <td>
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() => {
                      setEditing(u.code);
                      setCode(u.code);
                      setName(u.name);
                      setField(u.field ?? "");
                      setConfidential(u.confidential);
                    }}
                  >
                    {t("editUnit")}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={s.col} data-testid="unit-form">
        <Field label={t("unitCode")}>
          <Input value={code} disabled={!!editing} onChange={(_, d) => setCode(d.value)} data-testid="unit-code" />
        </Field>
        <TextField label={t("unitName")} value={name} onChange={setName} data-testid="unit-name" />
        <Field label={t("unitField")}>
          <TermSelect terms={fieldTerms} lang={lang} any="" value={field} onChange={setField} data-testid="unit-field">
            {field && !(field in fieldTerms) && <option value={field}>{field}</option>}
          </TermSelect>
        </Field>
        <Checkbox checked={confidential} onChange={(_, d) => setConfidential(d.checked === true)} label={t("confidential")} data-testid="unit-confidential" />
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
          <Select value={role} onChange={(_, d) => setRole(d.value as Role)} data-testid="token-role">
            <option value="unit">{t("roleUnit")}</option>
            <option value="finance">{t("roleFinance")}</option>
            <option value="admin">{t("roleAdmin")}</option>
            <option value="expert">{t("roleExpert")}</option>
          </Select>
        </Field>
        {role === "expert" && <CodePicker label={t("expTokenExpert")} pick={t("expPick")} items={experts} value={tokenExpert} onChange={setTokenExpert} testId="token-expert" />}
        {role === "unit" && <CodePicker label={t("tokenUnit")} pick={t("pickUnit")} items={units} value={tokenUnit} onChange={setTokenUnit} testId="token-unit" />}
        <TextField label={t("tokenLabel")} value={label} onChange={setLabel} data-testid="token-label" />
        {role === "finance" && <Checkbox checked={canPublish} onChange={(_, d) => setCanPublish(d.checked === true)} label={t("canPublish")} data-testid="token-can-publish" />}
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
      <div className={s.scroll}>
        <table className={s.table} data-testid="tokens">
          <thead>
            <tr>
              <th>{t("tokenRole")}</th>
              <th>{t("tokenLabel")}</th>
              <th>
                {t("created")} / {t("lastUsed")}
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((tk) => (
              <tr key={tk.id} data-token={tk.id} className={tk.revokedAt ? s.dim : undefined}>
                <td>
                  {roleText(tk.role)}
                  {tk.unit ? ` · ${unitName(tk.unit)}` : ""}
                  {tk.expert ? ` · ${experts.find((e) => e.code === tk.expert)?.name ?? tk.expert}` : ""}
                  {tk.canPublish ? ` · ${t("canPublish")}` : ""}
                  <div className={s.small}>{tk.id}</div>
                </td>
                <td>{tk.label ?? ""}</td>
                <td>
                  {beijing(tk.createdAt, t)}
                  <div className={s.small}>{beijing(tk.lastUsedAt, t)}</div>
                </td>
                <td>
                  {tk.revokedAt ? (
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
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
