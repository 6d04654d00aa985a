import { map, readonlyType } from 'nanostores';

/** What the console counts about the traffic it survived, for the diagnostics panel. */
export interface DiagnosticCounts {
  frames: number;
  largestFrame: number;
  malformedFrames: number;
  unknownEvents: number;
  seqGaps: number;
  staleSnapshots: number;
  requestTimeouts: number;
  reconnects: number;
}

const $counts = map<DiagnosticCounts>({
  frames: 0,
  largestFrame: 0,
  malformedFrames: 0,
  unknownEvents: 0,
  seqGaps: 0,
  staleSnapshots: 0,
  requestTimeouts: 0,
  reconnects: 0,
});

/** Counts since the page loaded. */
export const diagnostics = readonlyType($counts);

/** Adds one to a counter. */
export function countDiagnostic(
  key: Exclude<keyof DiagnosticCounts, 'largestFrame' | 'frames'>,
): void {
  $counts.setKey(key, $counts.get()[key] + 1);
}

/** Records one received frame's size (only the largest is kept, so this stays cheap on a busy socket). */
export function countFrame(bytes: number): void {
  const current = $counts.get();
  // Counting every frame would re-render the panel per frame; count in place and publish the max.
  current.frames += 1;
  if (bytes > current.largestFrame) $counts.setKey('largestFrame', bytes);
}
