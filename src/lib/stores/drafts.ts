import { persistentMap } from '@nanostores/persistent';

/** Unsent drafts per session key, kept across reloads and crashes on this device. */
export const drafts = persistentMap<Record<string, string>>('openclaw-console:draft:', {});

/** Saves a session's draft (an empty one is removed). */
export function setDraft(sessionKey: string, text: string): void {
  drafts.setKey(sessionKey, (text || undefined) as unknown as string);
}

/** Removes a session's draft (it was sent). */
export function clearDraft(sessionKey: string): void {
  setDraft(sessionKey, '');
}
