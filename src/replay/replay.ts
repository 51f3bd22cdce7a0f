// Replay: the recorded requests of an engine decided again by the repository's policy set, against the decisions
// they got. A request flips when the set decides it otherwise (allowed → denied, denied → allowed); one the set
// cannot decide (its claims unknown, its tool gone, its arguments no longer fitting the tool) is undecidable,
// counted and never guessed. Counted per tool, with a few flipped requests as examples. Requests are taken one at
// a time, so a week of traffic is never held at once.
import type { DecisionWindow, EngineReplay, EngineSpec, RecordedRequest, ReplayTool } from '../model.js';
import { SetEvaluator, type ReplayPolicy } from './evaluator.js';
import { ExampleShelf, flipOf } from './examples.js';

export class ReplayTally {
  private readonly evaluator: SetEvaluator;
  private readonly tools = new Map<string, ReplayTool>();
  private readonly shelf: ExampleShelf;

  /** `policies`: the ACTIVE policies of the set to replay against. */
  constructor(engine: EngineSpec, policies: ReplayPolicy[], slot = `replay:${engine.name}`) {
    this.evaluator = new SetEvaluator(engine, policies, slot);
    this.shelf = new ExampleShelf(policies.map((p) => p.statement));
  }

  take(request: RecordedRequest): void {
    const key = `${request.gateway}\u0000${request.action}`;
    let tool = this.tools.get(key);
    if (!tool) this.tools.set(key, (tool = { gateway: request.gateway, action: request.action, requests: 0, undecidable: 0, flips: { toDeny: 0, toAllow: 0 } }));
    tool.requests++;
    const verdict = this.evaluator.decide(request);
    if ('undecidable' in verdict) {
      tool.undecidable++;
      return;
    }
    const flip = flipOf(request.decision, verdict.decision);
    if (!flip) return;
    tool.flips[flip]++;
    this.shelf.offer(key, request, flip);
  }

  result(window: DecisionWindow): EngineReplay {
    const tools = [...this.tools.values()].sort((a, b) => a.gateway.localeCompare(b.gateway) || a.action.localeCompare(b.action));
    const sum = (count: (tool: ReplayTool) => number) => tools.reduce((total, tool) => total + count(tool), 0);
    return {
      ...window,
      requests: sum((t) => t.requests),
      undecidable: sum((t) => t.undecidable),
      flips: { toDeny: sum((t) => t.flips.toDeny), toAllow: sum((t) => t.flips.toAllow) },
      tools,
      examples: this.shelf.examples(),
    };
  }
}
