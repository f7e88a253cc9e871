// The fake cloud (lab/fake-cloud.mjs) as a child process, for runs that block this process while the
// action runs (npm run lab uses spawnSync). Returns what a lab run needs: the environment GitHub gives
// a job with 'permissions: id-token: write', the configure-sync inputs for OIDC, and stop().
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-cloud.mjs');

export async function startFakeCloudProcess(domain = 'contoso.com') {
  const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = await new Promise((resolve, reject) => {
    let text = '';
    child.once('exit', (code) => reject(new Error(`the fake cloud exited (code ${code}) before it was ready`)));
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n')[0];
      if (text.includes('\n')) resolve(JSON.parse(line));
    });
  });
  return {
    info,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: info.oidcUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: info.requestToken },
    inputs: {
      'sync-domains': domain,
      'client-id': info.clientId,
      'graph-url': info.graphUrl,
      'login-url': info.loginUrl,
      'accidental-delete-threshold': '100',
      'wait-first-cycle-seconds': '60',
    },
    /** Secrets a leak scan should look for (the request token; issued tokens are not known outside). */
    secrets: [info.requestToken],
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      }),
  };
}
