// Small statistics and formatting helpers shared by every figure.

/** The median of a list of numbers (undefined for an empty list). */
export function median(values) {
  return percentile(values, 50);
}

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(values, p) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** Sum of a list of numbers. */
export function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

/** Milliseconds for a table cell: one decimal under 100, none above. */
export function ms(value) {
  if (value === undefined || value === null || !Number.isFinite(value)) return 'n/a';
  return value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

/** Bytes for a table cell, in KB (1000) so they compare with what DevTools shows. */
export function kb(value) {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return value < 10_000 ? `${(value / 1000).toFixed(1)} KB` : `${Math.round(value / 1000)} KB`;
}

/** Megabytes (10^6) for heap sizes. */
export function mb(value) {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return `${(value / 1e6).toFixed(2)} MB`;
}

/** A fraction as a percentage. */
export function pct(value) {
  if (value === undefined || !Number.isFinite(value)) return 'n/a';
  return `${(value * 100).toFixed(1)} %`;
}

/** ours / theirs as "0.12×", or n/a when either side is missing. */
export function ratio(ours, theirs) {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return 'n/a';
  return `${(ours / theirs).toFixed(2)}×`;
}
