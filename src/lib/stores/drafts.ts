import { persistentMap } from '@nanostores/persistent';
import { computed } from 'nanostores';
import { randomId } from '../gateway/uuid';
import { platform } from './platform';
import { isRecord } from './validate';

/**
 * Unsent drafts, kept on this device on every keystroke (a crash loses nothing), per session and
 * per tab: two tabs on one session each keep their own, and sending in one never clears the
 * other's. A tab that is gone (closed, crashed, the browser restarted) leaves its draft for the
 * next tab that opens that session.
 */

type Entry = { text: string; at: number };
type Entries = Record<string, Entry>;

const TAB_KEY = 'openclaw-console:tab';
const TAB_LOCK = 'openclaw-console:tab:';
/** Drafts of tabs that are gone are dropped after this long unclaimed. */
const KEEP_MS = 30 * 24 * 3_600_000;

/**
 * What is kept, per session: JSON of {tab id: {text, at}}. Not synced live across tabs: another
 * tab's typing must not land in this tab's box.
 */
export const keptDrafts = persistentMap<Record<string, string>>(
  'openclaw-console:draft:',
  {},
  { listen: false },
);

let tab: string | undefined;
/** This tab's id: kept in sessionStorage, so a reload (or a restored session) is the same tab. */
function tabId(): string {
  if (tab) return tab;
  const storage = platform().storages.session;
  tab = storage?.getItem(TAB_KEY) ?? randomId();
  storage?.setItem(TAB_KEY, tab);
  // Held while the tab lives, so other tabs can tell its drafts from those of a tab that is gone.
  void platform().withLock(TAB_LOCK + tab, () => new Promise<never>(() => {}));
  return tab;
}

function entriesOf(raw: string | undefined): Entries {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isRecord(parsed)) throw new Error('not entries');
    const entries: Entries = {};
    for (const [id, value] of Object.entries(parsed))
      if (isRecord(value) && typeof value.text === 'string' && typeof value.at === 'number')
        entries[id] = { text: value.text, at: value.at };
    return entries;
  } catch {
    // A draft kept by an earlier version: plain text, of no tab in particular.
    return { earlier: { text: raw, at: 0 } };
  }
}

function write(sessionKey: string, entries: Entries): void {
  const json = Object.keys(entries).length ? JSON.stringify(entries) : undefined;
  keptDrafts.setKey(sessionKey, json as unknown as string);
}

/** This tab's unsent draft per session key. */
export const drafts = computed(keptDrafts, (all) => {
  const id = tabId();
  const mine: Record<string, string> = {};
  for (const [key, raw] of Object.entries(all)) {
    const text = entriesOf(raw)[id]?.text;
    if (text) mine[key] = text;
  }
  return mine;
});

/** Saves this tab's draft of a session (an empty one is removed). */
export function setDraft(sessionKey: string, text: string): void {
  const entries = entriesOf(keptDrafts.get()[sessionKey]);
  if (text) entries[tabId()] = { text, at: Date.now() };
  else delete entries[tabId()];
  write(sessionKey, entries);
}

/** Removes this tab's draft of a session (it was sent); other tabs' drafts stay. */
export function clearDraft(sessionKey: string): void {
  setDraft(sessionKey, '');
}

/** Takes over the newest draft a gone tab left for a session, when this tab has none there. */
export async function adoptDraft(sessionKey: string): Promise<void> {
  const id = tabId();
  if (entriesOf(keptDrafts.get()[sessionKey])[id]) return;
  const held = await platform().heldLocks();
  const alive = new Set(
    held?.filter((name) => name.startsWith(TAB_LOCK)).map((n) => n.slice(TAB_LOCK.length)),
  );
  const entries = entriesOf(keptDrafts.get()[sessionKey]);
  if (entries[id]) return;
  let newest: string | undefined;
  for (const [other, entry] of Object.entries(entries)) {
    if (alive.has(other)) continue;
    if (Date.now() - entry.at > KEEP_MS && entry.at !== 0) delete entries[other];
    else if (!newest || entry.at > entries[newest]!.at) newest = other;
  }
  if (newest) {
    entries[id] = { ...entries[newest]!, at: Date.now() };
    delete entries[newest];
  }
  write(sessionKey, entries);
}
