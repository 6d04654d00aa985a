// Writes docs/BENCHMARKS.md. The numbers live between two markers and are
// replaced on every full run; the prose around them (method, analysis) is kept
// as written, so a rerun never erases the explanation of the numbers.
import { markdownTable } from './report.mjs';

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** The generated part: machine, table, per-figure notes and run times. */
function results({ machine, sections, rows, table, minutes }) {
  const lines = [
    START,
    '',
    `Latest full run: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}, ${minutes.toFixed(1)} min in all.`,
    '',
    '**Machine:** ' +
      [
        `${machine.cores} cores (${machine.cpu})`,
        `${machine.ramGB} GB RAM`,
        machine.os,
        `Chromium ${machine.chromium} (headless, the e2e flags)`,
        `Node ${machine.node}`,
        machine.gateway,
      ].join(' · '),
    '',
    markdownTable(rows),
    '',
  ];
  for (const s of sections) {
    const notes = s.notes ?? [];
    if (!notes.length && !s.error) continue;
    lines.push(`**${s.title}** (${s.seconds.toFixed(0)} s)`, '');
    for (const note of notes) lines.push(`- ${note}`);
    if (s.error) lines.push(`- failed: \`${s.error.split('\n')[0]}\``);
    lines.push('');
  }
  lines.push(
    '<details><summary>The run’s own output</summary>',
    '',
    '```text',
    table,
    '```',
    '',
    '</details>',
    '',
    END,
  );
  return lines.join('\n');
}

/** The whole file: the previous prose with fresh results, or a skeleton the first time. */
export function renderDocs({ previous, ...run }) {
  const fresh = results(run);
  if (previous && previous.includes(START) && previous.includes(END)) {
    const before = previous.slice(0, previous.indexOf(START));
    const after = previous.slice(previous.indexOf(END) + END.length);
    return `${before}${fresh}${after}`;
  }
  return `# Benchmarks\n\n\`npm run bench\` (see bench/run.mjs).\n\n## Results\n\n${fresh}\n`;
}
