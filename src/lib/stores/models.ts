import { gatewayCollection } from './collection';
import { request } from './gateway-session';

/** A model the gateway offers, as the model picker lists it. */
export interface ModelChoice {
  id: string;
  name: string;
  provider?: string;
}

/** The models a `models.list` answer offers, each id once; malformed entries are skipped. */
export function readModels(value: unknown): ModelChoice[] {
  const list = (value as { models?: unknown } | null)?.models;
  if (!Array.isArray(list)) return [];
  const choices = new Map<string, ModelChoice>();
  for (const m of list as Array<{ id?: unknown; name?: unknown; provider?: unknown }>) {
    if (typeof m?.id !== 'string') continue;
    const provider = typeof m.provider === 'string' ? m.provider : undefined;
    const id = provider ? `${provider}/${m.id}` : m.id;
    // Keyed by the full id: a gateway listing a model twice shows it once.
    choices.set(id, { id, name: typeof m.name === 'string' ? m.name : m.id, provider });
  }
  return [...choices.values()];
}

/** The models the gateway offers, read while a model picker is shown. */
export const models = gatewayCollection<ModelChoice[]>({
  method: 'models.list',
  initial: [],
  load: async () => readModels(await request<unknown>('models.list', {})),
});
