// The pane's message bar. A banner belongs to a form and a tab: it is shown only while that form
// is the current one (and that tab the open one), so an error about one project does not stand
// above another. Success fades by itself; errors and warnings stay until dismissed or replaced.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useEffect } from "react";
import type { T } from "../messages.ts";

export interface BannerState {
  intent: "success" | "error" | "warning" | "info";
  text: string;
  title?: string;
  /** small print under the text (rule ids, paths) */
  details?: string;
  /** the form it is about (keyPath); shown only while that form is current */
  form?: string;
  /** the tab it is about; shown only on that tab */
  tab?: string;
  action?: { label: string; onClick: () => void; testId?: string };
  second?: { label: string; onClick: () => void; testId?: string };
}

/** How long a success banner stays. */
export const successFadeMs = 6000;

export function bannerShown(b: BannerState | undefined, form: string | undefined, tab: string): b is BannerState {
  return !!b && (b.form === undefined || b.form === form) && (b.tab === undefined || b.tab === tab);
}

export function Banner({ t, banner, onDismiss }: { t: T; banner?: BannerState | undefined; onDismiss: () => void }) {
  useEffect(() => {
    if (banner?.intent !== "success") return;
    const timer = setTimeout(onDismiss, successFadeMs);
    return () => clearTimeout(timer);
  }, [banner]);
  if (!banner) return null;
  return (
    <MessageBar intent={banner.intent} layout="multiline" data-testid="banner" data-intent={banner.intent}>
      <MessageBarBody>
        {banner.title && <MessageBarTitle>{banner.title}</MessageBarTitle>}
        {banner.text}
        {banner.details && <div style={{ fontSize: "11px", opacity: 0.75, marginTop: 2 }}>{banner.details}</div>}
      </MessageBarBody>
      <MessageBarActions>
        {banner.action && (
          <Button size="small" appearance="primary" onClick={banner.action.onClick} data-testid={banner.action.testId}>
            {banner.action.label}
          </Button>
        )}
        {banner.second && (
          <Button size="small" onClick={banner.second.onClick} data-testid={banner.second.testId}>
            {banner.second.label}
          </Button>
        )}
        <Button size="small" appearance="transparent" onClick={onDismiss} aria-label={t("dismiss")} title={t("dismiss")}>
          ×
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
