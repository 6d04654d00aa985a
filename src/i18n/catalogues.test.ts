import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
const TEMPLATE_FAMILIES = ['phase.', 'run.phase.', 'diag.', 'session.role.', 'problem.'];

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
