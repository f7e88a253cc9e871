# Restarts the agent service after a configuration change and waits (bounded) until it is Running.
param([int]$TimeoutSeconds = 120)
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'shared-tenant') 'agent-module.ps1')
$name = 'AADConnectProvisioningAgent'

$startError = $null
try { Restart-Service -Name $name -Force -ErrorAction Stop -WarningAction SilentlyContinue }
catch { $startError = $_.Exception.Message }

$deadline = (Get-Date).AddSeconds($TimeoutSeconds)
$status = ''
while ($true) {
    $service = Get-Service -Name $name -ErrorAction SilentlyContinue
    if ($service) { $status = "$($service.Status)" } else { $status = 'missing' }
    if ($status -eq 'Running') { break }
    if ($startError -and $status -eq 'Stopped') { break }
    if ((Get-Date) -ge $deadline) { break }
    Start-Sleep -Milliseconds 500
}
if ($status -ne 'Running') {
    $account = Get-AgentServiceAccount
    $why = ''
    if ($startError) { $why = " ($startError)" }
    $waited = ''
    if (-not $startError) { $waited = " after waiting $TimeoutSeconds s" }
    Fail 'AgentDidNotStart' ("The agent service is {0}{1} after the restart, running as {2}{3}. Known causes: the gMSA lacks the 'Log on as a service' right on this server (check group policy), or the gMSA's encryption types do not match the domain's (msDS-SupportedEncryptionTypes)." -f $status, $waited, $account, $why)
}
@{ status = $status; account = (Get-AgentServiceAccount) }
