import { describe, expect, it } from 'vitest';
import { checkKeySetUrl, originPattern } from './keyset-url';

describe('key-set addresses', () => {
  it('accepts https anywhere and http only on this machine', () => {
    expect(checkKeySetUrl(' https://keys.example/acme.json ')).toEqual({ ok: true, url: 'https://keys.example/acme.json' });
    expect(checkKeySetUrl('http://localhost:8123/k.json')).toEqual({ ok: true, url: 'http://localhost:8123/k.json' });
    expect(checkKeySetUrl('http://127.0.0.1:9/k.json#frag')).toEqual({ ok: true, url: 'http://127.0.0.1:9/k.json' });
    expect(checkKeySetUrl('http://keys.example/k.json')).toMatchObject({ ok: false, error: expect.stringMatching(/over https/) });
    expect(checkKeySetUrl('http://127.0.0.2/k.json').ok).toBe(false);
    expect(checkKeySetUrl('http://localhost.evil.example/k.json').ok).toBe(false);
  });

  it('refuses other schemes, credentials, garbage and nothing', () => {
    expect(checkKeySetUrl('ftp://keys.example/k.json')).toMatchObject({ ok: false, error: expect.stringMatching(/not ftp/) });
    expect(checkKeySetUrl('file:///etc/passwd').ok).toBe(false);
    expect(checkKeySetUrl('javascript:alert(1)').ok).toBe(false);
    expect(checkKeySetUrl('https://user:pw@keys.example/k.json')).toMatchObject({ ok: false, error: expect.stringMatching(/user name or password/) });
    expect(checkKeySetUrl('keys.example/k.json')).toMatchObject({ ok: false, error: expect.stringMatching(/not a web address/) });
    expect(checkKeySetUrl('   ').ok).toBe(false);
  });

  it('asks for the origin with any port', () => {
    expect(originPattern('https://keys.example:8443/a/b.json?x=1')).toBe('https://keys.example/*');
    expect(originPattern('http://127.0.0.1:5555/k.json')).toBe('http://127.0.0.1/*');
  });
});
