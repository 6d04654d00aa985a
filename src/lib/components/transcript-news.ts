/**
 * What a screen reader should hear from a transcript: only what arrived at its end (a
 * new message, a run that finished), never the items a scrolling window re-renders.
 */
import type { TranscriptItem } from '../stores/transcript-entries';
import type { GatewayMessage } from '../stores/runs';

/** The role a message is shown with; unknown roles are shown as a plain "message". */
export type ShownRole = 'user' | 'assistant' | 'tool' | 'system' | 'other';

/** The role to show a gateway message with. */
export function shownRole(message: GatewayMessage): ShownRole {
  const role = message.role ?? '';
  return role === 'user' || role === 'assistant' || role === 'tool' || role === 'system'
    ? role
    : 'other';
}

/** The last item of a transcript as last seen: its key and whether it had finished. */
export interface Tail {
  key: string;
  settled: boolean;
}

/** The tail of a transcript, or undefined when it is empty. */
export function tailOf(items: readonly TranscriptItem[]): Tail | undefined {
  const last = items.at(-1);
  if (!last) return undefined;
  return { key: last.key, settled: last.run?.state !== 'running' };
}

/**
 * The item to announce after the transcript changed from `before` to `items`: a new
 * last item once it has finished (a streaming run is announced when it ends, not per
 * delta). The first load and older pages prepended announce nothing.
 */
export function arrival(
  before: Tail | undefined,
  items: readonly TranscriptItem[],
): TranscriptItem | undefined {
  const now = tailOf(items);
  if (!before || !now || !now.settled) return undefined;
  if (now.key !== before.key || !before.settled) return items.at(-1);
  return undefined;
}

/** The most of a message a screen reader is given to announce (a whole reply can be megabytes). */
export const NEWS_CHARS = 500;

/** What is announced of an arrived message: its start, cut at NEWS_CHARS. */
export function newsText(text: string): string {
  return text.length > NEWS_CHARS ? `${text.slice(0, NEWS_CHARS)}…` : text;
}
