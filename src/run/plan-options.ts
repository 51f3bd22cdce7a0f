// How every composer reads statements when it plans: Cedar's normal form (the formatter), and the access
// analysis's judgement of two statements that differ only in comments and layout. One definition, so a plan made
// for `plan`, made again under apply's lock, or made for an emergency switch compares statements alike.
import { sameStatement } from '../access/index.js';
import type { PlanOptions } from '../plan/types.js';
import { normalizeStatement } from '../repository/desired.js';

export const PLAN_OPTIONS: PlanOptions = { normalize: normalizeStatement, sameMeaning: sameStatement };
