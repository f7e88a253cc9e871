// npm run lab's lifecycle scenarios (lab/lifecycle-scenarios.mjs), run as the command runs them.
import { afterAll, expect, it } from 'vitest';
import { FRESH } from '../lab/fresh-server.mjs';
import { renderScenario } from '../lab/render.mjs';
import { runScenario } from '../lab/scenarios.mjs';
import { describeWithPwsh } from './helpers/pwsh.js';

const SECRETS = [FRESH.hia.password, FRESH.ga.password, FRESH.domainAdmin.password];

describeWithPwsh('npm run lab lifecycle scenarios', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });
  async function story(name: string) {
    const result = await runScenario(name);
    cleanups.push(result.cleanup);
    const text = renderScenario(result);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(text.split('\n').at(-1)).toBe(result.proof.line);
    return { result, text };
  }

  it('teardown: a built server is torn down, the summary names the inactive agent, a second teardown changes nothing', async () => {
    const { result, text } = await story('teardown');
    expect(result.proof.ok, result.proof.line).toBe(true);
    expect(result.proof.line).toMatch(/^Proven: the built server was torn down \(removed \[.*"Microsoft Entra Provisioning Agent Package".*\]/);
    expect(text).toContain('Uninstall the provisioning agent');
  });

  it('failure-diagnostics: the failing install leaves a zip with the installer log and no password', async () => {
    const { result } = await story('failure-diagnostics');
    expect(result.proof.ok, result.proof.line).toBe(true);
    expect(result.proof.line).toMatch(/^Proven: the run failed in one line and left entra-agent-diagnostics-run-\d{8}T\d{6}Z\.zip \(\d+ files: the installer's log with 0x80070643/);
  });
});
