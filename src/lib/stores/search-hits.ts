import { sessionTitle, type SessionRow } from './sessions';
import { cleanRecord, isRecord, uniqueBy } from './validate';

/**
 * Pure pieces of transcript search: a validated `sessions.search` reply, and a snippet cut
 * into plain and matching parts for the view to mark up. No stores, no requests.
 */

/** One message that matched, as `sessions.search` reports it. */
export interface SearchHit {
  /** Ours: session key, session id and message id, which together name one message. */
  key: string;
  sessionKey: string;
  sessionId: string;
  messageId: string;
  role: 'user' | 'assistant';
  timestamp?: number;
  snippet: string;
}

/** A `sessions.search` reply, validated. */
export interface SearchReply {
  hits: SearchHit[];
  /** Session titles by key, from the rows the reply carries. */
  titles: Map<string, string>;
  /** The gateway is still indexing transcripts: results may be missing. */
  indexing: boolean;
  /** More messages matched than were returned. */
  truncated: boolean;
}

/** The longest snippet kept (the gateway cuts at 500 characters). */
const MAX_SNIPPET = 600;

const HIT_FIELDS = {
  sessionKey: 'string',
  sessionId: 'string',
  messageId: 'string',
  role: 'string',
  timestamp: 'number',
  snippet: 'string',
} as const;

function readHit(value: unknown): SearchHit | undefined {
  const hit = cleanRecord<Omit<SearchHit, 'key'>>(value, HIT_FIELDS, {
    required: ['sessionKey', 'messageId'],
  });
  if (!hit) return undefined;
  const sessionId = hit.sessionId ?? '';
  return {
    key: `${hit.sessionKey}\u0000${sessionId}\u0000${hit.messageId}`,
    sessionKey: hit.sessionKey,
    sessionId,
    messageId: hit.messageId,
    role: hit.role === 'user' ? 'user' : 'assistant',
    timestamp: hit.timestamp,
    snippet: (hit.snippet ?? '').slice(0, MAX_SNIPPET),
  };
}

/** Validates a `sessions.search` reply: unreadable hits are dropped (and counted), repeats shown once. */
export function readSearchReply(payload: unknown): SearchReply {
  const record = isRecord(payload) ? payload : {};
  const titles = new Map<string, string>();
  for (const row of Array.isArray(record.sessions) ? record.sessions : []) {
    const clean = cleanRecord<SessionRow>(row, {
      key: 'string',
      label: 'string',
      displayName: 'string',
      derivedTitle: 'string',
    });
    if (clean?.key) titles.set(clean.key, sessionTitle(clean));
  }
  return {
    hits: uniqueBy(record.results, readHit, (hit) => hit.key),
    titles,
    indexing: record.indexing === true,
    truncated: record.truncated === true,
  };
}

/** A piece of a snippet, and whether it is one of the words searched for. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

/** The words of a query as the gateway matches them (each whitespace-separated token). */
export function queryTerms(query: string): string[] {
  return query
    .split(/\s+/u)
    .map((term) => term.replace(/^["*]+|["*]+$/gu, ''))
    .filter(Boolean);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Cuts a snippet into parts, marking each place a query word occurs (case-insensitively). */
export function highlight(snippet: string, query: string): SnippetPart[] {
  const terms = queryTerms(query).sort((a, b) => b.length - a.length);
  if (!terms.length || !snippet) return snippet ? [{ text: snippet, match: false }] : [];
  const pattern = new RegExp(terms.map(escapeRegExp).join('|'), 'giu');
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const found of snippet.matchAll(pattern)) {
    if (found.index > last) parts.push({ text: snippet.slice(last, found.index), match: false });
    parts.push({ text: found[0], match: true });
    last = found.index + found[0].length;
  }
  if (last < snippet.length) parts.push({ text: snippet.slice(last), match: false });
  return parts;
}
