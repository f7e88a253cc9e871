import { InputError } from '../../shared/errors.js';

/** One line of input `domains`: `fqdn [dcs=dc1,dc2] [credential=NAME]`. */
export interface DomainSpec {
  name: string;
  /** Preferred domain controllers (empty: the agent picks). */
  dcs: string[];
  /** Key into input `domain-credentials`; none: `domain-username`/`domain-password`. */
  credential?: string;
}

const FQDN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const HOST = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const CREDENTIAL_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * Parses input `domains`. Never echoes a whole line back (a user may have pasted a password into
 * it by mistake); only the token that is wrong, and never the value of a password-like key.
 */
export function parseDomains(text: string, input = 'domains'): DomainSpec[] {
  const out: DomainSpec[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const where = `line ${index + 1}`;
    const [name, ...rest] = line.split(/\s+/);
    if (/=/.test(name)) throw new InputError(input, `${where} must start with the domain's DNS name (e.g. 'contoso.com').`);
    if (!FQDN.test(name)) throw new InputError(input, `${where}: '${name.slice(0, 60)}' is not a DNS domain name such as 'contoso.com'.`);
    const spec: DomainSpec = { name: name.toLowerCase(), dcs: [] };
    for (const part of rest) {
      const at = part.indexOf('=');
      const key = (at < 0 ? part : part.slice(0, at)).toLowerCase();
      const value = at < 0 ? '' : part.slice(at + 1);
      if (/pass|pwd|secret|token/.test(key)) {
        throw new InputError(input, `${where} has '${key}=': never put passwords in '${input}'; name a credential (credential=NAME) held in the secret input 'domain-credentials'.`);
      }
      if (key === 'dcs' || key === 'dc') {
        const dcs = value
          .split(',')
          .map((d) => d.trim())
          .filter(Boolean);
        if (dcs.length === 0) throw new InputError(input, `${where}: 'dcs=' needs one or more domain controller names separated by commas.`);
        const bad = dcs.find((d) => !HOST.test(d));
        if (bad) throw new InputError(input, `${where}: '${bad.slice(0, 60)}' is not a domain controller host name.`);
        spec.dcs = [...new Set(dcs.map((d) => d.toLowerCase()))];
      } else if (key === 'credential') {
        if (!CREDENTIAL_NAME.test(value)) throw new InputError(input, `${where}: 'credential=' needs a name of letters, digits, '_', '.', '-' (a key of 'domain-credentials').`);
        spec.credential = value.toUpperCase();
      } else {
        throw new InputError(input, `${where}: unknown setting '${key.slice(0, 30)}'; allowed: dcs=dc1,dc2 and credential=NAME.`);
      }
    }
    if (out.some((d) => d.name === spec.name)) throw new InputError(input, `${where}: domain '${spec.name}' is listed twice.`);
    out.push(spec);
  });
  return out;
}

export function sameDcs(a: readonly string[], b: readonly string[]): boolean {
  const norm = (l: readonly string[]) => [...new Set(l.map((x) => x.toLowerCase()))].sort().join(',');
  return norm(a) === norm(b);
}
