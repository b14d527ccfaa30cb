// The first run: what the add-in is, where a token comes from (the finance bureau), a link to the
// short user guide the server serves, then the server address and the token.
import { Button, Field, Input, Link, Spinner, Text, makeStyles } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { ApiError, OfflineError } from "../api.ts";
import type { T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import { TextField } from "./TextField.tsx";
import { ErrorLine } from "./ErrorLine.tsx";

const useStyles = makeStyles({ ...paneStyles, steps: { margin: "0", paddingLeft: "18px" } });

export interface Settings {
  server: string;
  token: string;
  /** the token's role when it was connected: which side to show when starting offline */
  role?: "unit" | "finance" | "admin" | "expert";
}

/** The server the pane was served from: its folder, so a server behind a proxy at /jixiao/ is found too. */
export function defaultServer(): string {
  if (typeof location === "undefined" || !/^https?:$/.test(location.protocol)) return "https://localhost:3443";
  return new URL(".", location.href).href.replace(/\/$/, "");
}

/**
 * The server's deployment files (docs/workflow.md): its manifest for an https address, and its CA
 * certificate when it made its own (asked once per address; the server answers 404 otherwise).
 */
function useDeployLinks(server: string): { manifest?: string; ca?: string } {
  const base = /^https:\/\/[^\s/]+/i.test(server.trim()) ? server.trim().replace(/\/+$/, "") : undefined;
  const [ca, setCa] = useState<string>();
  useEffect(() => {
    setCa(undefined);
    if (!base) return;
    const ask = new AbortController();
    const timer = setTimeout(() => {
      fetch(`${base}/ca.crt`, { method: "HEAD", signal: ask.signal })
        .then((r) => r.ok && setCa(`${base}/ca.crt`))
        .catch(() => undefined);
    }, 300);
    return () => {
      clearTimeout(timer);
      ask.abort();
    };
  }, [base]);
  return { ...(base ? { manifest: `${base}/manifest.xml` } : {}), ...(ca ? { ca } : {}) };
}

export function Setup({ t, onConnect, initialError }: { t: T; onConnect: (s: Settings) => Promise<void>; initialError?: string | undefined }) {
  const s = useStyles();
  const [server, setServer] = useState(defaultServer());
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(initialError);
  const guide = /^https?:\/\/[^\s/]+/i.test(server.trim()) ? `${server.trim().replace(/\/+$/, "")}/guide/` : "guide/";
  const deploy = useDeployLinks(server);
  return (
    <form
      className={s.col}
      data-testid="setup"
      onSubmit={(e) => {
        e.preventDefault();
        const address = server.trim().replace(/\/+$/, "");
        if (!/^https?:\/\/[^\s/]+/i.test(address)) {
          setError(t("badAddress"));
          return;
        }
        setBusy(true);
        setError(undefined);
        onConnect({ server: address, token: token.trim() })
          .catch((err: unknown) =>
            setError(
              err instanceof ApiError
                ? err.status === 401
                  ? t("badToken")
                  : err.status === 404 || err.code.startsWith("http_")
                    ? t("notJixiao")
                    : err.message
                : err instanceof OfflineError
                  ? t("unreachable", { server: address })
                  : (err as Error).message,
            ),
          )
          .finally(() => setBusy(false));
      }}
    >
      <Text as="h1" className={s.h}>
        {t("setupTitle")}
      </Text>
      <Text data-testid="about">{t("aboutAddin")}</Text>
      <ol className={s.steps}>
        <li className={s.small}>{t("firstStep1")}</li>
        <li className={s.small}>{t("firstStep2")}</li>
        <li className={s.small}>{t("firstStep3")}</li>
      </ol>
      <Link href={guide} target="_blank" rel="noopener" data-testid="guide-link">
        {t("userGuide")}
      </Link>
      {deploy.manifest && (
        <Link href={deploy.manifest} data-testid="manifest-link">
          {t("manifestLink")}
        </Link>
      )}
      {deploy.ca && (
        <Link href={deploy.ca} data-testid="ca-link">
          {t("caLink")}
        </Link>
      )}
      <TextField label={t("serverAddress")} value={server} onChange={setServer} name="server" />
      <Field label={t("token")} hint={t("tokenHint")}>
        <Input value={token} onChange={(_, d) => setToken(d.value)} name="token" type="password" />
      </Field>
      <ErrorLine error={error} />
      <Button appearance="primary" type="submit" disabled={busy || !token.trim()}>
        {busy ? <Spinner size="tiny" /> : t("connect")}
      </Button>
    </form>
  );
}
