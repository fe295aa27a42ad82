import { describe, expect, it } from 'vitest';
import { classifyElement, paragraphGap, skippedByMarkup, type ElementFacts } from './block-rules';

function facts(tag: string, more: Partial<ElementFacts> = {}): ElementFacts {
  return { tag, role: null, display: 'block', visibility: 'visible', hidden: false, ariaHidden: false, editable: false, clipped: false, ours: false, ...more };
}

describe('classifyElement', () => {
  it('reads paragraphs, divs, articles and cells as blocks', () => {
    for (const tag of ['p', 'div', 'article', 'section', 'main', 'body', 'h2', 'td']) {
      expect(classifyElement(facts(tag, { display: tag === 'td' ? 'table-cell' : 'block' }))).toBe('block');
    }
    expect(classifyElement(facts('x-post', { display: 'block' }))).toBe('block');
  });

  it('treats lists and quotes as prose groups', () => {
    for (const tag of ['ul', 'ol', 'li', 'blockquote', 'dd', 'figcaption']) {
      expect(classifyElement(facts(tag, { display: tag === 'li' ? 'list-item' : 'block' }))).toBe('prose');
    }
  });

  it('skips code, scripts, inputs, chrome and media', () => {
    for (const tag of ['pre', 'code', 'kbd', 'samp', 'script', 'style', 'noscript', 'template', 'textarea', 'input', 'nav', 'header', 'footer', 'aside', 'svg', 'button']) {
      expect(classifyElement(facts(tag))).toBe('skip');
    }
  });

  it('skips menus and sidebars by role', () => {
    for (const role of ['navigation', 'banner', 'contentinfo', 'complementary', 'menu', 'toolbar', 'Navigation ']) {
      expect(classifyElement(facts('div', { role }))).toBe('skip');
    }
    expect(classifyElement(facts('div', { role: 'article' }))).toBe('block');
    expect(classifyElement(facts('div', { role: 'main' }))).toBe('block');
  });

  it('skips hidden, aria-hidden, editable and our own UI', () => {
    expect(classifyElement(facts('p', { hidden: true }))).toBe('skip');
    expect(classifyElement(facts('p', { ariaHidden: true }))).toBe('skip');
    expect(classifyElement(facts('div', { editable: true }))).toBe('skip');
    expect(classifyElement(facts('div', { ours: true }))).toBe('skip');
    expect(classifyElement(facts('div', { clipped: true }))).toBe('skip');
    expect(classifyElement(facts('p', { display: 'none' }))).toBe('skip');
    expect(classifyElement(facts('p', { visibility: 'hidden' }))).toBe('skip');
  });

  it('follows the computed display over the tag', () => {
    expect(classifyElement(facts('span', { display: 'inline' }))).toBe('inline');
    expect(classifyElement(facts('span', { display: 'block' }))).toBe('block');
    expect(classifyElement(facts('div', { display: 'inline-block' }))).toBe('inline');
    expect(classifyElement(facts('div', { display: 'contents' }))).toBe('inline');
    expect(classifyElement(facts('table', { display: 'table' }))).toBe('grid');
    expect(classifyElement(facts('tr', { display: 'table-row' }))).toBe('grid');
    expect(classifyElement(facts('br', { display: 'inline' }))).toBe('br');
  });

  it('skips by markup alone exactly what classifyElement skips whatever the style', () => {
    const tags = ['p', 'div', 'span', 'br', 'li', 'table', 'nav', 'header', 'code', 'button', 'script', 'x-post'];
    const roles = [null, 'navigation', 'Navigation ', 'article', 'main', 'toolbar', ''];
    const styles: Partial<ElementFacts>[] = [{ display: 'block' }, { display: 'inline' }, { display: 'table-row' }, { display: 'contents' }];
    for (const tag of tags)
      for (const role of roles)
        for (const hidden of [false, true])
          for (const ariaHidden of [false, true])
            for (const ours of [false, true]) {
              const markup = { tag, role, hidden, ariaHidden, ours };
              const kinds = styles.map((st) => classifyElement(facts(tag, { ...markup, ...st })));
              // Skipped by markup: skipped whatever the computed style; otherwise some style reads it.
              if (skippedByMarkup(markup)) expect(kinds.every((k) => k === 'skip')).toBe(true);
              else expect(kinds.some((k) => k !== 'skip')).toBe(true);
            }
  });

  it('puts two newlines after <p> only', () => {
    expect(paragraphGap('p')).toBe(2);
    expect(paragraphGap('li')).toBe(1);
  });
});
