/** Progress kept in this browser while signed out, and its hand-over to the account. */
export const LOCAL_KEY = 'xg-progress';
export const SIGNED_IN_HINT = 'xg_signed_in';

export interface LocalEntry {
  lessonId: string;
  openedAt: number;
  completedAt: number | null;
  seconds: number;
}

export function readLocal(): Record<string, LocalEntry> {
  try {
    return JSON.parse(localStorage.getItem(LOCAL_KEY) ?? '{}') as Record<string, LocalEntry>;
  } catch {
    return {};
  }
}

export function writeLocal(entries: Record<string, LocalEntry>): void {
  try {
    localStorage.setItem(LOCAL_KEY, JSON.stringify(entries));
  } catch {
    // Private browsing or a full store: progress simply is not kept locally.
  }
}

export const signedIn = (): boolean => new RegExp(`(?:^|; )${SIGNED_IN_HINT}=1`).test(document.cookie);

export function postForm(path: string, body: Record<string, string>): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json' },
    body: new URLSearchParams(body),
    credentials: 'same-origin',
  });
}

/** Sends what was kept locally to the account; true when something was merged. */
export async function mergeLocalProgress(): Promise<boolean> {
  const entries = Object.values(readLocal());
  if (entries.length === 0 || !signedIn()) return false;
  const response = await postForm('/api/progress/merge', { items: JSON.stringify(entries) }).catch(() => null);
  if (!response?.ok) return false;
  localStorage.removeItem(LOCAL_KEY);
  return true;
}
