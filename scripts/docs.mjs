#!/usr/bin/env node
// Keeps every action.yml and the README's tables in step, so they never drift.
//   node scripts/docs.mjs          write the shared inputs into the step actions, the root action.yml
//                                  inputs/outputs and the README tables
//   node scripts/docs.mjs --check  exit 1 when anything is out of date (CI and a test run this)
// An input several steps take has ONE definition, below; it is written into every step action.yml
// that has the input. The root action's inputs are its own plus the union of the steps' inputs;
// its outputs are its own plus every step's outputs prefixed with the step's name.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STEP_ORDER = ['uninstall-agent', 'install-agent', 'configure-gmsa', 'set-fips', 'enable-writeback', 'configure-sync', 'verify'];

/** The one definition of every input that more than one step takes. */
export const SHARED_INPUTS = {
  environment: {
    description:
      "Cloud of the tenant and the agent: AzureCloud or AzureUSGovernment. install-agent passes AzureUSGovernment to the installer (ENVIRONMENTNAME; nothing for the public cloud) and, having no documented government link, then needs 'installer'; configure-gmsa and enable-writeback sign in to it; configure-sync and verify use that cloud's Microsoft Graph (graph.microsoft.com / graph.microsoft.us) and sign-in host (login.microsoftonline.com / login.microsoftonline.us).",
    default: 'AzureCloud',
  },
  'install-dir': {
    description: "Overrides the agent's folder. Empty: the folder the agent records in its registry key (InstallDir), or before install %ProgramFiles%\\Microsoft Azure AD Connect Provisioning Agent.",
    default: '',
  },
  'tenant-id': {
    description:
      "The tenant's id (a GUID). configure-gmsa: required with access-token; with a password the registration is checked against it and a server registered to another tenant is registered again. configure-sync (and verify's sync-jobs check): with client-id, the tenant GitHub's OIDC token is exchanged in. verify: the agent must be registered to this tenant.",
    default: '',
  },
  'tenant-username': {
    description:
      'A Hybrid Identity Administrator (user principal name) the agent signs in to the tenant with; enable-writeback also uses it when writeback-username is empty. A password cannot pass MFA: for tenants that enforce MFA give access-token instead.',
    default: '',
  },
  'tenant-password': {
    description: 'Password of tenant-username. A secret: pass it from the repository or environment secrets.',
    default: '',
  },
  'sync-domains': {
    description:
      "AD domains (DNS names, comma-separated or one a line) whose Cloud Sync configuration configure-sync creates and starts; verify then checks each domain's sync jobs (not in quarantine, last run, last success).",
    default: '',
  },
  'graph-access-token': {
    description:
      'A Microsoft Graph access token (masked; never logged). configure-sync: instead of client-id, with the permissions the README lists. verify: the tenant must list an active agent for this machine, which needs a delegated token (Policy.Read.HybridAuthentication; application permissions are not supported, so with an application token that check is skipped with a warning); with sync-domains it also reads the sync jobs.',
    default: '',
  },
  'client-id': {
    description:
      "Client id of an Entra application with a federated credential for this workflow (issuer https://token.actions.githubusercontent.com, audience api://AzureADTokenExchange): configure-sync and verify sign in with GitHub's OIDC token, no stored secret. Needs tenant-id and 'permissions: id-token: write'.",
    default: '',
  },
  'graph-url': {
    description: 'Microsoft Graph host override for other sovereign clouds (https only; http only for 127.0.0.1/localhost). Empty means the host of the environment.',
    default: '',
  },
  'login-url': {
    description: 'Entra sign-in host override for the OIDC exchange (https only; http only for 127.0.0.1/localhost), e.g. for another sovereign cloud. Empty means the host of the environment.',
    default: '',
  },
  'oidc-audience': {
    description: "Audience of the GitHub OIDC token; it must match the federated credential's. Empty: api://AzureADTokenExchange.",
    default: '',
  },
  'password-writeback': {
    description:
      "enable-writeback (required there): 'true' to enable password writeback, 'false' to disable it. configure-gmsa: 'true' also grants a custom gMSA (gmsa: custom, agent 1.1.2334.0 or later) the PasswordWriteBack permission in AD.",
    default: '',
  },
  'restart-timeout-seconds': {
    description: "Seconds (5 to 3600) to wait for the agent's service to be Running again after a restart.",
    default: '120',
  },
  'dry-run': {
    description:
      "Plan mode: read the server, report what would change (changed=true means 'would change') and change nothing. install-agent still fetches and checks the installer; verify reports but never fails the job.",
    default: 'false',
  },
  shell: {
    description:
      "PowerShell engine: 'powershell' (Windows PowerShell 5.1, which the agent's module needs), 'pwsh', or a path to an engine. Empty: 'powershell'. On a runner that is not Windows the action refuses to run unless this is set or dry-run is true.",
    default: '',
  },
  diagnostics: {
    description:
      "When to write a diagnostics zip under RUNNER_TEMP (output diagnostics-path): on-failure, always or never. It holds the agent's trace folder, its event logs and the Application and System logs of the last 24 h, the installer's logs, the agent config, services and versions, and the action's report; known secrets and secret-shaped values are replaced by ***; at most 48 MiB is read. Upload it with actions/upload-artifact.",
    default: 'on-failure',
  },
  'connectivity-check': {
    description:
      "Probe the outbound endpoints the agent needs before installing (install-agent preflight) and in verify: TLS with certificate validation on 443, TCP on 80 for certificate revocation, in parallel, through the proxy in the agent's config when there is one. 'false' skips it (e.g. for a lab without network).",
    default: 'true',
  },
  'connectivity-endpoints': {
    description:
      'Replaces the documented endpoint list of the environment (private endpoints, other clouds): host:port items (443 = TLS check, other ports = TCP), or tls://host:port and tcp://host:port; comma-separated or one a line. Wildcards cannot be probed.',
    default: '',
  },
  'connectivity-timeout-seconds': {
    description: 'Seconds (1 to 120) each endpoint may take; all are probed at once, so the check takes about this long at most.',
    default: '10',
  },
  'timeout-minutes': {
    description: 'Upper bound, in minutes (1 to 360), for any one PowerShell call, the installer run included.',
    default: '30',
  },
};

