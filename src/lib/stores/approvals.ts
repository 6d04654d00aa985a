import { computed } from 'nanostores';
import { gatewayCollection } from './collection';
import { can, request } from './gateway-session';

/** A pending approval (exec or plugin) as a line on a board. */
export interface PendingApproval {
  id: string;
  kind: 'exec' | 'plugin';
  summary: string;
  sessionKey?: string;
  createdAt?: number;
}

/** The most approvals kept: a flood from a misbehaving agent must not grow memory without bound. */
const MAX_APPROVALS = 100;

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

const SOURCES: Array<[string, PendingApproval['kind']]> = [
  ['exec.approval.list', 'exec'],
  ['plugin.approval.list', 'plugin'],
];

async function readAll(): Promise<Map<string, PendingApproval>> {
  const all = new Map<string, PendingApproval>();
  const failures: unknown[] = [];
  for (const [method, kind] of SOURCES) {
    if (!can.get()(method)) continue;
    // One failing source must not hide the other's approvals.
    const list = firstArray(await request<unknown>(method, {}).catch((e) => void failures.push(e)));
    for (const approval of list.map((item) => toApproval(item, kind))) {
      // Keyed by kind and id: ids are chosen elsewhere and may repeat across kinds.
      if (approval && all.size < MAX_APPROVALS) all.set(`${kind}:${approval.id}`, approval);
    }
  }
  if (failures.length === SOURCES.length) throw failures[0];
  return all;
}

/** Approvals waiting for an operator (exec and plugin), re-read on each approval event. */
export const approvals = gatewayCollection<Map<string, PendingApproval>>({
  method: 'exec.approval.list',
  initial: new Map(),
  load: readAll,
  events: {
    'exec.approval.requested': 'reload',
    'exec.approval.resolved': 'reload',
    'plugin.approval.requested': 'reload',
    'plugin.approval.resolved': 'reload',
    'openclaw.approval.requested': 'reload',
    'openclaw.approval.resolved': 'reload',
  },
});

/** Pending approvals as a list, for boards and badges. */
export const pendingApprovals = computed(approvals, (state) => [...state.value.values()]);
