// The `UpdatedDescription` wrapper of PATCH operations: absent leaves the description, `{optionalValue}` replaces
// it, `{}` clears it.

export function updatedDescription(current: string | undefined, wrapper: unknown): string | undefined {
  if (wrapper === undefined || wrapper === null) return current;
  return (wrapper as { optionalValue?: string }).optionalValue;
}
