import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { GROUPS } from '../model.js';
import { DEFAULT_IMPORT_GROUPS } from '../plan/import.js';

describe('agentcore-policy --version', () => {
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

  it('prints the version of package.json, with --version and -V, and exits 0', async () => {
    for (const flag of ['--version', '-V']) expect(await runCli([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('is named in the usage', async () => {
    expect((await runCli(['--help'])).stdout).toContain('agentcore-policy --version');
  });
});

describe('command help', () => {
  it('import says the groups it takes and where a policy goes without --group', async () => {
    const help = await runCli(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`[--group ${GROUPS.join('|')}]`);
    expect(help.stdout).toContain(`Without --group, a policy carrying the managed-by marker goes back to the group the marker records, and any other to the first of ${DEFAULT_IMPORT_GROUPS.join(', ')} that the engine deploys.`);
  });

  it('emergency names --write', async () => {
    expect((await runCli(['emergency', '--help'])).stdout).toContain('--reason TEXT [--write]');
  });
});
