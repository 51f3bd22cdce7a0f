import { describe, expect, it } from 'vitest';
import { logOnlyEffect } from './log-only.js';

describe('logOnlyEffect', () => {
  const matched = { permits: ['CanaryPermit'], forbids: ['CanaryForbid'] };

  it('flips an allow with the matching LOG_ONLY forbids only', () => {
    expect(logOnlyEffect({ decision: 'allow', reasons: ['P'] }, matched)).toEqual({ decision: 'deny', policies: ['CanaryForbid'] });
    expect(logOnlyEffect({ decision: 'allow', reasons: ['P'] }, { ...matched, forbids: [] })).toBeUndefined();
  });

  it('flips a deny by default with the matching LOG_ONLY permits, even beside a matching LOG_ONLY forbid', () => {
    expect(logOnlyEffect({ decision: 'deny', reasons: [] }, matched)).toEqual({ decision: 'allow', policies: ['CanaryPermit'] });
    expect(logOnlyEffect({ decision: 'deny', reasons: [] }, { ...matched, permits: [] })).toBeUndefined();
  });

  it('flips nothing when an ACTIVE forbid denied', () => {
    expect(logOnlyEffect({ decision: 'deny', reasons: ['F'] }, matched)).toBeUndefined();
  });
});
