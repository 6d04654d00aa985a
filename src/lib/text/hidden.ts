/**
 * Characters a reader cannot see: bidi controls (which reorder what follows them,
 * e.g. a device name with U+202E reversing the console's own scope text), zero-width
 * and format characters, tag characters, and C0/C1 controls other than tab and newline.
 */
const HIDDEN =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u{E0000}-\u{E007F}]/gu;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// Right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, … and their presentation forms).
const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** Whether text holds any character a reader cannot see. */
export function hasHidden(text: string): boolean {
  HIDDEN.lastIndex = 0;
  return HIDDEN.test(text);
}

/** Shows each hidden character as a visible ⟨U+XXXX⟩ marker (for commands and code). */
export function revealHidden(text: string): string {
  return text.replace(HIDDEN, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
  });
}

/**
 * Wraps untrusted text in a first-strong isolate (FSI … PDI) for use inside a
 * translated sentence, where a `<bdi>` element cannot go. Bidi controls inside are
 * dropped: a PDI in the text would otherwise close the isolate early. Text with no bidi
 * control and no right-to-left letter cannot reorder anything in our left-to-right UI,
 * so it is left as it is (and copies, searches and matches exactly).
 */
export function isolate(text: string): string {
  BIDI.lastIndex = 0;
  if (!BIDI.test(text) && !RTL.test(text)) return text;
  return `\u2068${text.replace(BIDI, '')}\u2069`;
}
