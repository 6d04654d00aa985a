// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { platform } from './platform';

describe('the browser platform', () => {
  it('sets the language of the document', () => {
    platform().setDocumentLanguage('zh-CN');
    expect(document.documentElement.getAttribute('lang')).toBe('zh-CN');
    platform().setDocumentLanguage('en');
    expect(document.documentElement.getAttribute('lang')).toBe('en');
  });
});
