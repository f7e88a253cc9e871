import { InputError } from '../../shared/errors.js';
import { registerSecret } from '../../shared/secrets.js';

/**
 * The token `Connect-AADCloudSyncAzureAD -AccessToken` takes is for the agent registration service,
 * not Microsoft Graph [public: Azure/missionlz access-token docs; the same scope registers
 * Microsoft's private network connector, doc: application-proxy-register-connector-powershell.md].
 */
export const REGISTRATION_SCOPE = 'https://proxy.cloudwebappproxy.net/registerapp/user_impersonation';
const REGISTRATION_AUDIENCE = 'https://proxy.cloudwebappproxy.net/registerapp';

/** Audiences of other services that people paste by mistake (Graph above all). */
const OTHER_SERVICES: [RegExp, string][] = [
  [/^(https:\/\/(graph\.microsoft\.com|graph\.microsoft\.us|dod-graph\.microsoft\.us|microsoftgraph\.chinacloudapi\.cn)|00000003-0000-0000-c000-000000000000)$/, 'Microsoft Graph'],
  [/^(https:\/\/graph\.windows\.net|https:\/\/graph\.microsoftazure\.us|00000002-0000-0000-c000-000000000000)$/, 'Azure AD Graph'],
  [/^(https:\/\/management\.(azure\.com|core\.windows\.net|usgovcloudapi\.net|core\.usgovcloudapi\.net)|797f4846-ba00-4fd7-ba43-dac1f8f63013)$/, 'Azure Resource Manager'],
  [/^api:\/\/azureadtokenexchange$/, 'the Entra workload identity exchange (a GitHub OIDC token, not a user token)'],
  [/^https:\/\/vault\.(azure\.net|usgovcloudapi\.net)$/, 'Azure Key Vault'],
  [/^https:\/\/storage\.azure\.com$/, 'Azure Storage'],
  [/^(https:\/\/outlook\.office(365)?\.com|00000002-0000-0ff1-ce00-000000000000)$/, 'Exchange Online'],
];

export interface AccessTokenFacts {
  /** 'jwt': claims were read (not verified); 'opaque': not a readable JWT, nothing could be checked. */
  kind: 'jwt' | 'opaque';
  audiences: string[];
  expiresAt?: Date;
  tenantId?: string;
  upn?: string;
  /** An application (app-only) token: roles and no delegated scopes, or idtyp 'app'. */
  appOnly: boolean;
}

interface Claims {
  aud?: unknown;
  exp?: unknown;
  tid?: unknown;
  upn?: unknown;
  iss?: unknown;
  scp?: unknown;
  roles?: unknown;
  idtyp?: unknown;
}

function base64UrlJson(part: string): unknown {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(part)) return undefined;
  try {
    return JSON.parse(Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Reads a JWT's claims without checking its signature (the service does that). */
export function readAccessToken(token: string): AccessTokenFacts {
  const parts = token.split('.');
  // A JWS has three parts; an encrypted JWE (five) or an opaque token cannot be read here.
  if (parts.length !== 3) return { kind: 'opaque', audiences: [], appOnly: false };
  const header = base64UrlJson(parts[0]);
  const claims = base64UrlJson(parts[1]) as Claims | undefined;
  if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object' || Array.isArray(claims)) return { kind: 'opaque', audiences: [], appOnly: false };
  registerSecret(parts[2]);
  const audiences = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((a): a is string => typeof a === 'string');
  return {
    kind: 'jwt',
    audiences,
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined,
    tenantId: typeof claims.tid === 'string' ? claims.tid : undefined,
    upn: typeof claims.upn === 'string' ? claims.upn : undefined,
    appOnly: claims.idtyp === 'app' || (claims.scp === undefined && Array.isArray(claims.roles)),
  };
}

const normalise = (audience: string) => audience.trim().toLowerCase().replace(/\/+$/, '');

export function isRegistrationAudience(audience: string): boolean {
  return normalise(audience) === REGISTRATION_AUDIENCE;
}

/** The service an audience plainly belongs to, when it is a well-known one other than registration. */
export function otherServiceOf(audience: string): string | undefined {
  const a = normalise(audience);
  return OTHER_SERVICES.find(([pattern]) => pattern.test(a))?.[1];
}

/**
 * Refuses a token that cannot work (expired, for another service, for another tenant) in one line
 * naming the input, and returns warnings for what it cannot judge. Never shows the token itself.
 */
export function checkAccessToken(token: string, expected: { tenantId: string; userPrincipalName: string; environment: string }, now = new Date()): string[] {
  const how = `request a token for scope ${REGISTRATION_SCOPE} as the Hybrid Identity Administrator`;
  const warnings: string[] = [];
  const facts = readAccessToken(token);
  if (expected.environment !== 'AzureCloud') {
    warnings.push(`The access-token sign-in is documented for the public cloud (AzureCloud) only, not ${expected.environment}; if it fails, sign in with 'tenant-username'/'tenant-password'.`);
  }
  if (facts.kind === 'opaque') {
    warnings.push("Input 'access-token' is not a readable JWT, so its audience and expiry cannot be checked before sign-in; a wrong token is refused by the sign-in itself.");
    return warnings;
  }
  const registration = facts.audiences.some(isRegistrationAudience);
  if (!registration) {
    const shown = facts.audiences.map((a) => a.slice(0, 80)).join(', ') || '(none)';
    const other = facts.audiences.map(otherServiceOf).find(Boolean);
    if (other) throw new InputError('access-token', `is a token for ${other} (audience ${shown}), not for the agent registration service: ${how}.`);
    warnings.push(`Input 'access-token' has audience ${shown}, not the agent registration service's (${REGISTRATION_AUDIENCE}); trying it anyway.`);
  }
  if (facts.expiresAt && facts.expiresAt.getTime() <= now.getTime()) {
    throw new InputError('access-token', `expired at ${facts.expiresAt.toISOString()}: ${how}, shortly before the run.`);
  }
  if (facts.tenantId && facts.tenantId.toLowerCase() !== expected.tenantId.toLowerCase()) {
    throw new InputError('access-token', `was issued by tenant ${facts.tenantId}, not by tenant ${expected.tenantId} (input 'tenant-id').`);
  }
  if (facts.upn && facts.upn.toLowerCase() !== expected.userPrincipalName.toLowerCase()) {
    warnings.push(`Input 'access-token' was issued to ${facts.upn}, not to ${expected.userPrincipalName} (input 'user-principal-name').`);
  }
  return warnings;
}
