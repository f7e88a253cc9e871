import { containsSecret } from '../shared/secrets.js';

/**
 * The environment the PowerShell engine starts with: the action's own, minus everything that is the
 * runner's business or could carry a secret. The engine and every process it starts (the installer
 * included) inherit this block, and on Windows any process of the same user can read it.
 *
 * Why a deny-list and not a list of the Windows variables to keep: what PowerShell and the programs
 * it starts need is open-ended (PATH, PATHEXT, SystemRoot, windir, ComSpec, TEMP/TMP, ProgramFiles*,
 * ProgramData, CommonProgramFiles*, PSModulePath, USERPROFILE, APPDATA, COMPUTERNAME, USERDOMAIN,
 * NUMBER_OF_PROCESSORS, PROCESSOR_ARCHITECTURE, proxy variables, ...), and so is what a wrapper
 * around the engine (the `shell` input may name one) needs to find its own files. A missing one
 * breaks a server in ways no test here sees; a kept one is harmless once these are gone:
 *  - INPUT_*: every input, passwords and tokens included (they reach scripts on standard input);
 *  - GITHUB_*, ACTIONS_*, STATE_*: the runner's context, its file commands (a script must not write
 *    step outputs or the job's environment) and its runtime and OIDC request tokens;
 *  - any name that says it holds a credential (token, secret, password, credential, key);
 *  - any variable whose value holds a secret this run registered, whatever its name.
 * Names compare case-insensitively, as Windows does.
 */
const RUNNER_NAMES = /^(INPUT_|GITHUB_|ACTIONS_|STATE_)/i;
const CREDENTIAL_NAMES = /TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|PRIVATE_?KEY|CONNECTION_?STRING/i;

export function engineEnvironment(env: NodeJS.ProcessEnv, holdsSecret: (value: string) => boolean = containsSecret): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (RUNNER_NAMES.test(name) || CREDENTIAL_NAMES.test(name) || holdsSecret(value)) continue;
    out[name] = value;
  }
  return out;
}