const ROOT_INPUTS = {
  steps: {
    description:
      "Which steps to run; they always run in the order uninstall-agent, install-agent, configure-gmsa, set-fips, enable-writeback, configure-sync, verify. uninstall-agent runs only when listed. 'auto': install-agent, set-fips (a no-op on a server without FIPS policy unless fips-exception or a proxy asks) and verify always; configure-gmsa when tenant-username, access-token, domains or gmsa-name is given; enable-writeback when password-writeback is given; configure-sync when sync-domains is given. Or a list of step names (comma-separated or one a line).",
    required: false,
    default: 'auto',
  },
};
const ROOT_OUTPUTS = {
  changed: { description: "'true' when any step changed the server (in plan mode: would change it)." },
  'diagnostics-path': { description: 'Path of the diagnostics zip when one was written (input diagnostics), else empty.' },
};
/** Outputs every step action has; the root action has them once, unprefixed. */
const SHARED_OUTPUTS = new Set(['diagnostics-path']);
/** Said in the root action where an input also chooses steps in 'steps: auto'. */
const ROOT_NOTES = {
  'password-writeback': "Given: steps 'auto' includes enable-writeback.",
  'tenant-username': "Given: steps 'auto' includes configure-gmsa.",
  'access-token': "Given: steps 'auto' includes configure-gmsa.",
  'sync-domains': "Given: steps 'auto' includes configure-sync.",
};

const check = process.argv.includes('--check');
const rel = (file) => path.join(root, file);

