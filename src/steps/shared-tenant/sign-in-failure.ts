import { StepError } from '../../shared/errors.js';
import { REGISTRATION_SCOPE } from './access-token.js';
import type { SignIn } from './tenant-settings.js';

const MFA = /AADSTS(50076|50079|50074|50158)\b|multi-?factor|\bMFA\b|strong authentication/i;
const BAD_PASSWORD = /AADSTS50126\b|AADSTS50034\b|invalid username or password|user name or password is incorrect/i;
const WRONG_CLOUD = /AADSTS90002\b|AADSTS900(?:0)?23\b|tenant .*not found/i;
const ROLE = /hybrid identity administrator|global administrator|insufficient privileges|not authori[sz]ed|forbidden|does not hold .* role|role required/i;
const TOKEN = /AADSTS50013\b|AADSTS700024\b|token (is )?(invalid|expired)|invalid token|expired token/i;
const LOCKED = /AADSTS50053\b|AADSTS50057\b|locked|disabled/i;

/** One line naming the cause and the inputs to fix, for a failed tenant sign-in. */
export function explainSignInFailure(signIn: SignIn, message: string, environment: string): StepError {
  const detail = message.replace(/\s+/g, ' ').trim();
  if (signIn.route === 'credential') {
    const who = `'${signIn.username}'`;
    if (MFA.test(detail)) {
      return new StepError(
        `Sign-in as ${who} failed: the tenant requires multi-factor authentication for this account, and a user name and password ('tenant-username'/'tenant-password') cannot pass MFA; give 'access-token', 'tenant-id' and 'user-principal-name' instead (a token obtained with MFA). (${detail})`,
        'MfaRequired',
      );
    }
    if (BAD_PASSWORD.test(detail)) return new StepError(`Sign-in as ${who} failed: wrong user name or password (inputs 'tenant-username'/'tenant-password'). (${detail})`, 'BadCredentials');
    if (LOCKED.test(detail)) return new StepError(`Sign-in as ${who} failed: the account is locked or disabled. (${detail})`, 'AccountLocked');
    if (WRONG_CLOUD.test(detail)) return new StepError(`Sign-in as ${who} failed: the tenant was not found in the ${environment} cloud; check input 'environment'. (${detail})`, 'WrongCloud');
    if (ROLE.test(detail)) return new StepError(`Sign-in as ${who} worked but registering the agent was refused: the account needs the Hybrid Identity Administrator role. (${detail})`, 'MissingRole');
    return new StepError(`Sign-in as ${who} failed: ${detail}`, 'SignInFailed');
  }
  const who = `'${signIn.userPrincipalName}'`;
  if (WRONG_CLOUD.test(detail))
    return new StepError(
      `Sign-in with 'access-token' failed: tenant '${signIn.tenantId}' was not found in the ${environment} cloud; check inputs 'environment' and 'tenant-id'. (${detail})`,
      'WrongCloud',
    );
  if (TOKEN.test(detail)) {
    return new StepError(
      `Sign-in with 'access-token' failed: the token was rejected (expired, not for the registration service, or not issued for tenant '${signIn.tenantId}' and user ${who}); get a fresh token for scope ${REGISTRATION_SCOPE} as that user. (${detail})`,
      'TokenRejected',
    );
  }
  if (ROLE.test(detail)) return new StepError(`Sign-in as ${who} worked but registering the agent was refused: the user needs the Hybrid Identity Administrator role. (${detail})`, 'MissingRole');
  return new StepError(`Sign-in with 'access-token' as ${who} failed: ${detail}`, 'SignInFailed');
}
