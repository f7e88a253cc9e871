# Runs the installer once, silently, and reports its exit code and the end of its log. The caller
# decides what the exit code means (and retries 1618).
param(
    [Parameter(Mandatory = $true)][string]$Path,
    # Empty for the public cloud: the docs pass ENVIRONMENTNAME only for another cloud (AzureUSGovernment).
    [string]$EnvironmentName,
    # The hash the file had when its signature was checked: it must not change before it runs.
    [Parameter(Mandatory = $true)][string]$ExpectedSha256,
    [int]$TailLines = 25
)
$ErrorActionPreference = 'Stop'

$actual = (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant()
if ($actual -ne $ExpectedSha256.ToLowerInvariant()) {
    Fail 'InstallerChanged' ("The installer {0} changed after it was verified (SHA-256 {1}, expected {2}); it was not run." -f $Path, $actual, $ExpectedSha256)
}

# The bundle's own log name, in %TEMP%; a second attempt in the same second gets a suffix.
$stamp = Get-Date -Format 'yyyyMMddHHmmss'
$log = Join-Path $env:TEMP ("Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_{0}.log" -f $stamp)
$n = 2
while (Test-Path -LiteralPath $log) {
    $log = Join-Path $env:TEMP ("Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_{0}_{1}.log" -f $stamp, $n)
    $n++
}

# Windows PowerShell 5.1 joins ArgumentList with spaces without quoting: quote the log path ourselves.
$arguments = @('/quiet', '/norestart')
if ($EnvironmentName) { $arguments += "ENVIRONMENTNAME=$EnvironmentName" }
$arguments += @('/log', ('"{0}"' -f $log))
Write-Information ("Running {0} {1}" -f (Split-Path -Leaf $Path), ($arguments -join ' '))
$started = Get-Date
$process = Start-Process -FilePath $Path -ArgumentList $arguments -Wait -PassThru -NoNewWindow
$exitCode = [int]$process.ExitCode
Write-Information ("The installer exited with code {0} after {1:n0} s." -f $exitCode, ((Get-Date) - $started).TotalSeconds)

$tail = @()
if (Test-Path -LiteralPath $log -PathType Leaf) { $tail = @(Get-Content -LiteralPath $log -Tail $TailLines) }

@{ exitCode = $exitCode; logPath = $log; logExists = (Test-Path -LiteralPath $log -PathType Leaf); logTail = @($tail | ForEach-Object { "$_" }) }
