import { parseArgs } from 'node:util';
import { describeTokenizer } from '../keyset/tokenizer-spec';
import { shortFingerprint } from '../keyset/fingerprint';
import type { CliIo } from './cli-io';
import { UsageError } from './errors';
import { escapeForTerminal } from './format';
import { type AnyCompiledKey, allKeys, loadKeySet } from './load-keyset';

export async function runKeysetCommand(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'check') throw new UsageError(`keyset: unknown subcommand ${sub === undefined ? '(none)' : JSON.stringify(sub)}; try "keyset check FILE"`);
  const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('keyset check: give exactly one FILE');
  const keySet = await loadKeySet(positionals[0], io);
  const keys = allKeys(keySet);
  const vectors = keys.reduce((sum, k) => sum + k.spec.testVectors.length, 0);
  const describe = (k: AnyCompiledKey): string =>
    (k.spec.scheme === 'unigram'
      ? `${k.spec.kid}: unigram ${k.spec.implementation} fraction ${k.spec.fraction}`
      : k.spec.scheme === 'synthid'
        ? `${k.spec.kid}: synthid ${k.spec.implementation} ngram ${k.spec.ngramLen}, ${k.spec.keys.length} layers`
        : `${k.spec.kid}: ${k.spec.implementation} ${k.spec.seeding}`) + `, tokenizer ${describeTokenizer(k.spec.tokenizer)}`;
  io.stdout(
    escapeForTerminal(
      `OK ${keySet.id} version ${keySet.version}: ${keys.length} key(s) ` +
        `(${keys.map(describe).join('; ')}), ` +
        `${vectors} test vector(s) reproduced, fingerprint ${shortFingerprint(keySet.fingerprint)} (sha256 ${keySet.fingerprint})`,
    ) + '\n',
  );
  return 0;
}
