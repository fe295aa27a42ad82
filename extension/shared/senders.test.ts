import { describe, expect, it } from 'vitest';
import { isContentScript, isExtensionContext, isExtensionPage, isServiceWorker } from './senders';

const self = { id: 'abc', root: 'chrome-extension://abc/' };
const SW = 'service-worker-loader.js';
const senders = {
  content: { id: 'abc', url: 'https://news.example/a', tab: { id: 7 }, frameId: 0 },
  contentInFrame: { id: 'abc', url: 'https://ads.example/f', tab: { id: 7 }, frameId: 3 },
  sw: { id: 'abc', url: `chrome-extension://abc/${SW}` },
  popup: { id: 'abc', url: 'chrome-extension://abc/extension/popup/index.html?tabId=7' },
  optionsTab: { id: 'abc', url: 'chrome-extension://abc/extension/options/index.html', tab: { id: 9 } },
  offscreen: { id: 'abc', url: 'chrome-extension://abc/extension/offscreen/index.html' },
  otherExtension: { id: 'zzz', url: 'chrome-extension://zzz/bg.js' },
  otherExtensionClaimingOurUrl: { id: 'zzz', url: `chrome-extension://abc/${SW}` },
};

function who(check: (s: (typeof senders)[keyof typeof senders]) => boolean): string[] {
  return Object.entries(senders)
    .filter(([, s]) => check(s))
    .map(([name]) => name);
}

describe('message senders', () => {
  it('the offscreen document hears only the service worker (issue 12, row 6: not content scripts, not the popup)', () => {
    expect(who((s) => isServiceWorker(s, self, SW))).toEqual(['sw']);
  });
  it('content-script kinds come only from content scripts in web pages', () => {
    expect(who((s) => isContentScript(s, self))).toEqual(['content', 'contentInFrame']);
  });
  it('popup kinds come only from the popup or the options tab', () => {
    const ui = (s: (typeof senders)[keyof typeof senders]) => isExtensionPage(s, self, 'extension/popup/') || isExtensionPage(s, self, 'extension/options/');
    expect(who(ui)).toEqual(['popup', 'optionsTab']);
  });
  it('a content script accepts messages only from the extension’s own pages and background', () => {
    expect(who((s) => isExtensionContext(s, self))).toEqual(['sw', 'popup', 'optionsTab', 'offscreen']);
  });
});
