import { StepError } from '../../shared/errors.js';

const flat = (m: string) => m.replace(/\s+/g, ' ').trim();

/** One line for a failed Add-AADCloudSyncGMSA. */
export function explainGmsaFailure(mode: 'create' | 'custom', name: string, message: string): StepError {
  const detail = flat(message);
  if (/after \d+ retries/i.test(detail)) {
    return new StepError(
      `Installing gMSA ${name} on this server failed: its supported encryption types do not match the domain's (msDS-SupportedEncryptionTypes on the gMSA vs. the domain controllers' policy). (${detail})`,
      'GmsaEncryptionTypes',
    );
  }
  if (/key does not exist|kds/i.test(detail)) {
    return new StepError(`Creating gMSA ${name} failed: the forest has no usable KDS root key (none, or not yet effective); see input 'create-kds-root-key'. (${detail})`, 'KdsRootKeyMissing');
  }
  if (/user name or password is incorrect|logon failure|invalid credentials/i.test(detail)) {
    return new StepError(`Creating gMSA ${name} failed: the domain administrator's user name or password is wrong (inputs 'domain-username'/'domain-password'). (${detail})`, 'BadDomainCredentials');
  }
  if (mode === 'custom' && /cannot find|not found|does not exist/i.test(detail)) {
    return new StepError(`gMSA ${name} was not found in Active Directory: create it first (New-ADServiceAccount) or fix input 'gmsa-name'. (${detail})`, 'GmsaNotFound');
  }
  if (/access is denied|insufficient|permission/i.test(detail)) {
    return new StepError(`Configuring gMSA ${name} was refused: the account lacks the rights (domain administrator needed). (${detail})`, 'GmsaAccessDenied');
  }
  return new StepError(`Configuring gMSA ${name} failed: ${detail}`, 'GmsaFailed');
}

/** One line for a failed Add-AADCloudSyncADDomain. */
export function explainDomainFailure(domain: string, credentialInput: string, message: string): StepError {
  const detail = flat(message);
  if (/Newtonsoft\.Json/i.test(detail) && /12\.0\.0\.0/.test(detail)) {
    // Public reports only (no Microsoft documentation): the agent ships Newtonsoft.Json 13 while the
    // cmdlet asks for 12.0.0.0. The workarounds seen differ (a clean Windows PowerShell session, the
    // wizard, replacing the DLL), so none is presented as the fix.
    return new StepError(
      `Adding domain ${domain} failed: Add-AADCloudSyncADDomain could not load Newtonsoft.Json 12.0.0.0. Public reports (not Microsoft documentation) tie this to the agent shipping version 13 and to other modules loaded in the same session; things that helped others: running with 'shell: powershell' (Windows PowerShell 5.1) without other modules that load Newtonsoft.Json, a newer agent, or adding the domain in the agent's wizard. (${detail})`,
      'NewtonsoftJsonLoadFailed',
    );
  }
  if (/user name or password is incorrect|logon failure|invalid credentials/i.test(detail)) {
    return new StepError(`Adding domain ${domain} failed: wrong user name or password in ${credentialInput}. (${detail})`, 'BadDomainCredentials');
  }
  if (/domain controller/i.test(detail))
    return new StepError(`Adding domain ${domain} failed: a preferred domain controller could not be reached (input 'domains', dcs=). (${detail})`, 'DomainControllerUnreachable');
  if (/does not exist|could not be contacted|not found/i.test(detail))
    return new StepError(`Adding domain ${domain} failed: the domain could not be contacted from this server (DNS, firewall, trust?). (${detail})`, 'DomainUnreachable');
  return new StepError(`Adding domain ${domain} failed: ${detail}`, 'DomainAddFailed');
}

/** One line for a failed Set-AADCloudSyncPermissions. */
export function explainPermissionFailure(account: string, domains: string[], credentialInput: string, message: string): StepError {
  const detail = flat(message);
  const where = domains.join(', ');
  if (/access is denied|not an? (enterprise )?administrator|insufficient|permission/i.test(detail)) {
    return new StepError(
      `Granting gMSA ${account} its AD permissions on ${where} was refused: ${credentialInput} must be an enterprise admin, or an admin of each domain. (${detail})`,
      'PermissionsAccessDenied',
    );
  }
  if (/user name or password is incorrect|logon failure|invalid credentials/i.test(detail)) {
    return new StepError(`Granting gMSA ${account} its AD permissions on ${where} failed: wrong user name or password in ${credentialInput}. (${detail})`, 'BadDomainCredentials');
  }
  return new StepError(`Granting gMSA ${account} its AD permissions on ${where} (Set-AADCloudSyncPermissions) failed: ${detail}`, 'PermissionsFailed');
}

/** One line for an agent service that did not come back after the change: state, account, known causes. */
export function explainRestartFailure(status: string, account: string | null, message: string): StepError {
  return new StepError(
    `The agent service is ${status} after the restart, running as ${account ?? 'an unknown account'} (${flat(message)}). Known causes: the gMSA lacks the 'Log on as a service' right on this server (check group policy), or the gMSA's encryption types do not match the domain's (msDS-SupportedEncryptionTypes).`,
    'AgentDidNotStart',
  );
}
