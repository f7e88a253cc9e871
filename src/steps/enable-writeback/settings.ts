import { ENVIRONMENTS, type Environment } from '../../agent/facts.js';
import { InputError } from '../../shared/errors.js';
import type { Inputs } from '../../shared/inputs.js';
import { readCredentialPair, UPN, type PasswordCredential } from '../shared-tenant/tenant-settings.js';

export interface EnableWritebackSettings {
  enable: boolean;
  credential: PasswordCredential;
  /** Which inputs the credential came from (for error messages). */
  credentialInputs: string;
  environment: Environment;
  installDir?: string;
  /** Apply even when this action's record says the same setting was applied already. */
  reapply: boolean;
}

const UPN_DESCRIBE = "a user principal name such as 'admin@contoso.onmicrosoft.com'";

export function readEnableWritebackSettings(inputs: Inputs): EnableWritebackSettings {
  const value = inputs.raw('password-writeback').toLowerCase();
  if (value !== 'true' && value !== 'false') throw new InputError('password-writeback', `is required: 'true' to enable password writeback, 'false' to disable it.`);
  const environment = inputs.choice('environment', ENVIRONMENTS, 'AzureCloud');
  const installDir = inputs.folder('install-dir') || undefined;
  // The cmdlet takes a credential only (no token route is known), so MFA-enforced accounts cannot be used.
  const own = readCredentialPair(inputs, 'writeback-username', 'writeback-password', UPN_DESCRIBE);
  const fallback = readCredentialPair(inputs, 'tenant-username', 'tenant-password', UPN_DESCRIBE);
  // Same rule as configure-gmsa, which signs in with the same inputs.
  if (fallback && !UPN.test(fallback.username)) throw new InputError('tenant-username', "must be a user principal name such as 'admin@contoso.onmicrosoft.com'.");
  const credential = own ?? fallback;
  if (!credential) {
    throw new InputError(
      'writeback-username',
      `and 'writeback-password' (a Global Administrator${value === 'false' ? ' or Hybrid Identity Administrator' : ''}) are required; 'tenant-username'/'tenant-password' are used when they are empty. An access token cannot be used: the writeback cmdlet takes only a credential.`,
    );
  }
  return {
    enable: value === 'true',
    credential,
    credentialInputs: own ? "'writeback-username'/'writeback-password'" : "'tenant-username'/'tenant-password'",
    environment,
    installDir,
    reapply: inputs.bool('reapply', false),
  };
}
