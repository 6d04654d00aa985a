import { isRecord } from './validate';
import { countDiagnostic } from './diagnostics';

/**
 * What the gateway asks an operator, in one shape: exec and plugin approvals and agent
 * questions. Pure parsing of untrusted frames (no stores): each reader names the fields it
 * shows, drops what is of the wrong kind and returns undefined for an item without an id.
 */

/** Where an item came from. */
export type AskKind = 'exec' | 'plugin' | 'question';
/** A reviewer's decision, as the gateway spells it. */
export type Decision = 'allow-once' | 'allow-always' | 'deny';
/** Where an item stands; `resolved` is settled by someone whose decision we were not told. */
export type AskStatus =
  'pending' | 'allowed' | 'denied' | 'expired' | 'cancelled' | 'answered' | 'resolved';

/** One question of an agent's question request. */
export interface AskQuestion {
  questionId: string;
  header: string;
  question: string;
  options: Array<{ label: string; description?: string }>;
  multiSelect: boolean;
  isOther: boolean;
  isSecret: boolean;
}

/** One thing an operator is asked, pending or settled. */
export interface AskItem {
  /** Kind-prefixed id: ids are chosen elsewhere and may repeat across kinds. */
  key: string;
  id: string;
  kind: AskKind;
  /** One line for lists: the command, the title or the first question. */
  summary: string;
  command?: string;
  title?: string;
  description?: string;
  detail?: string;
  severity?: string;
  warnings: string[];
  questions: AskQuestion[];
  agentId?: string;
  sessionKey?: string;
  nodeId?: string;
  host?: string;
  cwd?: string;
  toolName?: string;
  pluginId?: string;
  createdAt?: number;
  expiresAt?: number;
  allowed: Decision[];
  status: AskStatus;
  decision?: Decision;
  /** Who settled it, as the gateway names them (a client's display name or id). */
  resolvedBy?: string;
  /** The device that settled it, when the gateway's record says. */
  resolverDevice?: string;
  resolverKind?: string;
  resolvedAt?: number;
  /** The gateway's terminal reason (user, timeout, no-route, …). */
  reason?: string;
  answers?: Record<string, string[]>;
  /** The gateway's own record (a reply or its durable snapshot): a later event adds nothing. */
  final?: boolean;
}

const DECISIONS: readonly Decision[] = ['allow-once', 'allow-always', 'deny'];
/** Statuses after which an item never changes again. */
export const TERMINAL: readonly AskStatus[] = [
  'allowed',
  'denied',
  'expired',
  'cancelled',
  'answered',
];

/** The key an item is stored under. */
export function askKey(kind: AskKind, id: string): string {
  return `${kind}:${id}`;
}

/** A non-empty string, or undefined. */
export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
/** A finite number, or undefined. */
export const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The decisions a request allows; deny is always possible (the gateway fails closed). */
export function readDecisions(value: unknown): Decision[] {
  const listed = Array.isArray(value)
    ? DECISIONS.filter((d) => value.includes(d))
    : ['allow-once', 'allow-always'];
  return [...new Set<Decision>([...(listed as Decision[]), 'deny'])];
}

function readWarnings(request: Record<string, unknown>): string[] {
  const analysis = isRecord(request.commandAnalysis) ? request.commandAnalysis : {};
  const lines = Array.isArray(analysis.warningLines) ? analysis.warningLines : [];
  return [str(request.warningText), ...lines.map(str)].filter((l): l is string => !!l);
}

/** Counts an item dropped as unreadable (in diagnostics) and returns undefined. */
export function unreadable(): undefined {
  countDiagnostic('unreadableItems');
  return undefined;
}

