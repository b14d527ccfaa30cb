// JSON kept in the pane's key-value store (settings, the current form, marks): a value that is
// missing or unreadable is simply absent.
import type { KeyValueStore } from "./storage.ts";

export async function loadJson<T>(store: KeyValueStore, key: string): Promise<T | undefined> {
  const text = await store.get(key);
  if (!text) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
