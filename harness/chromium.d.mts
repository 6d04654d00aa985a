/** The Chromium binary (Debian package `chromium`). */
export const chromiumPath: string;
/** Launch flags for tests, benchmarks and screenshots. */
export const chromiumArgs: string[];