/** An exec or plugin approval from `*.approval.list` or a `*.approval.requested` event. */
export function readApproval(value: unknown, kind: 'exec' | 'plugin'): AskItem | undefined {
  if (!isRecord(value)) return unreadable();
  const request = isRecord(value.request) ? value.request : {};
  const id = str(value.id);
  if (!id) return unreadable();
  const command = kind === 'exec' ? str(request.command) : undefined;
  const title = str(request.title);
  return {
    key: askKey(kind, id),
    id,
    kind,
    summary: command ?? title ?? str(request.description) ?? id,
    command,
    title,
    description: str(request.description),
    detail: str(request.detail),
    severity: str(request.severity),
    warnings: readWarnings(request),
    questions: [],
    agentId: str(request.agentId),
    sessionKey: str(request.sessionKey),
    nodeId: str(request.nodeId),
    host: str(request.host),
    cwd: str(request.cwd),
    toolName: str(request.toolName),
    pluginId: str(request.pluginId),
    createdAt: num(value.createdAtMs),
    expiresAt: num(value.expiresAtMs),
    allowed: readDecisions(request.allowedDecisions),
    status: 'pending',
  };
}

/**
 * The gateway's durable record of an approval (`approval.get`, `approval.resolve`,
 * `approval.history`): its canonical status, decision and resolver, laid over what we knew.
 */
export function readSnapshot(value: unknown, known?: AskItem): AskItem | undefined {
  if (!isRecord(value) || !isRecord(value.presentation)) return unreadable();
  const id = str(value.id);
  const p = value.presentation;
  const kind = p.kind === 'exec' || p.kind === 'plugin' ? p.kind : undefined;
  if (!id || !kind) return unreadable();
  const status = [...TERMINAL, 'pending'].includes(value.status as AskStatus)
    ? (value.status as AskStatus)
    : 'resolved';
  const source = isRecord(value.source) ? value.source : {};
  const resolver = isRecord(value.resolver) ? value.resolver : {};
  const base = known ?? readApproval({ id, request: {} }, kind)!;
  const command = kind === 'exec' ? (str(p.commandText) ?? base.command) : undefined;
  const title = str(p.title) ?? base.title;
  return {
    ...base,
    summary: command ?? title ?? base.summary,
    command,
    title,
    description: str(p.description) ?? base.description,
    detail: str(p.detail) ?? base.detail,
    severity: str(p.severity) ?? base.severity,
    warnings: base.warnings.length
      ? base.warnings
      : ([str(p.warningText)].filter((w) => !!w) as string[]),
    agentId: str(p.agentId) ?? str(source.agentId) ?? base.agentId,
    sessionKey: str(source.sessionKey) ?? base.sessionKey,
    host: str(p.host) ?? base.host,
    nodeId: str(p.nodeId) ?? base.nodeId,
    toolName: str(p.toolName) ?? base.toolName,
    pluginId: str(p.pluginId) ?? base.pluginId,
    createdAt: num(value.createdAtMs) ?? base.createdAt,
    expiresAt: num(value.expiresAtMs) ?? base.expiresAt,
    allowed: readDecisions(p.allowedDecisions),
    status,
    decision: DECISIONS.find((d) => d === value.decision),
    resolvedAt: num(value.resolvedAtMs),
    reason: str(value.reason),
    resolverKind: str(resolver.kind),
    resolverDevice: resolver.kind === 'device' ? str(resolver.id) : undefined,
    resolvedBy: base.resolvedBy ?? (resolver.kind === 'device' ? undefined : str(resolver.id)),
    final: status !== 'pending',
  };
}

/**
 * What a `*.approval.resolved` event says about an item: the decision and who gave it. The
 * gateway sends one when an approval times out too, as a deny by nobody (resolvedBy null) at or
 * after its deadline; that is an expiry, not a reviewer's deny.
 */
export function settleFromEvent(item: AskItem, payload: Record<string, unknown>): AskItem {
  const decision = DECISIONS.find((d) => d === payload.decision);
  const resolvedBy = str(payload.resolvedBy);
  const at = num(payload.ts);
  const timedOut =
    !resolvedBy && item.expiresAt !== undefined && (at ?? Date.now()) >= item.expiresAt;
  if (timedOut) return { ...item, status: 'expired', resolvedAt: at, reason: 'timeout' };
  return {
    ...item,
    status: decision === 'deny' ? 'denied' : decision ? 'allowed' : 'resolved',
    decision,
    resolvedBy,
    resolvedAt: at,
  };
}

/** Whether an item is still waiting (pending and its deadline not passed at `now`). */
export function isWaiting(item: AskItem, now: number): boolean {
  return item.status === 'pending' && (item.expiresAt === undefined || item.expiresAt > now);
}
