// Summarises a Chromium trace of one page load phase by phase: the renderer main thread's busy
// time by kind of work (its own time, children excluded), and the V8 samples by function, so a
// slow phase names what filled it. Phases are performance.now() times (0 = navigation start).

/** The trace categories summarizeTrace reads: the main thread's tasks and V8's samples. */
export const SUMMARY_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
];

const PHASES = [
  ['navigation → DOMContentLoaded', 0, 'dcl'],
  ['DOMContentLoaded → socket open', 'dcl', 'challenge'],
  ['socket open → connect sent', 'challenge', 'connect'],
  ['connect sent → hello-ok', 'connect', 'hello'],
  ['hello-ok → health on screen', 'hello', 'ready'],
];

/** The renderer that loaded the page: its pid, main thread id and navigation start (µs). */
function findPage(events) {
  const nav = events.find(
    (e) =>
      e.name === 'navigationStart' &&
      /^http/.test(e.args?.data?.documentLoaderURL ?? '') &&
      e.args?.data?.isLoadingMainFrame,
  );
  if (!nav) throw new Error('no navigationStart for an http page in the trace');
  return { pid: nav.pid, tid: nav.tid, origin: nav.ts };
}

/** Own time (µs) of each complete event on one thread: its duration minus its children's. */
function ownTimes(events) {
  const sorted = events
    .filter((e) => e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  const out = [];
  for (const e of sorted) {
    while (stack.length && stack.at(-1).end <= e.ts) stack.pop();
    const parent = stack.at(-1);
    const item = { e, end: e.ts + e.dur, own: e.dur, script: scriptOf(e) ?? parent?.script };
    if (parent) parent.own -= Math.min(e.dur, parent.end - e.ts);
    stack.push(item);
    out.push(item);
  }
  return out;
}

function scriptOf(e) {
  const url = e.args?.data?.url ?? e.args?.fileName;
  return url ? shortUrl(url) : undefined;
}

function shortUrl(url) {
  return url.replace(/^https?:\/\/[^/]+/, '') || url;
}

function phaseIndex(bounds, t) {
  for (let i = 0; i < bounds.length; i++) if (t >= bounds[i][0] && t < bounds[i][1]) return i;
  return -1;
}

function top(map, n) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function add(map, key, v) {
  map.set(key, (map.get(key) ?? 0) + v);
}

/** V8 samples of the page's renderer: [{ t (µs), frame }] from its ProfileChunk events. */
function samplesOf(events, pid) {
  const nodes = new Map();
  const out = [];
  const starts = new Map();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile') starts.set(e.id, e.args.data.startTime);
    if (e.name !== 'ProfileChunk') continue;
    const profile = e.args.data.cpuProfile ?? {};
    for (const node of profile.nodes ?? []) nodes.set(`${e.id}:${node.id}`, node);
    let t = starts.get(e.id) ?? 0;
    const deltas = e.args.data.timeDeltas ?? [];
    (profile.samples ?? []).forEach((id, i) => {
      t += deltas[i] ?? 0;
      out.push({ t, key: `${e.id}:${id}` });
    });
    starts.set(e.id, t);
  }
  const label = (node) => {
    const frame = node?.callFrame ?? {};
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    return `${frame.functionName || '(anon)'} ${where}`;
  };
  return out.map((s, i) => {
    const next = out[i + 1]?.t ?? s.t;
    // Each function on the sample's stack once (recursion counted once), for inclusive time.
    const stack = new Set();
    const profileId = s.key.slice(0, s.key.indexOf(':'));
    for (let n = nodes.get(s.key); n; n = n.parent && nodes.get(`${profileId}:${n.parent}`))
      stack.add(label(n));
    return { t: s.t, dt: Math.max(0, next - s.t), frame: label(nodes.get(s.key)), stack };
  });
}

/**
 * A printable summary of one traced load, phase by phase. `spans` lists the phases as
 * [label, from, to] (names in `phases`, or 0 for navigation start); a cold start's by default.
 */
export function summarizeTrace(
  trace,
  phases,
  spans = PHASES,
  { topFunctions = 10, withInclusive = false, page: given } = {},
) {
  const events = trace.traceEvents ?? trace;
  // A trace started after the navigation names the page's thread and time origin itself.
  const page = given ?? findPage(events);
  const at = (p) => (p === 0 ? 0 : phases[p]);
  const bounds = spans.map(([, a, b]) => [
    page.origin + at(a) * 1000,
    page.origin + (at(b) ?? Infinity) * 1000,
  ]);
  const main = events.filter((e) => e.pid === page.pid && e.tid === page.tid);
  const byKind = spans.map(() => new Map());
  const byScript = spans.map(() => new Map());
  for (const item of ownTimes(main)) {
    const i = phaseIndex(bounds, item.e.ts);
    if (i < 0 || item.own <= 0) continue;
    add(byKind[i], item.e.name, item.own / 1000);
    if (item.script) add(byScript[i], item.script, item.own / 1000);
  }
  const byFrame = spans.map(() => new Map());
  const inclusive = spans.map(() => new Map());
  for (const s of samplesOf(events, page.pid)) {
    const i = phaseIndex(bounds, s.t);
    if (i < 0 || s.frame.startsWith('(idle)')) continue;
    add(byFrame[i], s.frame, s.dt / 1000);
    for (const f of s.stack) add(inclusive[i], f, s.dt / 1000);
  }
  const lines = [];
  const ms = (v) => `${v.toFixed(1)} ms`;
  spans.forEach(([label, a, b], i) => {
    const span = (at(b) ?? NaN) - at(a);
    const busy = [...byKind[i].values()].reduce((x, y) => x + y, 0);
    lines.push(`== ${label}: ${ms(span)} long, main thread busy ${ms(busy)}`);
    lines.push(
      `   kinds:   ${top(byKind[i], 8)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', ')}`,
    );
    lines.push(
      `   scripts: ${top(byScript[i], 6)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', ')}`,
    );
    for (const [k, v] of top(byFrame[i], topFunctions))
      lines.push(`     ${ms(v).padStart(9)}  ${k}`);
    if (!withInclusive) return;
    lines.push('   inclusive (self + callees):');
    for (const [k, v] of top(inclusive[i], topFunctions))
      lines.push(`     ${ms(v).padStart(9)}  ${k}`);
  });
  return lines.join('\n');
}
