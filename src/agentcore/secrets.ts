// The values of the credentials in use, so that `redact` (errors.ts) masks them wherever they appear, not only where
// a pattern or a name gives them away: an endpoint can echo a session token, or a secret key, with nothing around it
// to recognise it by. The values come from the environment (read when masking), from the credentials the SDK
// resolved for a client (client.ts remembers them), and from the caller (the action's github-token input).

/** Environment variables that hold a credential. */
export const SECRET_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN', 'GITHUB_TOKEN', 'GH_TOKEN'] as const;

/** Shorter values are not masked: they would mask ordinary words, and no real credential is this short. */
const MIN_LENGTH = 8;

const remembered = new Set<string>();

/** Masks `value` in everything redacted from now on. */
export function rememberSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= MIN_LENGTH) remembered.add(value);
}

/** Remembers what the SDK resolved to sign with. */
export function rememberCredentials(identity: { accessKeyId?: string; secretAccessKey?: string; sessionToken?: string }): void {
  for (const value of [identity.accessKeyId, identity.secretAccessKey, identity.sessionToken]) rememberSecret(value);
}

/** Every secret value known now, as written and URL-encoded, longest first (so no part of one is left behind). */
function secretForms(env: Record<string, string | undefined>): string[] {
  const values = new Set(remembered);
  for (const name of SECRET_VARIABLES) {
    const value = env[name];
    if (value !== undefined && value.length >= MIN_LENGTH) values.add(value);
  }
  const forms = new Set([...values].flatMap((value) => [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]));
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every known secret value replaced by `***`. */
export function maskSecretValues(text: string, env: Record<string, string | undefined> = process.env): string {
  let masked = text;
  for (const form of secretForms(env)) if (masked.includes(form)) masked = masked.split(form).join('***');
  return masked;
}
