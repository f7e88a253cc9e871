import { StepError } from '../../shared/errors.js';

const flat = (m: string) => m.replace(/\s+/g, ' ').trim();

/** One line for a failed Add-AADCloudSyncGMSA. */
export function explainGmsaFailure(mode: 'create' | 'custom', name: string, message: string): StepError {
  const detail = flat(message);
  if (/after \d+ retries/i.test(detail)) {
    return new StepError(`Installing gMSA ${name} on this server failed: its supported encryption types do not match the domain's (msDS-SupportedEncryptionTypes on the gMSA vs. the domain controllers' policy). (${detail})`, 'GmsaEncryptionTypes');
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
    return new StepError(
      `Adding domain ${domain} failed: Add-AADCloudSyncADDomain could not load Newtonsoft.Json 12.0.0.0 (a known agent issue: the agent ships version 13). Run the action with 'shell: powershell' (Windows PowerShell 5.1) in a session with no other module that loads Newtonsoft.Json, or upgrade the agent; the domain can also be added in the agent's wizard. (${detail})`,
      'NewtonsoftJsonLoadFailed',
    );
  }
  if (/user name or password is incorrect|logon failure|invalid credentials/i.test(detail)) {
    return new StepError(`Adding domain ${domain} failed: wrong user name or password in ${credentialInput}. (${detail})`, 'BadDomainCredentials');
  }
  if (/domain controller/i.test(detail)) return new StepError(`Adding domain ${domain} failed: a preferred domain controller could not be reached (input 'domains', dcs=). (${detail})`, 'DomainControllerUnreachable');
  if (/does not exist|could not be contacted|not found/i.test(detail)) return new StepError(`Adding domain ${domain} failed: the domain could not be contacted from this server (DNS, firewall, trust?). (${detail})`, 'DomainUnreachable');
  return new StepError(`Adding domain ${domain} failed: ${detail}`, 'DomainAddFailed');
}

/** One line for an agent service that did not come back after the change: state, account, known causes. */
export function explainRestartFailure(status: string, account: string | null, message: string): StepError {
  return new StepError(
    `The agent service is ${status} after the restart, running as ${account ?? 'an unknown account'} (${flat(message)}). Known causes: the gMSA lacks the 'Log on as a service' right on this server (check group policy), or the gMSA's encryption types do not match the domain's (msDS-SupportedEncryptionTypes).`,
    'AgentDidNotStart',
  );
}
