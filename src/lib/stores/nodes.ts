import { atom, readonlyType } from 'nanostores';
import { attempt, describeError, type Outcome } from '../gateway/outcome';
import { gatewayCollection, type EventReducer } from './collection';
import { request } from './gateway-session';
import { cleanRecord, isRecord, uniqueBy } from './validate';

/** A host's resources as a node last reported them (`node.hostStats`). */
export interface HostStats {
  cpuCount?: number;
  loadAverage?: number[];
  memoryTotalBytes?: number;
  memoryFreeBytes?: number;
  diskTotalBytes?: number;
  diskAvailableBytes?: number;
  updatedAtMs?: number;
}

/** A node (a device that runs commands for the agents), as `node.list` describes it. */
export interface GatewayNode {
  nodeId: string;
  displayName?: string;
  platform?: string;
  version?: string;
  deviceFamily?: string;
  clientId?: string;
  remoteIp?: string;
  caps: string[];
  commands: string[];
  pendingDeclaredCaps: string[];
  approvalState?: string;
  /** The pairing request for capabilities it declared and nobody approved yet. */
  pendingRequestId?: string;
  connected: boolean;
  paired: boolean;
  connectedAtMs?: number;
  lastSeenAtMs?: number;
  lastActiveAtMs?: number;
  hostStats?: HostStats;
}

const NODE_FIELDS = {
  nodeId: 'string',
  displayName: 'string',
  platform: 'string',
  version: 'string',
  deviceFamily: 'string',
  clientId: 'string',
  remoteIp: 'string',
  caps: 'strings',
  commands: 'strings',
  pendingDeclaredCaps: 'strings',
  approvalState: 'string',
  pendingRequestId: 'string',
  connected: 'boolean',
  paired: 'boolean',
  connectedAtMs: 'number',
  lastSeenAtMs: 'number',
  lastActiveAtMs: 'number',
  hostStats: 'object',
} as const;

/** Host stats the page can show, or undefined when the object holds none of them. */
export function readHostStats(value: unknown): HostStats | undefined {
  const stats = cleanRecord<HostStats & { loadAverage?: unknown }>(value, {
    cpuCount: 'number',
    loadAverage: 'array',
    memoryTotalBytes: 'number',
    memoryFreeBytes: 'number',
    diskTotalBytes: 'number',
    diskAvailableBytes: 'number',
    updatedAtMs: 'number',
  });
  if (!stats) return undefined;
  const load = Array.isArray(stats.loadAverage)
    ? stats.loadAverage.filter((n): n is number => typeof n === 'number' && Number.isFinite(n))
    : undefined;
  return { ...stats, loadAverage: load?.length ? load : undefined };
}

/** A node the page can render, or undefined without an id. */
export function readNode(value: unknown): GatewayNode | undefined {
  const node = cleanRecord<Record<string, unknown>>(value, NODE_FIELDS, { required: ['nodeId'] });
  if (!node) return undefined;
  const list = (v: unknown) => (v as string[] | undefined) ?? [];
  return {
    ...(node as unknown as GatewayNode),
    caps: list(node.caps),
    commands: list(node.commands),
    pendingDeclaredCaps: list(node.pendingDeclaredCaps),
    connected: node.connected === true,
    paired: node.paired === true,
    hostStats: node.hostStats ? readHostStats(node.hostStats) : undefined,
  };
}

function merge(
  current: Map<string, GatewayNode>,
  payload: unknown,
  change: (node: GatewayNode, payload: Record<string, unknown>) => GatewayNode | undefined,
): Map<string, GatewayNode> {
  if (!isRecord(payload) || typeof payload.nodeId !== 'string') return current;
  const node = current.get(payload.nodeId);
  const next = node && change(node, payload);
  return next ? new Map(current).set(node.nodeId, next) : current;
}

const onHostStats: EventReducer<Map<string, GatewayNode>> = (current, frame) =>
  merge(current, frame.payload, (node, payload) => {
    const hostStats = readHostStats(payload.hostStats);
    return hostStats && { ...node, hostStats };
  });

const onPresence: EventReducer<Map<string, GatewayNode>> = (current, frame) =>
  merge(current, frame.payload, (node, payload) => ({
    ...node,
    // `null` clears the activity (the node went idle or was reset).
    lastActiveAtMs: typeof payload.lastActiveAtMs === 'number' ? payload.lastActiveAtMs : undefined,
  }));

/** Every node the gateway knows, connected or not, live through node and presence events. */
export const nodes = gatewayCollection<Map<string, GatewayNode>>({
  method: 'node.list',
  initial: new Map(),
  load: async () => {
    const reply = await request<{ nodes?: unknown }>('node.list', {});
    const list = uniqueBy(reply?.nodes, readNode, (node) => node.nodeId);
    return new Map(list.map((node) => [node.nodeId, node]));
  },
  events: {
    'node.hostStats': onHostStats,
    'node.presence': onPresence,
    // A node connecting or leaving shows as presence; pairing changes as their own events.
    presence: 'reload',
    'node.pair.requested': 'reload',
    'node.pair.resolved': 'reload',
    'device.pair.resolved': 'reload',
    'device.pair.changed': 'reload',
  },
});

/** What `node.describe` said about one node, or why it could not. */
export type NodeDetail = { loading: true } | { node?: GatewayNode; error?: string };

const $details = atom<ReadonlyMap<string, NodeDetail>>(new Map());
/** Node details that are open, by node id. */
export const nodeDetails = readonlyType($details);

function put(id: string, detail: NodeDetail | undefined) {
  const next = new Map($details.get());
  if (detail) next.set(id, detail);
  else next.delete(id);
  $details.set(next);
}

/** Opens one node's full description (`node.describe`), or closes it. */
export async function toggleNodeDetail(nodeId: string): Promise<void> {
  if ($details.get().has(nodeId)) return put(nodeId, undefined);
  put(nodeId, { loading: true });
  try {
    const node = readNode(await request('node.describe', { nodeId }));
    if ($details.get().has(nodeId)) put(nodeId, { node });
  } catch (error) {
    if ($details.get().has(nodeId)) put(nodeId, { error: describeError(error) });
  }
}

const $approveErrors = atom<ReadonlyMap<string, string>>(new Map());
/** Why approving a node's capabilities failed, by node id. */
export const nodeApproveErrors = readonlyType($approveErrors);

/** Approves the capabilities and commands a node declared (`node.pair.approve`); the list follows. */
export async function approveNodeCapabilities(node: GatewayNode): Promise<Outcome> {
  const requestId = node.pendingRequestId;
  if (!requestId) return { ok: false, error: 'no pending request' };
  const outcome = await attempt(() => request('node.pair.approve', { requestId }));
  const errors = new Map($approveErrors.get());
  if (outcome.ok) errors.delete(node.nodeId);
  else errors.set(node.nodeId, outcome.error);
  $approveErrors.set(errors);
  await nodes.refresh();
  return outcome;
}
