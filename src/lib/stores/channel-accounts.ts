import { gatewayCollection } from './collection';
import { request } from './gateway-session';
import { countUnreadable, isRecord } from './validate';

/**
 * Channel accounts as `channels.status` reports them (gateway 2026.9.6): `channelAccounts` holds,
 * per channel id, a list of accounts with `running`, `connected`, `lifecycle`, `lastStartAt`,
 * `lastStopAt`, `lastError`, `lastInboundAt`… A channel without that list is read from its
 * `channels[id]` summary as its default account. There is no channel event: the list is re-read
 * on every `health` event and after each action.
 */

/** How an account is doing, from the console's point of view. */
export type AccountState = 'up' | 'starting' | 'down' | 'off';

/** One channel account, validated. */
export interface ChannelAccount {
  /** `channel/accountId`: one key per account (both parts chosen by the gateway's config). */
  key: string;
  channel: string;
  accountId: string;
  label: string;
  state: AccountState;
  lifecycle?: string;
  lastStartAt?: number;
  lastStopAt?: number;
  lastConnectedAt?: number;
  lastInboundAt?: number;
  lastError?: string;
}

const num = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const text = (value: unknown, max = 300) =>
  typeof value === 'string' && value ? value.slice(0, max) : undefined;

/** The state of one (untrusted) status record. */
export function accountState(record: Record<string, unknown>): AccountState {
  if (record.enabled === false || record.configured === false) return 'off';
  if (record.running === false) return 'down';
  if (record.connected === false)
    return record.lifecycle === 'starting' && !record.lastError ? 'starting' : 'down';
  return 'up';
}

function readAccount(
  channel: string,
  label: string,
  value: unknown,
  fallbackId: string,
): ChannelAccount | undefined {
  if (!isRecord(value)) return undefined;
  const accountId = text(value.accountId, 120) ?? fallbackId;
  return {
    key: `${channel}/${accountId}`,
    channel,
    accountId,
    label,
    state: accountState(value),
    lifecycle: text(value.lifecycle, 40),
    lastStartAt: num(value.lastStartAt),
    lastStopAt: num(value.lastStopAt),
    lastConnectedAt: num(value.lastConnectedAt),
    lastInboundAt: num(value.lastInboundAt),
    lastError: text(value.lastError),
  };
}

const own = (record: Record<string, unknown>, key: string) =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** Reads a `channels.status` reply into accounts, in the gateway's channel order; odd items skipped. */
export function readChannelAccounts(reply: unknown): ChannelAccount[] {
  if (!isRecord(reply)) return [];
  const summaries = isRecord(reply.channels) ? reply.channels : {};
  const lists = isRecord(reply.channelAccounts) ? reply.channelAccounts : {};
  const labels = isRecord(reply.channelLabels) ? reply.channelLabels : {};
  const defaults = isRecord(reply.channelDefaultAccountId) ? reply.channelDefaultAccountId : {};
  const order = Array.isArray(reply.channelOrder) ? reply.channelOrder : [];
  const ids = [...order, ...Object.keys(summaries), ...Object.keys(lists)].filter(
    (id): id is string => typeof id === 'string' && id.length > 0 && id.length <= 80,
  );
  const out = new Map<string, ChannelAccount>();
  for (const channel of new Set(ids)) {
    const label = text(own(labels, channel), 80) ?? channel;
    const fallbackId = text(own(defaults, channel), 120) ?? 'default';
    const list = own(lists, channel);
    const items = Array.isArray(list) && list.length ? list : [own(summaries, channel)];
    for (const item of items) {
      const account = readAccount(channel, label, item, fallbackId);
      if (!account) {
        if (item !== undefined) countUnreadable();
        continue;
      }
      if (!out.has(account.key)) out.set(account.key, account);
    }
  }
  return [...out.values()];
}

/** The channel accounts, live while observed. */
export const channelAccounts = gatewayCollection<ChannelAccount[]>({
  method: 'channels.status',
  initial: [],
  load: async () => readChannelAccounts(await request<unknown>('channels.status', {})),
  events: { health: 'reload' },
});
