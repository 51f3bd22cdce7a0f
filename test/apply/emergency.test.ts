// `emergency engage|disengage`: one emergency policy switched live at once, the reason recorded in its live
// description, and the manifest change (the reason as a comment) printed as a diff that applies cleanly or, with
// --write, made in the manifest; anything but an emergency-group policy is refused with the reason why.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { decodeDescription } from '../../src/plan/ownership.js';
import { runCli } from '../helpers/cli.js';
import { appliedExample, LOCAL } from './service.js';

const example = appliedExample();
const MANIFEST = 'policies/emergency/policies.yaml';

const live = async (name: string) => (await example.service.policies()).find((p) => p.name === name);

/** Applies the diff a command printed to the repository, as a person committing it would. */
async function commitPrintedDiff(stdout: string): Promise<void> {
  const patch = stdout.slice(stdout.indexOf(`--- ${MANIFEST}`));
  const before = await readFile(join(example.root, MANIFEST), 'utf8');
  const after = applyPatch(before, patch);
  if (after === false) throw new Error(`the printed diff does not apply:\n${patch}`);
  await writeFile(join(example.root, MANIFEST), after);
}

describe('emergency', () => {
  it('engages a disabled emergency forbid live at once, records the reason, and prints the manifest change', async () => {
    const result = await runCli(['emergency', 'engage', 'DisableTransferFunds', '--engine', LOCAL, '--reason', 'INC-42 fraud wave', '--dir', example.root]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DisableTransferFunds engaged live. Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    expect(result.stdout).toContain('-    enabled: false\n+    enabled: true # engaged: INC-42 fraud wave\n');
    const policy = (await live('DisableTransferFunds'))!;
    expect(policy.status).toBe('ACTIVE');
    const decoded = decodeDescription(policy.description);
    expect(decoded.marker).toMatchObject({ group: 'emergency', version: '1.0.0' });
    expect(decoded.human).toBe('Emergency kill switch for the transfer_funds tool on the payment gateway\n\nEngaged outside the pull-request flow: INC-42 fraud wave');

    // Until the change is committed, an apply of the repository as it stands would switch it off again.
    const uncommitted = await runCli(['plan', '--dir', example.root, '--engine', LOCAL]);
    expect(uncommitted.stdout).toMatch(/\[-\] policy DisableTransferFunds \(emergency, forbid\) will be deleted/);

    await commitPrintedDiff(result.stdout);
    const committed = await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--format', 'json']);
    const change = (JSON.parse(committed.stdout) as { engines: { changes: { name: string; action: string; fields?: string[]; widensAccess?: boolean }[] }[] }).engines[0]!.changes.find((c) => c.name === 'DisableTransferFunds');
    // Only the reason line leaves the live description; the forbid stays.
    expect(change).toMatchObject({ action: 'update', fields: ['description'], widensAccess: false });
  });

  it('disengages it by deleting it live, and prints the change back with the reason', async () => {
    const result = await runCli(['emergency', 'disengage', 'DisableTransferFunds', '--engine', LOCAL, '--reason', 'INC-42 resolved', '--dir', example.root]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('DisableTransferFunds disengaged live. Apply complete! Resources: 0 added, 0 changed, 1 destroyed.');
    expect(result.stdout).toContain('; --write makes it for you):');
    expect(result.stdout).toContain('-    enabled: true # engaged: INC-42 fraud wave\n+    enabled: false # disengaged: INC-42 resolved\n');
    expect(await live('DisableTransferFunds')).toBeUndefined();
    await commitPrintedDiff(result.stdout);
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
    const again = await runCli(['emergency', 'disengage', 'DisableTransferFunds', '--engine', LOCAL, '--reason', 'twice', '--dir', example.root]);
    expect(again.stdout).toBe('DisableTransferFunds is already disengaged live; nothing to do.\n');
    expect(again.code).toBe(0);
  });

  it('with --write, makes the manifest change itself, the reason as a comment, and the next plan keeps the switch', async () => {
    const engaged = await runCli(['emergency', 'engage', 'EmergencyRefundShutdown', '--engine', LOCAL, '--reason', 'INC-77 refund abuse', '--write'], { cwd: example.root });
    expect(engaged.code).toBe(0);
    expect(engaged.stdout).toContain(`Wrote this change to ${MANIFEST}; commit it so the next apply keeps it (until it is merged`);
    const manifest = await readFile(join(example.root, MANIFEST), 'utf8');
    expect(manifest).toMatch(/- name: EmergencyRefundShutdown\n(?: {4}.*\n)*? {4}enabled: true # engaged: INC-77 refund abuse\n/);
    const kept = JSON.parse((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--format', 'json'])).stdout) as { engines: { changes: { name: string; action: string }[] }[] };
    expect(kept.engines[0]!.changes.find((c) => c.name === 'EmergencyRefundShutdown')?.action).not.toBe('delete');

    const disengaged = await runCli(['emergency', 'disengage', 'EmergencyRefundShutdown', '--engine', LOCAL, '--reason', 'INC-77 closed', '--write', '--format', 'json', '--dir', example.root]);
    expect(disengaged.code).toBe(0);
    const report = JSON.parse(disengaged.stdout) as { status: string; manifest: { file: string; written: boolean; diff: string[] } };
    expect(report).toMatchObject({ status: 'applied', manifest: { file: MANIFEST, written: true } });
    expect(report.manifest.diff).toContain('+    enabled: false # disengaged: INC-77 closed');
    expect(await readFile(join(example.root, MANIFEST), 'utf8')).toContain('    enabled: false # disengaged: INC-77 closed\n');
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });

  it('refuses policies outside the emergency group, unknown names and engines that do not exist live', async () => {
    const business = await runCli(['emergency', 'engage', 'RefundUnder500', '--engine', LOCAL, '--reason', 'x', '--dir', example.root]);
    expect(business.code).toBe(1);
    expect(business.stdout).toContain('error emergency/not-emergency: RefundUnder500 is in the business_rules group: only emergency-group policies can be switched live outside the pull-request flow');
    const unknown = await runCli(['emergency', 'engage', 'Nope', '--engine', LOCAL, '--reason', 'x', '--dir', example.root]);
    expect(unknown.stdout).toContain('no policy named Nope is declared (emergency policies: EmergencyRefundShutdown, DisableTransferFunds, DisableAllTools)');
    const notLive = await runCli(['emergency', 'engage', 'DisableAllTools', '--engine', 'CustomerService_prod', '--reason', 'x', '--dir', example.root]);
    expect(notLive.stdout).toContain('emergency/engine-missing');
    expect(notLive.code).toBe(1);
  });

  it('needs an action, a name, an engine and a reason', async () => {
    expect((await runCli(['emergency', 'switch', 'X', '--engine', LOCAL, '--reason', 'r', '--dir', example.root])).stderr).toContain('usage: agentcore-policy emergency engage|disengage');
    expect((await runCli(['emergency', 'engage', 'X', '--reason', 'r', '--dir', example.root])).stderr).toContain('--engine is required');
    expect((await runCli(['emergency', 'engage', 'X', '--engine', LOCAL, '--dir', example.root])).stderr).toContain('--reason is required');
  });
});
