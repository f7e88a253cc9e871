import { ENVIRONMENTS, type Environment } from '../../agent/facts.js';
import { checkAccessToken } from './access-token.js';
import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';

export interface PasswordCredential {
  username: string;
  password: string;
}

/** How the action signs in to the tenant: a Hybrid Identity Administrator's password, or a token (MFA tenants). */
export type SignIn = { route: 'credential'; username: string; password: string } | { route: 'token'; accessToken: string; tenantId: string; userPrincipalName: string };

export interface TenantSettings {
  environment: Environment;
  /** Expected tenant (required with a token; with a password it is checked after sign-in when given). */
  tenantId?: string;
  signIn?: SignIn;
  installDir?: string;
  /** What the token check could not judge, or a cloud the token route is not documented for. */
  warnings: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const UPN = /^[^@\s\\]+@[^@\s]+\.[^@\s]+$/;
const ACCOUNT = /^([^\\\s]+\\[^\\\s]+|[^@\s\\]+@[^@\s]+)$/;

/** A user name + password pair of inputs: both or neither. Passwords are masked before anything else. */
export function readCredentialPair(inputs: Inputs, userInput: string, passwordInput: string, describe: string): PasswordCredential | undefined {
  const password = inputs.secret(passwordInput);
  const username = inputs.text(userInput, { pattern: ACCOUNT, describe });
  if (username && password === undefined) throw new InputError(passwordInput, `is required when '${userInput}' is given.`);
  if (!username && password !== undefined) throw new InputError(userInput, `is required when '${passwordInput}' is given.`);
  return username && password !== undefined ? { username, password } : undefined;
}

export function readTenantSettings(inputs: Inputs): TenantSettings {
  const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
  const installDir = inputs.folder('install-dir') || undefined;
  const tenantId = inputs.text('tenant-id', { pattern: GUID, describe: 'the tenant id (a GUID)' }) || undefined;
  const accessToken = inputs.secret('access-token');
  const credential = readCredentialPair(inputs, 'tenant-username', 'tenant-password', "a user principal name such as 'admin@contoso.onmicrosoft.com'");
  if (credential && !UPN.test(credential.username)) {
    throw new InputError('tenant-username', "must be a user principal name such as 'admin@contoso.onmicrosoft.com'.");
  }
  if (accessToken !== undefined) {
    if (credential) throw new InputError('access-token', "and 'tenant-username'/'tenant-password' are two ways to sign in: give one of them.");
    if (!tenantId) throw new InputError('tenant-id', "is required with 'access-token'.");
    const upn = inputs.text('user-principal-name', { pattern: UPN, describe: 'the signed-in user principal name' });
    if (!upn) throw new InputError('user-principal-name', "is required with 'access-token' (the user the token was issued to).");
    const token = accessToken.trim();
    const warnings = checkAccessToken(token, { tenantId, userPrincipalName: upn, environment });
    return { environment, installDir, tenantId, warnings, signIn: { route: 'token', accessToken: token, tenantId, userPrincipalName: upn } };
  }
  if (credential) return { environment, installDir, tenantId, warnings: [], signIn: { route: 'credential', ...credential } };
  return { environment, installDir, tenantId, warnings: [] };
}

export function signInWho(signIn: SignIn): string {
  return signIn.route === 'credential' ? signIn.username : signIn.userPrincipalName;
}
