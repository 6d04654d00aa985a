import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageCatalogue } from '../lib/stores/i18n';
import { en, type Message, type MessageKey } from './en';
import { zhCN } from './zh-CN';

const forms = (message: Message): string[] =>
  typeof message === 'string' ? [message] : Object.values(message);
const placeholders = (message: Message): string[] =>
  [...new Set(forms(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))]
    .filter((name): name is string => name !== undefined)
    .sort();
const keys = Object.keys(en) as MessageKey[];

/** Every source file under src/ except the dictionaries and tests, as one text. */
function sources(dir = 'src'): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return path === join('src', 'i18n') ? '' : sources(path);
      return /\.(ts|svelte)$/.test(entry.name) && !entry.name.endsWith('.test.ts')
        ? readFileSync(path, 'utf8')
        : '';
    })
    .join('\n');
}

// Keys the code builds from a value: `phase.${phase}` and the like.
const TEMPLATE_FAMILIES = [
  'phase.',
  'run.phase.',
  'run.tokens.',
  'diag.',
  'session.role.',
  'session.via.',
  'problem.',
  'palette.kind.',
  'value.',
];

describe('catalogues', () => {
  it('use the same placeholders in every language', () => {
    for (const key of keys)
      expect([key, placeholders(zhCN[key])]).toEqual([key, placeholders(en[key])]);
  });

  it('give every plural form of a counted text its count', () => {
    const counted = keys.filter((key) => typeof en[key] !== 'string');
    expect(counted.length).toBeGreaterThan(0);
    for (const key of [...counted.map((k) => en[k]), ...counted.map((k) => zhCN[k])]) {
      for (const text of forms(key)) expect(text).toContain('{count}');
    }
  });

  it('hold no key that nothing shows', () => {
    const code = sources();
    const unused = keys.filter((key) => {
      const family = TEMPLATE_FAMILIES.find((prefix) => key.startsWith(prefix));
      if (code.includes(`'${key}'`)) return false;
      return !family || !code.includes(`\`${family}\${`);
    });
    expect(unused).toEqual([]);
  });
});

describe('sources', () => {
  it('format dates and times in the chosen language, never the browser’s', () => {
    expect(sources().match(/\.toLocale(Time|Date)?String\(/g)).toBeNull();
  });
});

// Each lazy page's own catalogue (src/i18n/pages/*.ts, default export) is held to the same rules.
const pageCatalogues = Object.entries(
  import.meta.glob<PageCatalogue<Record<string, Message>>>('./pages/*.ts', {
    eager: true,
    import: 'default',
  }),
);

describe.each(pageCatalogues)('page catalogue %s', (_file, catalogue) => {
  const pageKeys = Object.keys(catalogue.en);

  it('has the same keys and placeholders in every language', () => {
    expect(Object.keys(catalogue['zh-CN']).sort()).toEqual([...pageKeys].sort());
    for (const key of pageKeys)
      expect([key, placeholders(catalogue['zh-CN'][key]!)]).toEqual([
        key,
        placeholders(catalogue.en[key]!),
      ]);
  });

  it('gives every plural form its count and holds no key that nothing shows', () => {
    for (const key of pageKeys.filter((k) => typeof catalogue.en[k] !== 'string'))
      for (const text of [...forms(catalogue.en[key]!), ...forms(catalogue['zh-CN'][key]!)])
        expect(text).toContain('{count}');
    const code = sources();
    // A key is shown when the code quotes it, or builds it from its family: `cron.state.${state}`.
    const family = (key: string) => '`' + key.slice(0, key.lastIndexOf('.') + 1) + '${';
    const unused = pageKeys.filter(
      (key) => !code.includes(`'${key}'`) && !code.includes(family(key)),
    );
    expect(unused).toEqual([]);
  });
});
