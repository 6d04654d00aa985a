import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBudgets, firstViewFiles, htmlAssets, lazyChunks } from './size-budget.mjs';

// A build shaped like ours: the entry imports a vendor chunk, which imports a runtime chunk
// (a static import two levels down); a preload names a chunk nothing imports; two lazy views
// share a lazy chunk, which itself imports the vendor chunk the first view already has.
const HTML = `<!doctype html>
<html><head>
  <script type="module" crossorigin src="/assets/index-A.js"></script>
  <link rel="modulepreload" crossorigin href="/assets/preloaded-P.js">
  <link rel=stylesheet crossorigin href='/assets/index-A.css'>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
</head><body><div id="app"></div></body></html>`;

const MANIFEST = {
  'index.html': {
    file: 'assets/index-A.js',
    name: 'index',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-V.js'],
    dynamicImports: ['src/views/One.svelte', 'src/views/Two.svelte'],
    css: ['assets/index-A.css'],
  },
  '_vendor-V.js': { file: 'assets/vendor-V.js', name: 'vendor', imports: ['_runtime-R.js'] },
  '_runtime-R.js': { file: 'assets/runtime-R.js', name: 'runtime', css: ['assets/runtime-R.css'] },
  '_preloaded-P.js': { file: 'assets/preloaded-P.js', name: 'preloaded' },
  '_shared-S.js': { file: 'assets/shared-S.js', name: 'shared', imports: ['_vendor-V.js'] },
  'src/views/One.svelte': {
    file: 'assets/One-1.js',
    name: 'One',
    src: 'src/views/One.svelte',
    isDynamicEntry: true,
    imports: ['index.html', '_shared-S.js'],
    css: ['assets/One-1.css'],
  },
  'src/views/Two.svelte': {
    file: 'assets/Two-2.js',
    name: 'Two',
    src: 'src/views/Two.svelte',
    isDynamicEntry: true,
    imports: ['index.html', '_shared-S.js'],
  },
};

const FIRST_VIEW = [
  'assets/index-A.js',
  'assets/index-A.css',
  'assets/vendor-V.js',
  'assets/runtime-R.js',
  'assets/runtime-R.css',
  'assets/preloaded-P.js',
];

describe('htmlAssets', () => {
  it('finds the module script, preloads and stylesheets, whatever the quoting, and nothing else', () => {
    expect(htmlAssets(HTML)).toEqual({
      scripts: ['assets/index-A.js'],
      preloads: ['assets/preloaded-P.js'],
      styles: ['assets/index-A.css'],
    });
  });
});

describe('firstViewFiles', () => {
  it('counts the entry, its static imports at every depth, preloads and their CSS', () => {
    expect(firstViewFiles(HTML, MANIFEST).sort()).toEqual([...FIRST_VIEW].sort());
  });

  it('leaves out every chunk reached only through import()', () => {
    const files = firstViewFiles(HTML, MANIFEST);
    for (const lazy of ['assets/One-1.js', 'assets/One-1.css', 'assets/Two-2.js']) {
      expect(files).not.toContain(lazy);
    }
    expect(files).not.toContain('assets/shared-S.js');
  });

  it('refuses an index.html that names a file the manifest does not know', () => {
    const html = HTML.replace('/assets/preloaded-P.js', '/assets/gone.js');
    expect(() => firstViewFiles(html, MANIFEST)).toThrow(/gone\.js/);
  });

  it('refuses an index.html without a module script rather than measuring nothing', () => {
    expect(() => firstViewFiles('<html></html>', MANIFEST)).toThrow(/no module script/);
  });
});

describe('lazyChunks', () => {
  it('gives each lazy chunk what opening it adds, without what the first view has', () => {
    expect(lazyChunks(MANIFEST, FIRST_VIEW)).toEqual([
      {
        name: 'One',
        dynamicEntry: true,
        files: ['assets/One-1.js', 'assets/One-1.css', 'assets/shared-S.js'],
      },
      { name: 'shared', dynamicEntry: false, files: ['assets/shared-S.js'] },
      { name: 'Two', dynamicEntry: true, files: ['assets/Two-2.js', 'assets/shared-S.js'] },
    ]);
  });
});

describe('checkBudgets', () => {
  let dist: string | undefined;
  afterEach(() => {
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  /** Writes the fixture build with each file's content set to `bytes` random-ish bytes. */
  function writeDist(sizes: Record<string, number>): string {
    dist = mkdtempSync(path.join(tmpdir(), 'size-budget-'));
    mkdirSync(path.join(dist, 'assets'));
    mkdirSync(path.join(dist, '.vite'));
    writeFileSync(path.join(dist, 'index.html'), HTML);
    writeFileSync(path.join(dist, '.vite/manifest.json'), JSON.stringify(MANIFEST));
    let seed = 1;
    for (const chunk of Object.values(MANIFEST)) {
      for (const file of [chunk.file, ...('css' in chunk ? chunk.css : [])]) {
        const bytes = Buffer.alloc(sizes[file] ?? 10);
        // Incompressible content, so the gzip size follows the raw size.
        for (let i = 0; i < bytes.length; i++)
          bytes[i] = (seed = (seed * 48271) % 2147483647) & 255;
        writeFileSync(path.join(dist, file), bytes);
      }
    }
    return dist;
  }

  it('sums the first view only, and fails past its budget', () => {
    const built = writeDist({ 'assets/runtime-R.js': 3000, 'assets/One-1.js': 50_000 });
    const within = checkBudgets(built, { firstView: 4 });
    expect(within.firstViewGzip).toBeGreaterThan(3000);
    expect(within.firstViewGzip).toBeLessThan(4 * 1024);
    expect(within.problems).toEqual([]);
    expect(checkBudgets(built, { firstView: 2 }).problems).toEqual([
      expect.stringMatching(/^first view is .* over its 2\.0 KB budget$/),
    ]);
  });

  it('fails a view over its budget, and a budget that names no chunk', () => {
    const built = writeDist({ 'assets/One-1.js': 5000 });
    const { problems } = checkBudgets(built, {
      firstView: 70,
      views: { One: 4, Two: 4, Gone: 1 },
    });
    expect(problems).toEqual([
      expect.stringMatching(/^One adds .* over its 4\.0 KB budget$/),
      expect.stringMatching(/budgets Gone, but the build has no lazy chunk/),
    ]);
  });
});
