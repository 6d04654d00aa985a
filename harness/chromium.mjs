// How every browser in this repo is launched: Debian's Chromium, as root, on a machine
// with no network beyond loopback (background networking would only time out).

/** The Chromium binary (Debian package `chromium`). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags for tests, benchmarks and screenshots. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
