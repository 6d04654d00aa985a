import { describe, expect, it } from 'vitest';
import { hasHidden, isolate, revealHidden } from './hidden';

describe('hidden characters', () => {
  it('isolate keeps a bidi override inside the string, even one that tries to close the isolate', () => {
    const name = '\u2069\u202Egnp.exe';
    const shown = isolate(name);
    expect(shown.startsWith('\u2068')).toBe(true);
    expect(shown.endsWith('\u2069')).toBe(true);
    // Nothing inside can end the isolate early or override what follows it.
    expect(shown.slice(1, -1)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // Right-to-left letters are isolated too; plain left-to-right text needs nothing.
    expect(isolate('שלום')).toBe('\u2068שלום\u2069');
    expect(isolate('2026.9.6')).toBe('2026.9.6');
  });

  it('revealHidden names every invisible or bidi control character and leaves the rest', () => {
    expect(revealHidden('rm -rf /tmp/\u202Etxt.exe')).toBe('rm -rf /tmp/⟨U+202E⟩txt.exe');
    expect(revealHidden('a\u200Bb\u0007c\u{E0041}d')).toBe('a⟨U+200B⟩b⟨U+0007⟩c⟨U+E0041⟩d');
    expect(revealHidden('tab\tnew\nline 中文 😀')).toBe('tab\tnew\nline 中文 😀');
    expect(hasHidden('x\u2066y')).toBe(true);
    expect(hasHidden('plain text')).toBe(false);
  });
});
