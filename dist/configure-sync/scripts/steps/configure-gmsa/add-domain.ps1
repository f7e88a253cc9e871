# Gives the agent one AD domain (optionally with preferred domain controllers), then stores this
# action's record of configured domains (JSON, prepared by the caller) once the agent accepted it.
param([string]$InstallDir, [string]$DomainName, [string[]]$PreferredDomainControllers = @(), [string]$UserName,
    [securestring]$Password, [string]$RecordKey, [string]$RecordValue, [string]$Record)
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'shared-tenant') 'agent-module.ps1')
Import-AgentModule $InstallDir

$add = @{ DomainName = $DomainName; Credential = (New-AgentCredential $UserName $Password) }
$dcs = @($PreferredDomainControllers | Where-Object { $_ })
if ($dcs.Count -gt 0) { $add.PreferredDomainControllers = [string[]]$dcs }
try {
    Add-AADCloudSyncADDomain @add -ErrorAction Stop | Out-Null
} catch {
    Fail 'DomainAddFailed' $_.Exception.Message
} finally {
    $add.Clear()
}

if (-not (Test-Path -LiteralPath $RecordKey)) { New-Item -Path $RecordKey -Force | Out-Null }
Set-ItemProperty -LiteralPath $RecordKey -Name $RecordValue -Value $Record
@{ added = $DomainName }
