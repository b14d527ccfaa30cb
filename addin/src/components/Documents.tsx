// A project's documents (docs/documents.md) where the project is open: the unit's check tab and
// finance's review. Each kind (评价方案, 评价报告, 自评报告) with its latest version to download, an
// upload of the next version, and the earlier versions folded away. The file is picked with a plain
// <input type=file>, which Excel's pane webviews and browsers all show; what it is is decided by
// the server from its bytes, and a refusal is shown beside the kind, in the pane's language.
import { Button, Link, Spinner, Text, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { documentKindTerms, documentKinds, documentTypes, sizeLabel, type DocumentKind } from "../../../shared/documents.ts";
import type { ProjectId } from "../../../shared/api/form-id.ts";
import { OfflineError, type Api, type DocumentList, type DocumentVersion } from "../api.ts";
import { when, who } from "../conflict.ts";
import { saveBlob } from "../download.ts";
import { inLang, type Lang, type T } from "../messages.ts";
import { paneStyles } from "../styles.ts";
import { ErrorLine } from "./ErrorLine.tsx";

const useStyles = makeStyles({
  ...paneStyles,
  kind: { display: "flex", flexDirection: "column", gap: "2px", padding: "4px 0", borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  line: { display: "flex", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
  name: { overflowWrap: "anywhere", minWidth: 0, textAlign: "left" },
  older: { fontSize: tokens.fontSizeBase200, "& summary": { cursor: "pointer", color: tokens.colorNeutralForeground3 } },
});

const accept = [...Object.values(documentTypes).map((d) => d.ext), ...Object.values(documentTypes).map((d) => d.contentType)].join(",");

export interface DocumentsProps {
  t: T;
  lang: Lang;
  api: Api;
  project: ProjectId;
  /** the unit on its own project, finance on its units' */
  canUpload: boolean;
}

export function Documents({ t, lang, api, project, canUpload }: DocumentsProps) {
  const s = useStyles();
  // the documents and the limits of an upload, as the server's policy has them now
  const [got, setGot] = useState<DocumentList>();
  const list = got?.documents;
  const [busy, setBusy] = useState<DocumentKind | "list">();
  const [error, setError] = useState<{ kind?: DocumentKind; text: string }>();
  const [note, setNote] = useState<string>();
  const inputs = useRef<Partial<Record<DocumentKind, HTMLInputElement | null>>>({});
  const text = useCallback((err: unknown) => (err instanceof OfflineError ? t("offline") : inLang((err as Error).message, lang)), [t, lang]);

  const refresh = useCallback(async () => {
    setBusy("list");
    try {
      setGot(await api.documents(project));
    } catch (err) {
      setError({ text: text(err) });
    } finally {
      setBusy(undefined);
    }
  }, [api, project, text]);
  useEffect(() => void refresh(), [refresh]);

  async function upload(kind: DocumentKind, file: File) {
    setBusy(kind);
    setError(undefined);
    setNote(undefined);
    try {
      const v = await api.uploadDocument(project, kind, file, file.name);
      setNote(t("documentUploaded", { kind: documentKindTerms[kind][lang], version: v.version, name: v.name }));
      setGot(await api.documents(project));
    } catch (err) {
      setError({ kind, text: text(err) });
    } finally {
      setBusy(undefined);
      const input = inputs.current[kind];
      if (input) input.value = "";
    }
  }

  async function download(v: DocumentVersion) {
    try {
      saveBlob(await api.documentFile(v), v.name);
    } catch (err) {
      setError({ kind: v.kind, text: text(err) });
    }
  }

  const line = (v: DocumentVersion) => (
    <span className={s.small}>
      {t("documentVersion", { n: v.version })} · {sizeLabel(v.bytes)} · {who(v.by, t)} · {when(v.at)}
    </span>
  );

  return (
    <div className={s.col} data-testid="documents">
      <div className={s.h}>{t("documentsTitle")}</div>
      {got && <Text className={s.small}>{t("documentsHint", { limit: sizeLabel(got.limits.bytes) })}</Text>}
      {busy === "list" && !list && <Spinner size="tiny" />}
      <ErrorLine error={error && !error.kind ? error.text : undefined} data-testid="documents-error" />
      {list &&
        documentKinds.map((kind) => {
          const versions = list.filter((v) => v.kind === kind);
          const latest = versions[versions.length - 1];
          const older = versions.slice(0, -1).reverse();
          return (
            <div key={kind} className={s.kind} data-testid={`document-${kind}`}>
              <div className={s.line}>
                <b>{documentKindTerms[kind][lang]}</b>
                {!latest && <span className={s.small}>{t("documentsNone")}</span>}
              </div>
              {latest && (
                <div className={s.line}>
                  <Link as="button" className={s.name} onClick={() => void download(latest)} data-testid="document-download" data-version={latest.version} title={t("documentDownload")}>
                    {latest.name}
                  </Link>
                  {line(latest)}
                </div>
              )}
              {older.length > 0 && (
                <details className={s.older}>
                  <summary>{t("documentOlder", { n: older.length })}</summary>
                  <ul className={s.list}>
                    {older.map((v) => (
                      <li key={v.version} className={s.line}>
                        <Link as="button" className={s.name} onClick={() => void download(v)} data-testid="document-download" data-version={v.version} title={t("documentDownload")}>
                          {v.name}
                        </Link>
                        {line(v)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
              {canUpload && (
                <div className={s.line}>
                  <input
                    type="file"
                    accept={accept}
                    hidden
                    ref={(el) => void (inputs.current[kind] = el)}
                    data-testid={`document-file-${kind}`}
                    onChange={(e) => {
                      const file = e.currentTarget.files?.[0];
                      if (file) void upload(kind, file);
                    }}
                  />
                  <Button size="small" disabled={busy !== undefined} onClick={() => inputs.current[kind]?.click()} data-testid={`document-upload-${kind}`}>
                    {latest ? t("documentUploadNext") : t("documentUpload")}
                  </Button>
                  {busy === kind && <Spinner size="tiny" />}
                </div>
              )}
              <ErrorLine error={error?.kind === kind ? error.text : undefined} data-testid="document-error" />
            </div>
          );
        })}
      {note && (
        <Text className={s.small} data-testid="document-note">
          {note}
        </Text>
      )}
    </div>
  );
}

export default Documents;
