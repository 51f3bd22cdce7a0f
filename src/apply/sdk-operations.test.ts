import { describe, expect, it } from 'vitest';
import type { LivePolicy } from '../model.js';
import { settlementOf } from './sdk-operations.js';

const policy = (status: LivePolicy['status'], statusReasons: string[] = []): LivePolicy => ({ policyId: 'A-0123456789', name: 'A', status, statusReasons });
const active = { kind: 'policy-active', policyId: 'A-0123456789' } as const;
const gone = { kind: 'policy-gone', policyId: 'A-0123456789' } as const;

describe('settlementOf (one listing, one awaited policy)', () => {
  it('waits while the policy is changing', () => {
    for (const status of ['CREATING', 'UPDATING'] as const) expect(settlementOf(active, policy(status))).toBeUndefined();
    expect(settlementOf(gone, policy('DELETING'))).toBeUndefined();
    // Not listed yet (a list that lags a create): keep waiting rather than guess.
    expect(settlementOf(active, undefined)).toBeUndefined();
  });

  it('settles on ACTIVE, on absence for a delete, and on a failed state with its reasons', () => {
    expect(settlementOf(active, policy('ACTIVE'))).toEqual({ ok: true });
    expect(settlementOf(gone, undefined)).toEqual({ ok: true });
    expect(settlementOf(active, policy('CREATE_FAILED', ['unknown action']))).toEqual({ ok: false, status: 'CREATE_FAILED', reasons: ['unknown action'] });
    expect(settlementOf(active, policy('UPDATE_FAILED', ['bad']))).toEqual({ ok: false, status: 'UPDATE_FAILED', reasons: ['bad'] });
    expect(settlementOf(gone, policy('DELETE_FAILED', ['locked']))).toEqual({ ok: false, status: 'DELETE_FAILED', reasons: ['locked'] });
  });
});
