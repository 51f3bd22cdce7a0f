// AgentCore's policy findings, made by `validate` with file and line, so a policy the service would refuse under
// FAIL_ON_ANY_FINDINGS fails here and never half-way through an apply: a permit that allows every request of its
// tools (ALLOW_ALL), one that can never apply (ALLOW_NONE); the emergency shutdowns, DENY_ALL by design and kept with
// IGNORE_ALL_FINDINGS, are information.
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, validateJson } from '../helpers/cli.js';
import { makeRepo, removeRepos, replace } from '../helpers/repo.js';

afterAll(removeRepos);

const MANIFEST = 'policies/authorization/policies.yaml';
const FILE = 'policies/authorization/open_door.cedar';
const entry = (extra = '') => (text: string) => `${text.trimEnd()}\n  - name: OpenDoor\n    file: open_door.cedar\n    version: 1.0.0\n    description: A door left open\n${extra}`;

describe('findings at validate time', () => {
  it('refuses a permit that allows every request, at its file and line, and plan does not start', async () => {
    const root = await makeRepo({ [FILE]: '// Anyone, anything.\npermit (principal, action, resource);\n', [MANIFEST]: entry() });
    const { code, diagnostics } = await validateJson(root);
    expect(code).toBe(1);
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'finding/allow-all', file: FILE, line: 2, column: 1, message: expect.stringContaining('ALLOW_ALL: OpenDoor allows every request to all 5 tools it covers') }),
    ]);
    const plan = await runCli(['plan', '--dir', root, '--engine', 'CustomerService_local']);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('No plan: the repository does not validate.');
  });

  it('says it as information when the policy ignores findings, or is disabled', async () => {
    for (const extra of ['    validationMode: IGNORE_ALL_FINDINGS\n', '    enabled: false\n']) {
      const root = await makeRepo({ [FILE]: 'permit (principal, action, resource);\n', [MANIFEST]: entry(extra) });
      const { code, diagnostics } = await validateJson(root, [], { notes: true });
      expect(code).toBe(0);
      expect(diagnostics.filter((d) => d.file === FILE)).toEqual([expect.objectContaining({ severity: 'info', code: 'finding/allow-all' })]);
    }
  });

  it('refuses a permit that can never apply', async () => {
    const never = 'permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource) when { false };\n';
    const root = await makeRepo({ [FILE]: never, [MANIFEST]: entry() });
    const { diagnostics } = await validateJson(root);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'finding/allow-none', file: FILE, line: 1 })]);
  });

  it('calls the example emergency shutdowns DENY_ALL, as they are meant to be, in notes that fail nothing', async () => {
    const root = await makeRepo();
    const { code, diagnostics } = await validateJson(root, ['--deny-warnings'], { notes: true });
    expect(code).toBe(0);
    expect(diagnostics.map((d) => [d.severity, d.code, d.file])).toEqual([
      ['info', 'finding/deny-all', 'policies/emergency/disable_all_tools.cedar'],
      ['info', 'finding/deny-all', 'policies/emergency/disable_transfer_funds.cedar'],
      ['info', 'finding/deny-all', 'policies/emergency/emergency_refund_shutdown.cedar'],
    ]);
    expect(diagnostics[0]!.message).toContain('as an emergency shutdown is meant to; AgentCore accepts it (validationMode IGNORE_ALL_FINDINGS)');
    const github = await runCli(['validate', '--dir', root, '--format', 'github']);
    expect(github.stdout).toMatch(/^::notice file=[^,]*disable_all_tools\.cedar,line=1,col=1,title=finding\/deny-all::DENY_ALL/m);
  });
});
