// The experts in the admin's 人员 tab (docs/experts.md): the list, and adding one (code, name,
// 绩效专家 or 行业专家). Their tokens are issued in the tab's token form like any other.
import { Button, Field, Text, makeStyles } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { expertFieldTerms, type Expert, type ExpertField } from "../../../shared/expert/review.ts";
import type { FinanceTabProps } from "./tab.ts";
import { paneStyles } from "../styles.ts";
import { reviewsApi } from "../expert/reviews-api.ts";
import { TermSelect } from "../components/TermSelect.tsx";
import { TextField } from "../components/TextField.tsx";
import { useTabData } from "./useTabData.ts";

const useStyles = makeStyles(paneStyles);

export function ExpertPeople({ t, lang, api, busy, guarded, notify, onExperts }: FinanceTabProps & { onExperts: (experts: Expert[]) => void }) {
  const s = useStyles();
  const r = useMemo(() => reviewsApi(api), [api]);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [field, setField] = useState<ExpertField>("performance");
  const { data: list = [], reload: refresh } = useTabData(
    "load",
    guarded,
    async () => {
      const e = await r.experts();
      onExperts(e);
      return e;
    },
    [r],
  );

  async function add() {
    const e = await r.addExpert({ code: code.trim(), name: name.trim(), field });
    notify({ intent: "success", text: t("expAdded", { code: e.code, name: e.name }) });
    setCode("");
    setName("");
    await refresh();
  }

  return (
    <div className={s.col} data-testid="experts">
      <Text className={s.h}>{t("expPeople")}</Text>
      <ul className={s.list}>
        {list.map((e) => (
          <li key={e.code} data-expert={e.code}>
            <Text size={200}>
              {e.code} {e.name} · {expertFieldTerms[e.field][lang]}
            </Text>
          </li>
        ))}
      </ul>
      <div className={s.row}>
        <TextField label={t("expCode")} value={code} onChange={setCode} data-testid="expert-code" size="small" />
        <TextField label={t("expName")} value={name} onChange={setName} data-testid="expert-name" size="small" />
        <Field label={t("expField")}>
          <TermSelect terms={expertFieldTerms} lang={lang} value={field} onChange={setField} data-testid="expert-field" size="small" />
        </Field>
        <Button disabled={busy || !code.trim() || !name.trim()} onClick={() => void guarded("expert", add)} data-testid="add-expert">
          {t("expAdd")}
        </Button>
      </div>
    </div>
  );
}
