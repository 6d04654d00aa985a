import { gatewayCollection } from './collection';
import { request } from './gateway-session';
import { isRecord, uniqueBy } from './validate';

/** One quota window a provider reports (e.g. "5h", "Week"). */
export interface QuotaWindow {
  label: string;
  /** 0–100. */
  usedPercent: number;
  resetAt?: number;
}

/** A model provider's own account of its plan and quota (`usage.status`). */
export interface ProviderQuota {
  provider: string;
  name: string;
  plan?: string;
  windows: QuotaWindow[];
  error?: string;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);

function readWindow(raw: unknown): QuotaWindow | undefined {
  if (!isRecord(raw) || !text(raw.label)) return undefined;
  const used = typeof raw.usedPercent === 'number' && Number.isFinite(raw.usedPercent);
  if (!used) return undefined;
  const resetAt = typeof raw.resetAt === 'number' && Number.isFinite(raw.resetAt);
  return {
    label: raw.label as string,
    usedPercent: Math.min(100, Math.max(0, raw.usedPercent as number)),
    ...(resetAt && { resetAt: raw.resetAt as number }),
  };
}

/** A provider entry of a `usage.status` reply, or undefined without its id. */
export function readProvider(raw: unknown): ProviderQuota | undefined {
  const provider = isRecord(raw) ? text(raw.provider) : undefined;
  if (!provider || !isRecord(raw)) return undefined;
  const plan = text(raw.plan);
  const error = text(raw.error);
  return {
    provider,
    name: text(raw.displayName) ?? provider,
    ...(plan && { plan }),
    windows: uniqueBy(raw.windows, readWindow, (w) => w.label),
    ...(error && { error }),
  };
}

/** What each configured model provider says about its quota; read when the page is opened. */
export const providerQuotas = gatewayCollection<ProviderQuota[]>({
  method: 'usage.status',
  initial: [],
  load: async () => {
    const reply = await request<{ providers?: unknown }>('usage.status', {});
    return uniqueBy(isRecord(reply) ? reply.providers : undefined, readProvider, (p) => p.provider);
  },
});
