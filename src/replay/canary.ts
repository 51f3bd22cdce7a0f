// The evidence for a LOG_ONLY policy (a canary): what it would have done to the recorded requests of the tools its
// scope covers had it been ACTIVE. It decides nothing while LOG_ONLY, so each decision stands as recorded and the
// policy is judged alone beside it, as AgentCore reports the LOG_ONLY policies that would flip a decision
// (testing/log-only.ts): holding, a forbid flips an allowed request; a permit flips a request denied by default.
import { mayApplyToAction } from '../cedar/action-scope.js';
import { readPolicyShape } from '../cedar/tokens.js';
import type { CanaryEvidence, DecisionWindow, EngineSpec, RecordedRequest } from '../model.js';
import { logOnlyEffect } from '../testing/log-only.js';
import { SetEvaluator, type ReplayPolicy } from './evaluator.js';
import { ExampleShelf } from './examples.js';

export class CanaryTally {
  private readonly evaluator: SetEvaluator;
  private readonly shape: ReturnType<typeof readPolicyShape>;
  private readonly shelf: ExampleShelf;
  private readonly counts = { decisions: 0, matched: 0, undecidable: 0, flips: { toDeny: 0, toAllow: 0 } };

  constructor(
    engine: EngineSpec,
    private readonly policy: ReplayPolicy,
    slot = `canary:${engine.name}:${policy.id}`,
  ) {
    this.evaluator = new SetEvaluator(engine, [policy], slot);
    this.shape = readPolicyShape(policy.statement);
    this.shelf = new ExampleShelf([policy.statement]);
  }

  take(request: RecordedRequest): void {
    if (!mayApplyToAction(this.shape?.action, request.action)) return;
    const satisfied = this.evaluator.satisfied(request);
    if ('undecidable' in satisfied || satisfied.maybe.length > 0) {
      this.counts.undecidable++;
      return;
    }
    this.counts.decisions++;
    if (satisfied.holds.length === 0) return;
    this.counts.matched++;
    // An effect that cannot be read is taken as a forbid, as the evaluator takes it.
    const matched = this.shape?.effect === 'permit' ? { permits: [this.policy.id], forbids: [] } : { permits: [], forbids: [this.policy.id] };
    const effect = logOnlyEffect({ decision: request.decision, reasons: request.determining }, matched);
    if (!effect) return;
    const flip = effect.decision === 'deny' ? 'toDeny' : 'toAllow';
    this.counts.flips[flip]++;
    this.shelf.offer('', request, flip);
  }

  result(window: DecisionWindow): CanaryEvidence {
    return { ...window, policy: this.policy.id, ...this.counts, flips: { ...this.counts.flips }, examples: this.shelf.examples() };
  }
}
