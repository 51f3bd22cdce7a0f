// Cedar's findings for a policy naming an action the engine's gateways do not have: `unrecognized action` with a
// hint that is often no help (`did you mean AgentCore::Action::"Mcp"`), followed by the warnings "unable to find an
// applicable action" and "policy is impossible", which only follow from it. They become one error per unknown
// action, at the action, naming the actions there are: the likeliest meant first.
import type { CedarIssue } from '../cedar/issues.js';
import { ACTION_SEPARATOR, NAMESPACE } from '../cedar/schema.js';
import { tokenize, unquote } from '../cedar/tokens.js';
import { closest } from '../repository/suggest.js';

const UNRECOGNIZED = /^unrecognized action `(.*)`$/s;
/** Cedar's warnings that an unknown action in the scope leaves nothing the policy can apply to. */
const CONSEQUENCES = ['unable to find an applicable action given the policy scope constraints', 'policy is impossible'];
/** How many of the engine's actions an error lists. */
const LISTED = 8;

/** One policy's Cedar issues with its unknown actions explained. `actions`: every action of the engine's schema. */
export function explainUnknownActions(issues: readonly CedarIssue[], actions: readonly string[]): CedarIssue[] {
  if (!issues.some((issue) => UNRECOGNIZED.test(issue.message))) return [...issues];
  return issues
    .filter((issue) => !(issue.severity === 'warning' && CONSEQUENCES.some((text) => issue.message.startsWith(text))))
    .map((issue) => {
      const uid = UNRECOGNIZED.exec(issue.message)?.[1];
      return uid === undefined ? issue : { severity: 'error', message: unknownAction(uid, actions), start: issue.start, end: issue.end };
    });
}

/** `unknown action <uid> (did you mean "<closest>"?); the engine's gateways offer: <closest>, <the other tools>`. */
export function unknownAction(uid: string, actions: readonly string[]): string {
  const tokens = tokenize(uid);
  const literal = tokens.filter((t) => t.kind === 'string').at(-1);
  const id = literal ? unquote(literal.text) : uid;
  const type = tokens.filter((t) => t.kind === 'ident').map((t) => t.text).join('::');
  const wrongType = type !== `${NAMESPACE}::Action` ? ` (actions are ${NAMESPACE}::Action::"<Target>${ACTION_SEPARATOR}<tool>")` : '';
  const hint = closest(id, actions);
  const tools = actions.filter((name) => name.includes(ACTION_SEPARATOR)).sort();
  const listed = hint ? [hint, ...tools.filter((name) => name !== hint)] : tools;
  const more = listed.length > LISTED ? `, and ${listed.length - LISTED} more` : '';
  const offered = listed.length > 0 ? `the engine's gateways offer: ${listed.slice(0, LISTED).join(', ')}${more}` : "the engine's gateways offer no tools";
  return `unknown action ${uid}${wrongType}${hint ? ` (did you mean "${hint}"?)` : ''}; ${offered}`;
}
