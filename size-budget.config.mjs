/**
 * Gzip budgets for what the built console makes a browser download, in KB of 1024 bytes
 * (checked by scripts/size-budget.mjs in `npm test` and `npm run size`).
 */
export default {
  /** The first view: index.html's JS and CSS and everything they import statically (58.8). */
  firstView: 70,
  /**
   * What opening each lazy chunk adds to the first view (its JS, its CSS and the lazy chunks it
   * imports), by the chunk's name; a little above the 2026-12 build, shown in the comments.
   */
  views: {
    SessionView: 42, // 37.7
    SessionsView: 4.5, // 3.6
    WallView: 5.5, // 4.2
    FleetView: 2.5, // 1.8
    'identity-fallback': 9, // 7.8, only where WebCrypto has no Ed25519
  },
};
