# The engine behind lab/setup-engine.mjs: one long-lived PowerShell per test process that runs the
# lab's own set-up commands (Install-LabAgent, ...) on any lab server, so a test that puts an
# agent on ten servers does not start ten engines. Not the action's engine: the action's scripts
# still run in engines the action starts itself, through lab/bin/pwsh.
#
# Requests are files in the spool folder: <id>.req holds {"root": "...", "command": "..."}. Each
# runs in a new runspace (fresh module state, drives and variables, as in a new process) with
# LabHost imported for that root; the answer is <id>.res: {"ok": true} or {"ok": false, "error"}.
# Files appear by rename, so neither side reads half of one. Ends when its parent process does.
param([Parameter(Mandatory = $true)][string]$Spool, [Parameter(Mandatory = $true)][int]$ParentId)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

$module = Join-Path $PSScriptRoot 'LabHost.psd1'
$watcher = New-Object System.IO.FileSystemWatcher($Spool, '*.req')

function Invoke-LabSetupRequest([string]$File) {
    $request = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($File))
    $answer = @{ ok = $true }
    $shell = [powershell]::Create()
    try {
        $env:AGENT_LAB_ROOT = [string]$request.root
        [void]$shell.AddScript('param($Module, $Command) $ErrorActionPreference = "Stop"; Import-Module $Module; [void](Invoke-Expression $Command)')
        [void]$shell.AddArgument($module).AddArgument([string]$request.command)
        [void]$shell.Invoke()
        if ($shell.HadErrors) { $answer = @{ ok = $false; error = (@($shell.Streams.Error) | ForEach-Object { "$_" }) -join "`n" } }
    } catch {
        $inner = $_.Exception
        while ($inner.InnerException) { $inner = $inner.InnerException }
        $answer = @{ ok = $false; error = $inner.Message }
    } finally {
        $shell.Dispose()
    }
    $result = [System.IO.Path]::ChangeExtension($File, '.res')
    [System.IO.File]::WriteAllText("$result.tmp", (ConvertTo-Json -InputObject $answer -Compress))
    [System.IO.File]::Move("$result.tmp", $result, $true)
    [System.IO.File]::Delete($File)
}

while ($true) {
    $pending = [System.IO.Directory]::GetFiles($Spool, '*.req')
    [System.Array]::Sort($pending, [System.StringComparer]::Ordinal)
    foreach ($file in $pending) { Invoke-LabSetupRequest $file }
    if ($pending.Count -gt 0) { continue }
    if (-not [System.IO.Directory]::Exists($Spool)) { break }
    try { [void][System.Diagnostics.Process]::GetProcessById($ParentId) } catch { break }
    # Sleeps until a request is renamed into place; the timeout covers one that came just before.
    [void]$watcher.WaitForChanged([System.IO.WatcherChangeTypes]::All, 100)
}
