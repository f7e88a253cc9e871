/** Agent versions are four-part Windows file versions (1.1.2505.0); semver does not fit them. */
export const FOUR_PART_VERSION = /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/;

export function isFourPartVersion(text: string): boolean {
  return FOUR_PART_VERSION.test(text) && text.split('.').every((part) => Number(part) <= 65535);
}

/** Negative, zero or positive as a is older than, equal to or newer than b (missing parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
