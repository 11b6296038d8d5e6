/**
 * The access role a filing is checked and served through (docs/design/filing.md `access`,
 * docs/design/api.md "The account profile"): the filing's own `access.accessRoleArn`, or, when
 * it names none, the account profile's. One rule for the submit checks, the resource check and
 * the ports.
 */
export function effectiveAccessRole(
  access: { accessRoleArn?: string | undefined } | undefined,
  profile: { accessRoleArn?: string | undefined } | undefined,
): string | undefined {
  const own = access?.accessRoleArn;
  if (own !== undefined && own !== '') return own;
  const fallback = profile?.accessRoleArn;
  return fallback !== undefined && fallback !== '' ? fallback : undefined;
}
