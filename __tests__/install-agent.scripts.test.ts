// install-agent's scripts called directly in one lab session: guards that the entry-level tests cannot reach.
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { PowerShellScriptError } from '../src/powershell/errors.js';
import { PowerShellSession } from '../src/powershell/session.js';
import { describeWithPwsh } from './helpers/pwsh.js';
import { createLabServer, labBin } from '../lab/lab.mjs';
import { installerCommandLines, makeInstaller, sha256Of } from '../lab/installer.mjs';

describeWithPwsh('install-agent scripts in the lab', (pwsh) => {
  const lab = createLabServer();
  const quiet = { info: () => undefined, warning: () => undefined, debug: () => undefined };
  const session = new PowerShellSession({
    executable: path.join(labBin, 'powershell'),
    logger: quiet,
    env: { AGENT_LAB_ROOT: lab.root, AGENT_LAB_PWSH: pwsh, PATH: `${labBin}${path.delimiter}${process.env.PATH}` },
  });
  afterAll(async () => {
    await session.close();
    lab.cleanup();
  });

  it('run-installer refuses a file that changed after it was verified', async () => {
    const media = makeInstaller(path.join(lab.root, 'media'));
    const error = (await session
      .run('steps/install-agent/run-installer.ps1', { Path: media, Environment: 'AzureCloud', ExpectedSha256: '0'.repeat(64) })
      .catch((e: unknown) => e)) as PowerShellScriptError;
    expect(error).toBeInstanceOf(PowerShellScriptError);
    expect(error.code).toBe('InstallerChanged');
    expect(error.message).toContain(`SHA-256 ${sha256Of(media)}, expected ${'0'.repeat(64)}`);
    expect(installerCommandLines(lab.root)).toHaveLength(0);
  });

  it('inspect-installer reports signature and version, and fails clearly for a missing file', async () => {
    const media = makeInstaller(path.join(lab.root, 'media2'), { version: '1.1.2600.0', signer: 'Contoso Ltd' });
    const info = await session.run<Record<string, unknown>>('steps/install-agent/inspect-installer.ps1', { Path: media });
    expect(info).toMatchObject({ status: 'Valid', signerSubject: 'CN=Contoso Ltd, O=Contoso Ltd, L=Seattle, S=Washington, C=US', fileVersion: '1.1.2600.0' });
    const error = (await session.run('steps/install-agent/inspect-installer.ps1', { Path: path.join(lab.root, 'nope.exe') }).catch((e: unknown) => e)) as PowerShellScriptError;
    expect(error).toBeInstanceOf(PowerShellScriptError);
    expect(error.code).toBe('InstallerMissing');
  });
});
