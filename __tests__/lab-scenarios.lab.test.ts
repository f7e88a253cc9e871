// Every scenario of npm run lab, run as the command runs it (dist/main on a lab server), and the
// story it prints: readable (no workflow commands, no Markdown tables, no secrets) and ending in
// the proof line, which must say Proven.
import { afterAll, expect, it } from 'vitest';
import { FRESH } from '../lab/fresh-server.mjs';
import { renderScenario } from '../lab/render.mjs';
import { SCENARIO_NAMES, runScenario } from '../lab/scenarios.mjs';
import { describeWithPwsh } from './helpers/pwsh.js';

type Result = Awaited<ReturnType<typeof runScenario>>;
const SECRETS = [FRESH.hia.password, FRESH.ga.password, FRESH.domainAdmin.password];

describeWithPwsh('npm run lab scenarios', () => {
  const cleanups: (() => void)[] = [];
  afterAll(() => {
    for (const cleanup of cleanups) cleanup();
  });

  async function scenario(name: string, plan = false): Promise<{ result: Result; text: string }> {
    const result = await runScenario(name, { plan });
    cleanups.push(result.cleanup);
    return { result, text: renderScenario(result) };
  }

  /** What every story must be: readable, secret-free, ending in a proof that holds. */
  function expectReadableProof({ result, text }: { result: Result; text: string }) {
    const lines = text.split('\n');
    expect(lines.filter((l) => /^\s*::[a-z-]+/.test(l))).toEqual([]);
    expect(lines.filter((l) => /^\s*\|.*\|\s*$/.test(l))).toEqual([]);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(lines.at(-1)).toBe(result.proof.line);
    expect(result.proof.line, result.proof.line).toMatch(/^Proven: /);
    expect(result.proof.ok).toBe(true);
    expect(text).toContain('▶ Install the provisioning agent');
  }

  it('covers the scenarios the issue asks for', () => {
    expect(SCENARIO_NAMES).toEqual(['fresh', 'upgrade', 'fips', 'usgov', 'mfa', 'agent-will-not-start', 'teardown', 'failure-diagnostics']);
  });

  it('fresh: builds, confirms each step, outputs and summary once, then a second run that changes nothing', async () => {
    const story = await scenario('fresh');
    expectReadableProof(story);
    const { text } = story;
    expect(text).toContain('Done: service account set to CONTOSO\\provAgentgMSA$.');
    expect(text).toContain('Healthy: all 8 checks passed.');
    expect(text).toContain('configure-sync: contoso.com: start the AD2AADProvisioning job');
    expect(text.match(/^ {2}install-agent-version +1\.1\.2505\.0$/gm)).toHaveLength(1);
    expect(text.match(/^── Job summary$/gm)).toHaveLength(1);
    expect(text).not.toMatch(/get-server-state\.ps1: \d+ ms/);
    expect(story.result.proof.line).toContain('a second run changed nothing');
  });

  it('--plan: plan mode on the fresh server changes nothing and says what it would do', async () => {
    const story = await scenario('fresh', true);
    expectReadableProof(story);
    expect(story.text).toContain('(plan mode)');
    expect(story.text).toContain("Plan: configure-gmsa runs after the earlier steps' changes");
    expect(story.result.proof.line).toMatch(/plan mode changed nothing on the server .* planned changes in install-agent/);
  });

  it('upgrade: the older agent is upgraded and keeps its gMSA and domains', async () => {
    const story = await scenario('upgrade');
    expectReadableProof(story);
    expect(story.result.shown[0].run.outputs).toMatchObject({ 'install-agent-action': 'upgraded', 'install-agent-previous-version': '1.1.1107.0' });
  });

  it('fips: the FIPS exception is added once the policy is on', async () => {
    const story = await scenario('fips');
    expectReadableProof(story);
    expect(story.text).toContain('+   10 |     <enforceFIPSPolicy enabled="false"/>');
  });

  it('usgov: the installer and sign-in use the US Government cloud', async () => {
    const story = await scenario('usgov');
    expectReadableProof(story);
    expect(story.text).toContain('Signing in to the AzureUSGovernment tenant');
  });

  it('mfa: the log shows the token route', async () => {
    const story = await scenario('mfa');
    expectReadableProof(story);
    expect(story.text).toContain('with an access token (the route for tenants that enforce MFA)');
  });

  it('agent-will-not-start: one error line, the place for diagnostics, and nothing after it ran', async () => {
    const story = await scenario('agent-will-not-start');
    expectReadableProof(story);
    const annotations = story.text.split('── Annotations\n')[1].split('\n\n')[0].split('\n');
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^ {2}Error: The agent service is Stopped after the restart/);
    expect(story.text).toContain('── Diagnostics');
  });
});
