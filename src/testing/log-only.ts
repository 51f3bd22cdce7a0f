// What the LOG_ONLY policies would have done to one test case. They decide nothing, so the ACTIVE policies'
// decision stands; each LOG_ONLY policy is judged alone beside them, as the engine reports the LOG_ONLY policies
// that would flip a decision: a matching forbid flips an allow, and a matching permit flips a deny that no forbid
// made (a deny by default). A deny an ACTIVE forbid made flips for nobody.

/** The decision the case would get, and the LOG_ONLY policies that would each make it. */
export interface LogOnlyEffect {
  decision: 'allow' | 'deny';
  policies: string[];
}

export interface Decided {
  decision: 'allow' | 'deny';
  /** The ACTIVE policies that decided (Cedar's reasons). */
  reasons: string[];
}

/** `matched` holds the LOG_ONLY permits and forbids whose scope and conditions hold for the request. */
export function logOnlyEffect(decided: Decided, matched: { permits: string[]; forbids: string[] }): LogOnlyEffect | undefined {
  if (decided.decision === 'allow') return matched.forbids.length > 0 ? { decision: 'deny', policies: matched.forbids } : undefined;
  if (decided.reasons.length > 0) return undefined;
  return matched.permits.length > 0 ? { decision: 'allow', policies: matched.permits } : undefined;
}
