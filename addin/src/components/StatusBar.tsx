// The line at the top of the unit's side: connected or not, saves waiting, the form being worked
// on (project, kind, status, revision), the unit and the library version.
import { Badge, Button, Text, makeStyles } from "@fluentui/react-components";
import { kindTerms, statusTerms, type FormKind, type SubmissionStatus } from "../../../shared/glossary.ts";
import type { Lang, T } from "../messages.ts";
import { paneStyles } from "../styles.ts";

const useStyles = makeStyles(paneStyles);

export interface StatusBarProps {
  t: T;
  lang: Lang;
  online: boolean;
  waiting: number;
  form?: { projectName: string; kind: FormKind; status?: SubmissionStatus | undefined; revision?: number | undefined } | undefined;
  unitName?: string | undefined;
  libraryVersion?: number | undefined;
}

/** Connected to the server or not, for both the unit's and finance's status line. */
export function OnlineBadge({ t, online }: { t: T; online: boolean }) {
  return (
    <Badge appearance="filled" color={online ? "success" : "warning"}>
      {online ? t("online") : t("offline").split("：")[0]!.split(":")[0]}
    </Badge>
  );
}

/** Back to the first-run page, to change the server or the token: at the foot of every side of the pane. */
export function SignOutButton({ t, onSignOut }: { t: T; onSignOut: () => void }) {
  return (
    <Button appearance="subtle" size="small" onClick={onSignOut}>
      {t("disconnect")}
    </Button>
  );
}

export function StatusBar({ t, lang, online, waiting, form, unitName, libraryVersion }: StatusBarProps) {
  const s = useStyles();
  return (
    <div className={s.bar} data-testid="status">
      <OnlineBadge t={t} online={online} />
      {waiting > 0 && (
        <Badge appearance="tint" color="warning" data-testid="queue-count">
          {waiting} {t("pending")}
        </Badge>
      )}
      <Text size={200} data-testid="current">
        {form
          ? `${form.projectName} · ${kindTerms[form.kind][lang]} · ${form.status ? statusTerms[form.status][lang] : t("unsaved")}${
              form.revision !== undefined ? ` · ${t("revision")} ${form.revision}` : ""
            }`
          : t("noForm")}
      </Text>
      <span style={{ flex: 1 }} />
      <Text size={200} className={s.small}>
        {unitName} {libraryVersion !== undefined ? `· ${t("libraryVersion")} ${libraryVersion}` : ""}
      </Text>
    </div>
  );
}
