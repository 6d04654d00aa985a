import { countDiagnostic } from './diagnostics';

/**
 * A small validator for what the gateway sends, applied where it enters the stores.
 * `@openclaw/gateway-protocol` ships TypeBox schemas, but none for the read results we
 * show (health, presence, sessions.list, device.pair.list), its objects are closed (a
 * newer gateway adding a field would make every item unreadable), and the schema module
 * would add ~120 kB to the bundle. So each store names the fields it renders and their
 * kinds: a field of the wrong kind is dropped, an item without its key is dropped, and
 * each is counted in diagnostics as an unreadable item; everything else is kept.
 */

/** What a shown field must be. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'strings' | 'object' | 'array';

/** A plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fits(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'strings':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'object':
      return isRecord(value);
    case 'array':
      return Array.isArray(value);
  }
}

/** Counts one unreadable item (or field) from the gateway. */
export function countUnreadable(): void {
  countDiagnostic('unreadableItems');
}

/**
 * A copy of `value` with every listed field of the wrong kind removed; undefined when it
 * is not an object or a `required` field is unusable. `null` is kept where `nullable`
 * (the gateway clears a session's label with null), else removed without complaint.
 */
export function cleanRecord<T>(
  value: unknown,
  fields: Record<string, FieldKind>,
  options: { required?: string[]; nullable?: boolean } = {},
): T | undefined {
  if (!isRecord(value)) {
    countUnreadable();
    return undefined;
  }
  const out: Record<string, unknown> = { ...value };
  let dropped = false;
  for (const [name, kind] of Object.entries(fields)) {
    const field = out[name];
    if (field === undefined) continue;
    if (field === null) {
      if (!options.nullable) delete out[name];
      continue;
    }
    if (!fits(field, kind)) {
      delete out[name];
      dropped = true;
    }
  }
  if (options.required?.some((name) => out[name] === undefined || out[name] === null)) {
    countUnreadable();
    return undefined;
  }
  if (dropped) countUnreadable();
  return out as T;
}

/** The items of a list that `read` accepts, keyed so a repeated key shows once (the last one). */
export function uniqueBy<T>(
  list: unknown,
  read: (item: unknown) => T | undefined,
  keyOf: (item: T) => string,
): T[] {
  if (!Array.isArray(list)) return [];
  const items = new Map<string, T>();
  for (const raw of list) {
    const item = read(raw);
    if (item === undefined) continue;
    const key = keyOf(item);
    // A repeated key keeps its first place and takes the later value (as a Map does).
    if (items.has(key)) countUnreadable();
    items.set(key, item);
  }
  return [...items.values()];
}
