// What went wrong, where it went wrong: a red bar beside the button or box that failed, or nothing
// while there is no error.
import { MessageBar, MessageBarBody } from "@fluentui/react-components";

export function ErrorLine({ error, ...data }: { error: string | undefined } & { [attribute: `data-${string}`]: string | undefined }) {
  if (!error) return null;
  return (
    <MessageBar intent="error" layout="multiline" {...data}>
      <MessageBarBody>{error}</MessageBarBody>
    </MessageBar>
  );
}
