import { atom, computed, map } from 'nanostores';
import { askKey, readSnapshot, type AskItem, type Decision } from './approval-items';
import { answerQuestion, decide, skipQuestion, type DecisionOutcome } from './approvals-actions';
import { approvalHref } from './approvals';
import { asks, knownAsk, settle } from './approvals-inbox';
import { gatewayCollection } from './collection';
import { can, request } from './gateway-session';
import { createPage } from './page';
import { router } from './router';
import { isRecord } from './validate';

/** Settled approvals the gateway keeps (`approval.history`, newest first), live. */
export const approvalHistory = gatewayCollection<AskItem[]>({
  method: 'approval.history',
  initial: [],
  load: async () => {
    const reply = await request<unknown>('approval.history', { limit: 50 });
    const items = isRecord(reply) && Array.isArray(reply.items) ? reply.items : [];
    return items.map((item) => readSnapshot(item)).filter((i): i is AskItem => !!i);
  },
  events: {
    'exec.approval.resolved': 'reload',
    'plugin.approval.resolved': 'reload',
  },
});

/** A standing exec grant (an allow-always for a scheduled job), as `exec.approval.grants.list` gives it. */
export interface StandingGrant {
  grantId: string;
  command: string;
  agentId?: string;
  jobName?: string;
  createdAt?: number;
  expiresAt?: number;
  revokedAt?: number;
  useCount?: number;
}

function readGrant(value: unknown): StandingGrant | undefined {
  if (!isRecord(value) || typeof value.grantId !== 'string') return undefined;
  const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const s = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    grantId: value.grantId,
    command: s(value.command) ?? '',
    agentId: s(value.agentId),
    jobName: s(value.cronJobName) ?? s(value.cronJobId),
    createdAt: n(value.createdAtMs),
    expiresAt: n(value.expiresAtMs),
    revokedAt: n(value.revokedAtMs),
    useCount: n(value.useCount),
  };
}

/** Standing exec grants, where the gateway offers them. */
export const standingGrants = gatewayCollection<StandingGrant[]>({
  method: 'exec.approval.grants.list',
  initial: [],
  load: async () => {
    const reply = await request<unknown>('exec.approval.grants.list', {});
    const grants = isRecord(reply) && Array.isArray(reply.grants) ? reply.grants : [];
    return grants.map(readGrant).filter((g): g is StandingGrant => !!g);
  },
});

/** Revokes a standing grant, then re-reads the list. */
export async function revokeGrant(grantId: string): Promise<DecisionOutcome | { ok: true }> {
  try {
    await request('exec.approval.grants.revoke', { grantId });
    await standingGrants.refresh();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The approvals page: the inbox, the item the address names, and its actions with progress. */
export const approvalsPage = createPage('approvals', () => {
  const busy = map<Record<string, string>>({});
  const outcome = map<Record<string, DecisionOutcome>>({});
  const fetched = atom<AskItem | undefined>(undefined);
  const wantedId = computed(router, (at) => at?.search.id);

  // A link to an approval this console never saw (a notification from before a reload, or one
  // resolved before this page's inbox loaded): once the inbox has loaded without it, and the
  // gateway offers approval.get, ask for its record. Checked again on every change of the three,
  // since after a reload the link is read before the connection is up.
  const unknownId = computed([wantedId, asks, can], (id, state, allowed) => {
    if (!id || !state.loaded || !allowed('approval.get')) return undefined;
    return [...state.waiting, ...state.settled].some((item) => item.id === id) ? undefined : id;
  });
  let asked: string | undefined;
  const offWanted = wantedId.subscribe((id) => {
    if (id !== fetched.get()?.id) fetched.set(undefined);
    if (id !== asked) asked = undefined;
  });
  const offLink = unknownId.subscribe((id) => {
    if (!id || id === asked) return;
    asked = id;
    void request<unknown>('approval.get', { id })
      .then((reply) => {
        const item = readSnapshot(isRecord(reply) ? reply.approval : undefined);
        if (!item || wantedId.get() !== id) return;
        if (item.status === 'pending') fetched.set(item);
        else settle(item);
      })
      .catch(() => {
        if (asked === id) asked = undefined;
      });
  });

  const selected = computed([asks, wantedId, fetched], (state, id, extra) => {
    const all = [...state.waiting, ...state.settled];
    return (
      all.find((item) => item.id === id) ??
      (extra?.id === id ? extra : undefined) ??
      (id ? undefined : state.waiting[0])
    );
  });

  const run = async (item: AskItem, label: string, action: () => Promise<DecisionOutcome>) => {
    if (busy.get()[item.key]) return;
    busy.setKey(item.key, label);
    const result = await action();
    outcome.setKey(item.key, result);
    busy.setKey(item.key, undefined as unknown as string);
  };

  return {
    selected,
    busy,
    outcome,
    wantedId,
    /** Shows one item (its id goes in the address, so the view can be linked and reloaded). */
    select(item: AskItem) {
      router.open(approvalHref(item.id), true);
    },
    decide: (item: AskItem, decision: Decision) =>
      run(item, decision, () => decide(item, decision)),
    answer: (item: AskItem, answers: Record<string, string[]>) =>
      run(item, 'answer', () => answerQuestion(item, answers)),
    skip: (item: AskItem) => run(item, 'skip', () => skipQuestion(item)),
    known: (kind: AskItem['kind'], id: string) => knownAsk(askKey(kind, id)),
    exit() {
      offLink();
      offWanted();
    },
  };
});
