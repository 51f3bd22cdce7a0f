// The translator's typed results: a value, or the reason the text is outside the subset it reads (which becomes a
// NOT_TRANSLATABLE finding). Expected refusals are values, not exceptions.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export const refuse = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
