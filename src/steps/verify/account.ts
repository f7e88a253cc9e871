/** Windows account names as services report them: DOMAIN\name, name@domain.fqdn, or a bare name. */
export interface AccountName {
  domain: string | null;
  name: string;
}

export function parseAccount(text: string): AccountName {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('\\');
  if (slash >= 0) return { domain: trimmed.slice(0, slash) || null, name: trimmed.slice(slash + 1) };
  const at = trimmed.lastIndexOf('@');
  if (at > 0) return { domain: trimmed.slice(at + 1), name: trimmed.slice(0, at) };
  return { domain: null, name: trimmed };
}

/** A gMSA's account name ends in '$'; users often leave it off. */
export function normaliseGmsa(text: string): string {
  const { domain, name } = parseAccount(text);
  const full = name.endsWith('$') ? name : `${name}$`;
  return domain ? `${domain}\\${full}` : full;
}

// NetBIOS (CONTOSO) and DNS (contoso.com) forms of one domain: equal when the first DNS label matches.
// A NetBIOS name that differs from the DNS label is not recognised (compare the bare names instead).
function sameDomain(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.split('.')[0] === y.split('.')[0];
}

/** Whether the service account is the expected one; a domain on only one side is not compared. */
export function sameAccount(actual: string, expected: string): boolean {
  const a = parseAccount(actual);
  const e = parseAccount(expected);
  if (a.name.toLowerCase() !== e.name.toLowerCase()) return false;
  if (a.domain && e.domain) return sameDomain(a.domain, e.domain);
  return true;
}

/** gMSAs (and machine accounts) end in '$'; virtual accounts, LocalSystem and user accounts do not. */
export function looksLikeGmsa(account: string): boolean {
  const { domain, name } = parseAccount(account);
  return name.endsWith('$') && (domain ?? '').toUpperCase() !== 'NT SERVICE';
}
