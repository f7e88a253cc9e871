// Parses every .ps1/.psm1 under src/ and lab/ with the real PowerShell 7 parser
// and fails on parse errors or on syntax that Windows PowerShell 5.1 (the
// PowerShell on the Windows runners we target) does not have.
//
// One pwsh process checks all files (paths go in as JSON on stdin, a JSON
// report comes back on stdout); each file becomes its own test case.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeWithPwsh } from './helpers/pwsh.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

type Problem = { line: number; column: number; kind: string; message: string; text: string };
type FileReport = { file: string; problems: Problem[] };

const CHECKER = String.raw`
$ErrorActionPreference = 'Stop'
$utf8 = [System.Text.UTF8Encoding]::new($false)
[Console]::InputEncoding = $utf8
[Console]::OutputEncoding = $utf8
$paths = [Console]::In.ReadToEnd() | ConvertFrom-Json
$TK = [System.Management.Automation.Language.TokenKind]

function New-Problem($Extent, [string]$Kind, [string]$Message) {
  [ordered]@{
    line = $Extent.StartLineNumber; column = $Extent.StartColumnNumber
    kind = $Kind; message = $Message; text = ($Extent.Text -split "\r?\n")[0]
  }
}

function Test-Node($n) {
  switch ($n.GetType().Name) {
    'TernaryExpressionAst' { New-Problem $n.Extent 'ternary' 'ternary operator (a ? b : c) is PowerShell 7+' }
    'PipelineChainAst' { New-Problem $n.Extent 'pipeline-chain' 'pipeline chain operators && / || are PowerShell 7+' }
    'BinaryExpressionAst' {
      if ($n.Operator -eq $TK::QuestionQuestion) { New-Problem $n.Extent 'null-coalescing' 'null-coalescing operator ?? is PowerShell 7+' }
    }
    'AssignmentStatementAst' {
      if ($n.Operator -eq $TK::QuestionQuestionEquals) { New-Problem $n.Extent 'null-coalescing-assignment' 'null-coalescing assignment ??= is PowerShell 7+' }
    }
    { $_ -in 'MemberExpressionAst', 'InvokeMemberExpressionAst' } {
      if ($n.NullConditional) { New-Problem $n.Extent 'null-conditional-member' 'null-conditional member access ?. is PowerShell 7+' }
    }
    'IndexExpressionAst' {
      if ($n.NullConditional) { New-Problem $n.Extent 'null-conditional-index' 'null-conditional index ?[] is PowerShell 7+' }
    }
    'ScriptBlockAst' {
      if ($null -ne $n.CleanBlock) { New-Problem $n.CleanBlock.Extent 'clean-block' 'clean {} block is PowerShell 7.3+' }
    }
    'CommandAst' {
      $name = $n.GetCommandName()
      if ($name -and ($name -replace '^Microsoft\.PowerShell\.Core\\', '') -in 'ForEach-Object', 'foreach', '%') {
        foreach ($el in $n.CommandElements) {
          # Parameter names may be abbreviated; -Pa is the shortest unambiguous form.
          if ($el -is [System.Management.Automation.Language.CommandParameterAst] -and
              $el.ParameterName.Length -ge 2 -and
              'Parallel'.StartsWith($el.ParameterName, [StringComparison]::OrdinalIgnoreCase)) {
            New-Problem $el.Extent 'foreach-parallel' 'ForEach-Object -Parallel is PowerShell 7+'
          }
        }
      }
    }
  }
}

$report = foreach ($path in $paths) {
  $problems = [System.Collections.Generic.List[object]]::new()
  try {
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($path, [ref]$tokens, [ref]$errors)
    foreach ($e in $errors) { $problems.Add((New-Problem $e.Extent 'parse-error' $e.Message)) }
    foreach ($n in $ast.FindAll({ $true }, $true)) {
      foreach ($p in @(Test-Node $n)) { $problems.Add($p) }
    }
  } catch {
    $problems.Add([ordered]@{ line = 0; column = 0; kind = 'checker-error'; message = "$_"; text = '' })
  }
  [ordered]@{ file = $path; problems = $problems.ToArray() }
}
[Console]::Out.Write((ConvertTo-Json -InputObject @($report) -Depth 6 -Compress))
`;