function stepsWithActions() {
  return STEP_ORDER.filter((s) => existsSync(rel(`${s}/action.yml`)));
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
const quoted = (text) => JSON.stringify(String(text));

/**
 * A step action.yml with every shared input it has rewritten to the one definition. Edits only the
 * text of those inputs, so the rest of the file keeps its layout.
 */
export function syncStepAction(text) {
  const inputs = parseDocument(text).get('inputs');
  const edits = [];
  for (const pair of inputs?.items ?? []) {
    const spec = SHARED_INPUTS[pair.key?.value];
    if (!spec) continue;
    const start = pair.key.range[0];
    const indent = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
    const end = pair.value.range[2];
    const body = [`${pair.key.value}:`, `description: ${quoted(spec.description)}`, 'required: false', `default: ${quoted(spec.default)}`];
    edits.push({ start, end, replacement: `${body.join(`\n${indent}  `)}\n` });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  return out;
}

function problemsOf(name, action) {
  const problems = [];
  if (!action.branding?.icon || !action.branding?.color) problems.push(`${name}: no branding (icon and color)`);
  for (const [input, spec] of Object.entries(action.inputs ?? {})) {
    if (!spec?.description) problems.push(`${name}: input '${input}' has no description`);
    if (spec?.default === undefined) problems.push(`${name}: input '${input}' has no default (write default: '' when there is none)`);
  }
  for (const [output, spec] of Object.entries(action.outputs ?? {})) {
    if (!spec?.description) problems.push(`${name}: output '${output}' has no description`);
  }
  return problems;
}

/** Steps (parsed after syncing), the union of their inputs, and what is wrong. */
export function collect(stepTexts) {
  const steps = Object.entries(stepTexts).map(([name, text]) => ({ name, action: parse(text) }));
  const inputs = {};
  const problems = [];
  for (const { name, action } of steps) {
    problems.push(...problemsOf(`${name}/action.yml`, action));
    for (const [input, spec] of Object.entries(action.inputs ?? {})) {
      const known = inputs[input];
      if (known) {
        if (!SHARED_INPUTS[input]) problems.push(`input '${input}' is taken by ${known.steps[0]} and ${name}: give it one definition in SHARED_INPUTS (scripts/docs.mjs)`);
        known.steps.push(name);
      } else inputs[input] = { spec, steps: [name] };
    }
  }
  return { steps, inputs, problems };
}

function rootInputSpecs({ inputs }) {
  const all = { ...ROOT_INPUTS };
  for (const [name, { spec, steps }] of Object.entries(inputs)) {
    const note = ROOT_NOTES[name] ? ` ${ROOT_NOTES[name]}` : '';
    all[name] = { description: `[${steps.join(', ')}] ${String(spec.description).trim()}${note}`, required: false, default: String(spec.default ?? '') };
  }
  return all;
}

function rootOutputSpecs({ steps }) {
  const all = { ...ROOT_OUTPUTS };
  for (const { name, action } of steps) {
    for (const [output, spec] of Object.entries(action.outputs ?? {})) if (!SHARED_OUTPUTS.has(output)) all[`${name}-${output}`] = { description: `${name}: ${String(spec.description).trim()}` };
  }
  return all;
}

export function rootAction(existingText, collected) {
  const doc = parseDocument(existingText);
  doc.set('inputs', rootInputSpecs(collected));
  doc.set('outputs', rootOutputSpecs(collected));
  return doc.toString({ lineWidth: 0 });
}

function cell(text) {
  return String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');
}

function defaultCell(spec) {
  if (spec.required) return '**required**';
  return spec.default === undefined || spec.default === '' ? '' : `\`${cell(spec.default)}\``;
}

function inputTable(specs) {
  const rows = Object.entries(specs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} | ${defaultCell(spec)} |`);
  return ['| input | description | default |', '| --- | --- | --- |', ...rows].join('\n');
}

function outputTable(specs) {
  return ['| output | description |', '| --- | --- |', ...Object.entries(specs).map(([name, spec]) => `| \`${name}\` | ${cell(spec.description)} |`)].join('\n');
}

export function tableBlocks(collected) {
  const blocks = { 'root-inputs': inputTable(rootInputSpecs(collected)), 'root-outputs': outputTable(rootOutputSpecs(collected)) };
  for (const { name, action } of collected.steps) {
    blocks[`${name}-inputs`] = inputTable(action.inputs ?? {});
    blocks[`${name}-outputs`] = outputTable(action.outputs ?? {});
  }
  return blocks;
}

export function readmeWithTables(readme, blocks) {
  return readme.replace(/(<!-- table:([\w-]+) -->)[\s\S]*?(<!-- \/table -->)/g, (whole, open, name, close) => (blocks[name] === undefined ? whole : `${open}\n${blocks[name]}\n${close}`));
}

function main() {
  const files = new Map();
  const stepTexts = {};
  for (const name of stepsWithActions()) {
    const file = `${name}/action.yml`;
    const before = readFileSync(rel(file), 'utf8');
    stepTexts[name] = syncStepAction(before);
    files.set(file, { before, after: stepTexts[name] });
  }
  const collected = collect(stepTexts);
  const rootBefore = readFileSync(rel('action.yml'), 'utf8');
  const rootAfter = rootAction(rootBefore, collected);
  collected.problems.push(...problemsOf('action.yml', parse(rootAfter)));
  files.set('action.yml', { before: rootBefore, after: rootAfter });

  const blocks = tableBlocks(collected);
  const readmeBefore = readFileSync(rel('README.md'), 'utf8');
  for (const name of Object.keys(blocks)) {
    if (!readmeBefore.includes(`<!-- table:${name} -->`)) collected.problems.push(`README.md has no <!-- table:${name} --> ... <!-- /table --> block`);
  }
  files.set('README.md', { before: readmeBefore, after: readmeWithTables(readmeBefore, blocks) });

  if (collected.problems.length) {
    for (const p of collected.problems) console.error(`docs: ${p}`);
    process.exit(1);
  }
  const stale = [...files].filter(([, f]) => f.before !== f.after).map(([file]) => file);
  if (check) {
    if (stale.length) {
      console.error(`docs: ${stale.join(', ')} out of date: run 'npm run docs'.`);
      process.exit(1);
    }
    console.log('docs: up to date');
    return;
  }
  for (const file of stale) writeFileSync(rel(file), files.get(file).after);
  console.log(stale.length ? `docs: wrote ${stale.join(', ')}` : 'docs: up to date');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
