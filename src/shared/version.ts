/**
 * Windows file versions (major.minor.build.revision, e.g. 1.1.2505.0). semver cannot hold four parts,
 * so these are compared here: numerically, part by part, missing parts counting as 0.
 */
const VERSION_PATTERN = /^\d{1,9}(\.\d{1,9}){1,3}$/;

export function isVersion(text: string): boolean {
  return VERSION_PATTERN.test(text.trim());
}

/** The numeric parts, padded to four; throws for anything that is not a version. */
export function parseVersion(text: string): [number, number, number, number] {
  const trimmed = text.trim();
  if (!isVersion(trimmed)) throw new Error(`'${text}' is not a version (expected a.b.c.d).`);
  const parts = trimmed.split('.').map(Number);
  while (parts.length < 4) parts.push(0);
  return parts as [number, number, number, number];
}

/** Negative when a < b, 0 when equal (1.1 equals 1.1.0.0), positive when a > b. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
}

/** The four-part form of a version ("1.1.2505" → "1.1.2505.0"). */
export function normalizeVersion(text: string): string {
  return parseVersion(text).join('.');
}