// Each snippet must be flagged with `kind` on `line`; `clean` must pass.
const SELF_TEST: { name: string; code: string; kind?: string; line?: number }[] = [
  { name: 'ternary', code: '$a = 1\n$b = $a ? 1 : 2\n', kind: 'ternary', line: 2 },
  { name: 'pipeline-chain', code: 'Get-Item . && Write-Output ok\n', kind: 'pipeline-chain', line: 1 },
  { name: 'or-chain', code: 'Get-Item . || Write-Output no\n', kind: 'pipeline-chain', line: 1 },
  { name: 'null-coalescing', code: '$x = $null ?? "d"\n', kind: 'null-coalescing', line: 1 },
  { name: 'null-coalescing-assignment', code: '$y = $null\n$y ??= "d"\n', kind: 'null-coalescing-assignment', line: 2 },
  { name: 'null-conditional-member', code: '${o}?.Name\n', kind: 'null-conditional-member', line: 1 },
  { name: 'null-conditional-method', code: '${o}?.ToString()\n', kind: 'null-conditional-member', line: 1 },
  { name: 'null-conditional-index', code: '${a}?[0]\n', kind: 'null-conditional-index', line: 1 },
  { name: 'clean-block', code: 'function f {\n  process { 1 }\n  clean { 2 }\n}\n', kind: 'clean-block', line: 3 },
  { name: 'foreach-parallel', code: '1..3 | ForEach-Object -Parallel { $_ }\n', kind: 'foreach-parallel', line: 1 },
  { name: 'percent-parallel-abbrev', code: '1..3 | % -Par { $_ }\n', kind: 'foreach-parallel', line: 1 },
  { name: 'parse-error', code: 'function f {\n  if ($true) {\n}\n', kind: 'parse-error' },
  {
    name: 'clean',
    code: [
      '[CmdletBinding()]',
      'param([string]$Name, [switch]$Force)',
      'Set-StrictMode -Version 2.0',
      '$ErrorActionPreference = "Stop"',
      'if ($null -eq $Name) { $Name = "default" } else { $Name = $Name.Trim() }',
      '$h = @{ a = 1; b = @(1, 2) }',
      '$first = $h["b"][0]',
      '$items = 1..3 | ForEach-Object -Process { $_ * 2 } | Where-Object { $_ -gt 2 }',
      'try { Get-Item -LiteralPath . -ErrorAction Stop | Out-Null; if ($?) { "ok" } }',
      'catch { Write-Warning $_.Exception.Message }',
      'finally { $clean = $true }',
      'function Get-Thing { param($x) begin { } process { $x } end { } }',
      '$text = @"',
      'Name: $Name ($($items.Count) items)',
      '"@',
      '',
    ].join('\n'),
  },
];

function findPsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...findPsFiles(full));
    } else if (entry.isFile() && /\.(ps1|psm1)$/i.test(entry.name)) {
      out.push(full);
    }
  }
  return out.sort();
}

function runChecker(pwsh: string, workDir: string, files: string[]): Map<string, Problem[]> {
  const script = join(workDir, 'check-ps51.ps1');
  writeFileSync(script, CHECKER);
  const stdout = execFileSync(pwsh, ['-NoLogo', '-NoProfile', '-NonInteractive', '-File', script], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(stdout) as FileReport[];
  return new Map(report.map((r) => [r.file, r.problems]));
}

const format = (name: string, p: Problem) => `${name}:${p.line}:${p.column}: ${p.message} [${p.kind}] ${p.text}`.trimEnd();

describeWithPwsh('PowerShell scripts parse and are Windows PowerShell 5.1 compatible', (pwsh) => {
  const projectFiles = [...findPsFiles(join(root, 'src')), ...findPsFiles(join(root, 'lab'))];
  const workDir = mkdtempSync(join(tmpdir(), 'ps-syntax-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  const selfTestFiles = SELF_TEST.map((c) => {
    const file = join(workDir, `${c.name}.ps1`);
    writeFileSync(file, c.code);
    return { ...c, file };
  });

  let report: Map<string, Problem[]>;
  try {
    report = runChecker(pwsh, workDir, [...projectFiles, ...selfTestFiles.map((c) => c.file)]);
  } catch (err) {
    it('runs the PowerShell checker', () => {
      throw err;
    });
    return;
  }

  const relName = (file: string) => relative(root, file).split(sep).join('/');
  if (projectFiles.length === 0) {
    console.warn('ps-syntax: no .ps1/.psm1 files under src/ or lab/ yet; only the self-test ran.');
  } else {
    it.each(projectFiles.map((file) => [relName(file), file] as const))('%s', (name, file) => {
      const problems = report.get(file);
      expect(problems, `${name} missing from the checker report`).toBeDefined();
      expect(problems!.map((p) => format(name, p))).toEqual([]);
    });
  }

  describe('self-test of the checker', () => {
    it.each(selfTestFiles.map((c) => [c.name, c] as const))('%s', (name, { file, kind, line }) => {
      const problems = report.get(file);
      expect(problems, `${name} missing from the checker report`).toBeDefined();
      if (!kind) {
        expect(problems!.map((p) => format(name, p))).toEqual([]);
        return;
      }
      const hits = problems!.filter((p) => p.kind === kind);
      expect(hits.length, `expected a ${kind} problem, got: ${JSON.stringify(problems)}`).toBeGreaterThan(0);
      if (line !== undefined) expect(hits.map((p) => p.line)).toContain(line);
    });
  });
});
