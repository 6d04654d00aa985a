#!/usr/bin/env node
// `npm run size` (and a step of `npm test`): what the built console makes a browser download,
// gzipped, against the budgets in size-budget.config.mjs.
//
// The first view is what index.html loads before anything is shown: its module script, every
// chunk that script imports statically (recursively), any modulepreload, and the CSS of those
// chunks and of index.html's stylesheet links. Chunks reached only through import() are lazy:
// each lazy view is measured as what opening it adds to the first view (its chunk, its CSS, and
// the lazy chunks it imports statically). Sizes are gzip at zlib's default level (6, what Vite's
// own build report uses); 1 KB here is 1024 bytes. Reads dist/ (run `vite build` first).
// Exit 0: within budget; 1: over a budget, or a budgeted view has no chunk; 2: no build.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const KB = 1024;

/** Attributes of every `<tag …>` in an HTML document, as plain objects (names lower-cased). */
function tags(html, name) {
  const found = [];
  for (const [, attrs] of html.matchAll(new RegExp(`<${name}\\b([^>]*)>`, 'gi'))) {
    const attributes = {};
    for (const [, key, v1, v2, v3] of attrs.matchAll(
      /([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      attributes[key.toLowerCase()] = v1 ?? v2 ?? v3 ?? '';
    }
    found.push(attributes);
  }
  return found;
}

/** A URL from index.html as a path inside dist/ (`/assets/a.js` → `assets/a.js`). */
function distPath(url, base = '/') {
  const clean = url.split(/[?#]/)[0];
  return clean.startsWith(base) ? clean.slice(base.length) : clean.replace(/^\.?\//, '');
}

/** What index.html itself loads: module scripts, modulepreloads and stylesheets, as dist paths. */
export function htmlAssets(html, base = '/') {
  const scripts = tags(html, 'script')
    .filter((a) => a.type === 'module' && a.src)
    .map((a) => distPath(a.src, base));
  const links = tags(html, 'link');
  const rels = (a) => (a.rel ?? '').toLowerCase().split(/\s+/);
  const preloads = links
    .filter((a) => rels(a).includes('modulepreload') && a.href)
    .map((a) => distPath(a.href, base));
  const styles = links
    .filter((a) => rels(a).includes('stylesheet') && a.href)
    .map((a) => distPath(a.href, base));
  return { scripts, preloads, styles };
}

/** Manifest keys by output file, so a file named in index.html finds its chunk. */
function keysByFile(manifest) {
  return new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
}

/** Files a set of chunks loads at once: each chunk, its static imports (recursively), their CSS. */
function staticClosure(manifest, startKeys, skip = new Set()) {
  const files = new Set();
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    if (!skip.has(chunk.file)) files.add(chunk.file);
    for (const css of chunk.css ?? []) if (!skip.has(css)) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  startKeys.forEach(visit);
  return files;
}

/** The JS and CSS files the first view loads (dist paths), from index.html and the manifest. */
export function firstViewFiles(html, manifest, base = '/') {
  const { scripts, preloads, styles } = htmlAssets(html, base);
  if (scripts.length === 0) throw new Error('index.html has no module script');
  const byFile = keysByFile(manifest);
  const starts = [...scripts, ...preloads].map((file) => {
    const key = byFile.get(file);
    if (!key) throw new Error(`index.html loads ${file}, which the manifest does not list`);
    return key;
  });
  const files = staticClosure(manifest, starts);
  for (const css of styles) files.add(css);
  return [...files];
}

/**
 * Every chunk the first view does not load, by chunk name, with what opening it adds: its own
 * file and CSS plus the not-yet-loaded chunks it imports statically. Dynamic entries (views
 * behind import()) are what budgets name; shared lazy chunks are listed too.
 */
export function lazyChunks(manifest, firstView) {
  const loaded = new Set(firstView);
  const lazy = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    if (loaded.has(chunk.file) || !/\.m?js$/.test(chunk.file)) continue;
    lazy.push({
      name: chunk.name ?? key,
      dynamicEntry: Boolean(chunk.isDynamicEntry),
      files: [...staticClosure(manifest, [key], loaded)],
    });
  }
  return lazy.sort((a, b) => a.name.localeCompare(b.name));
}

/** Raw and gzip size of one file. */
function measure(dist, file) {
  const bytes = readFileSync(path.join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
}

const sum = (rows, field) => rows.reduce((total, row) => total + row[field], 0);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;

/** Checks dist/ against the budgets; returns the report's lines and the problems found. */
export function checkBudgets(dist, config) {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'));
  const lines = [];
  const problems = [];
  const table = (rows) => {
    const width = Math.max(...rows.map((row) => row.file.length), 4);
    lines.push(`  ${'file'.padEnd(width)}  ${'raw'.padStart(10)}  ${'gzip'.padStart(10)}`);
    for (const row of rows) {
      lines.push(
        `  ${row.file.padEnd(width)}  ${kb(row.raw).padStart(10)}  ${kb(row.gzip).padStart(10)}`,
      );
    }
  };

  const first = firstViewFiles(html, manifest).map((file) => measure(dist, file));
  const firstGzip = sum(first, 'gzip');
  const firstBudget = config.firstView * KB;
  lines.push('First view (index.html, its static imports, modulepreloads and CSS):');
  table(first);
  lines.push(
    `  total ${kb(sum(first, 'raw'))} raw, ${kb(firstGzip)} gzip (${firstGzip} bytes); budget ${kb(firstBudget)}`,
  );
  if (firstGzip > firstBudget) {
    problems.push(`first view is ${kb(firstGzip)} gzip, over its ${kb(firstBudget)} budget`);
  }

  const lazy = lazyChunks(
    manifest,
    first.map((row) => row.file),
  );
  lines.push('', 'Lazy chunks (what opening each adds to the first view):');
  const views = config.views ?? {};
  for (const chunk of lazy) {
    const rows = chunk.files.map((file) => measure(dist, file));
    const gzip = sum(rows, 'gzip');
    const budget = views[chunk.name];
    const verdict = budget === undefined ? 'no budget' : `budget ${kb(budget * KB)}`;
    lines.push(`${chunk.name}: ${kb(sum(rows, 'raw'))} raw, ${kb(gzip)} gzip; ${verdict}`);
    table(rows);
    if (budget !== undefined && gzip > budget * KB) {
      problems.push(`${chunk.name} adds ${kb(gzip)} gzip, over its ${kb(budget * KB)} budget`);
    }
  }
  for (const name of Object.keys(views)) {
    if (!lazy.some((chunk) => chunk.name === name)) {
      problems.push(
        `size-budget.config.mjs budgets ${name}, but the build has no lazy chunk of that name`,
      );
    }
  }
  return { lines, problems, firstViewGzip: firstGzip };
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dist = path.join(root, 'dist');
  if (!existsSync(path.join(dist, '.vite/manifest.json'))) {
    console.error('size-budget: no dist/.vite/manifest.json; run `vite build` first');
    process.exit(2);
  }
  const { default: config } = await import(
    pathToFileURL(path.join(root, 'size-budget.config.mjs')).href
  );
  const { lines, problems } = checkBudgets(dist, config);
  console.log(lines.join('\n'));
  if (problems.length > 0) {
    console.error(`\nSize budget exceeded:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('\nWithin every size budget.');
}
