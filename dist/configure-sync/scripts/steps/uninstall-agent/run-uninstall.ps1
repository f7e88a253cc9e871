# Runs one uninstall command line (from an uninstall registry entry, made silent by the caller) and
# returns its exit code. The executable is taken from the command line; a bare MsiExec.exe is the one
# in System32, not whatever PATH finds first.
param([Parameter(Mandatory = $true)][string]$CommandLine)
$ErrorActionPreference = 'Stop'

if ($CommandLine -match '^\s*"([^"]+)"\s*(.*)$') {
    $file = $Matches[1]; $rest = $Matches[2]
} elseif ($CommandLine -match '^\s*(\S+)\s*(.*)$') {
    $file = $Matches[1]; $rest = $Matches[2]
} else {
    Fail 'UninstallCommandInvalid' "The uninstall command line is empty."
}
$msi = $file -match '^msiexec(\.exe)?$'
if ($msi) { $file = Join-Path (Join-Path $env:SystemRoot 'System32') 'msiexec.exe' }
if (-not $msi -and -not (Test-Path -LiteralPath $file -PathType Leaf)) {
    Fail 'UninstallerMissing' ("The uninstaller {0} does not exist (the product's uninstall entry points to a removed file)." -f $file)
}
Write-Information ("Running {0} {1}" -f $file, $rest)
$process = Start-Process -FilePath $file -ArgumentList $rest -Wait -PassThru -NoNewWindow
@{ exitCode = [int]$process.ExitCode; file = $file }
