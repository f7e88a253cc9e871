import { PowerShellScriptError } from '../../powershell/errors.js';
import type { StepContext } from '../../shared/step.js';
import { explainSignInFailure } from './sign-in-failure.js';
import type { SignIn, TenantSettings } from './tenant-settings.js';

/**
 * Signs the session's agent module in to the tenant (which registers the agent) and returns the
 * tenant id the server then records. Secrets travel as SecureString parameters only.
 */
export async function signInToTenant(ctx: StepContext, tenant: TenantSettings & { signIn: SignIn }, installDir: string): Promise<string | null> {
  const s = tenant.signIn;
  const params: Record<string, unknown> = { InstallDir: installDir, Route: s.route, Environment: tenant.environment };
  const secrets: Record<string, string> = {};
  if (s.route === 'credential') {
    params.UserName = s.username;
    secrets.Password = s.password;
  } else {
    params.TenantId = s.tenantId;
    params.UserPrincipalName = s.userPrincipalName;
    secrets.AccessToken = s.accessToken;
  }
  const route = s.route === 'credential' ? `as ${s.username} (user name and password)` : `as ${s.userPrincipalName} with an access token (the route for tenants that enforce MFA)`;
  ctx.log.info(`Signing in to the ${tenant.environment} tenant ${route}.`);
  try {
    const result = await ctx.session.run<{ tenantId: string | null }>('steps/shared-tenant/connect-tenant.ps1', params, { secrets });
    ctx.log.info(`Signed in; the server records tenant ${result.tenantId ?? '(none)'}.`);
    return result.tenantId ?? null;
  } catch (error) {
    if (error instanceof PowerShellScriptError && error.code === 'SignInFailed') throw explainSignInFailure(s, error.message, tenant.environment);
    throw error;
  }
}
