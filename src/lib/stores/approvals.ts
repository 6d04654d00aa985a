import { atom, onMount, readonlyType } from 'nanostores';
import { can, gatewayHello, onConnected, onGatewayEvent, request } from './connection';

/** A pending approval (exec or plugin) as a line on a board. */
export interface PendingApproval {
  id: string;
  kind: 'exec' | 'plugin';
  summary: string;
  sessionKey?: string;
  createdAt?: number;
}

const $approvals = atom<PendingApproval[]>([]);
/** Approvals waiting for an operator, where the gateway reports them. */
export const pendingApprovals = readonlyType($approvals);

function firstArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'object' || value === null) return [];
  const found = Object.values(value).find(Array.isArray);
  return (found as unknown[] | undefined) ?? [];
}

function toApproval(value: unknown, kind: PendingApproval['kind']): PendingApproval | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const r = value as Record<string, unknown>;
  const inner = (typeof r.request === 'object' && r.request !== null ? r.request : r) as Record<
    string,
    unknown
  >;
  const id = [r.id, r.approvalId, inner.id].find((v) => typeof v === 'string') as
    string | undefined;
  if (!id) return undefined;
  const summary = [inner.command, inner.title, inner.description, inner.toolName, r.title].find(
    (v) => typeof v === 'string',
  ) as string | undefined;
  return {
    id,
    kind,
    summary: summary ?? id,
    sessionKey: typeof inner.sessionKey === 'string' ? inner.sessionKey : undefined,
    createdAt: typeof r.createdAtMs === 'number' ? r.createdAtMs : undefined,
  };
}

/** Re-reads pending exec and plugin approvals (needs the approvals scope). */
export async function refreshApprovals(): Promise<void> {
  const sources: Array<[string, PendingApproval['kind']]> = [
    ['exec.approval.list', 'exec'],
    ['plugin.approval.list', 'plugin'],
  ];
  const lists = await Promise.all(
    sources.map(async ([method, kind]) => {
      if (!can.get()(method)) return [];
      try {
        const result = await request<unknown>(method, {});
        return firstArray(result)
          .map((item) => toApproval(item, kind))
          .filter((a): a is PendingApproval => !!a);
      } catch {
        return [];
      }
    }),
  );
  $approvals.set(lists.flat().slice(0, 100));
}

onMount($approvals, () => {
  if (gatewayHello.get()) void refreshApprovals();
  const events = [
    'exec.approval.requested',
    'exec.approval.resolved',
    'plugin.approval.requested',
    'plugin.approval.resolved',
    'openclaw.approval.requested',
    'openclaw.approval.resolved',
  ];
  const offs = [
    onConnected(() => void refreshApprovals()),
    ...events.map((name) => onGatewayEvent(name, () => void refreshApprovals())),
  ];
  return () => offs.forEach((off) => off());
});
