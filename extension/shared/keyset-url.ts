// Which addresses key sets may be fetched from (design §3): https, or plain http only on this machine,
// where nothing crosses a network. Used for the address the user types (redirects are refused: keyset-fetch.ts).

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

export type UrlCheck = { ok: true; url: string } | { ok: false; error: string };

export function isAllowedKeySetUrl(u: URL): boolean {
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && LOCAL_HOSTS.has(u.hostname);
}

/** Check and normalize what the user typed. */
export function checkKeySetUrl(input: string): UrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter the address of a key set (https://…).' };
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, error: `“${text.slice(0, 200)}” is not a web address. Key sets are published at https:// addresses.` };
  }
  if (u.username || u.password) return { ok: false, error: 'Key-set addresses may not carry a user name or password.' };
  if (u.protocol === 'http:') {
    return isAllowedKeySetUrl(u)
      ? { ok: true, url: stripFragment(u) }
      : { ok: false, error: 'Key sets must be fetched over https (plain http is allowed only for localhost and 127.0.0.1).' };
  }
  if (u.protocol !== 'https:') return { ok: false, error: `Key sets are fetched over https, not ${u.protocol.replace(/:$/, '')}.` };
  return { ok: true, url: stripFragment(u) };
}

function stripFragment(u: URL): string {
  const c = new URL(u.href);
  c.hash = '';
  return c.href;
}

/**
 * The host-permission pattern that covers `url` (any port: match patterns have none), e.g.
 * "https://keys.example/*". Asked for when the user subscribes, not at install.
 */
export function originPattern(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
}

/**
 * Where a followed redirect ended must be as acceptable as where it started. Only tokenizer files
 * follow redirects (hubs answer with a redirect to their CDN, and the file's SHA-256 pins what is used
 * whatever served it); key-set documents refuse every redirect (keyset-fetch.ts).
 */
export function checkFinalUrl(requested: string, finalUrl: string | undefined): string | undefined {
  if (!finalUrl || finalUrl === requested) return undefined;
  let u: URL;
  try {
    u = new URL(finalUrl);
  } catch {
    return `redirected to an unreadable address`;
  }
  if (!isAllowedKeySetUrl(u)) return `redirected to ${u.protocol}//${u.host}/…, which is not https; refused`;
  return undefined;
}
