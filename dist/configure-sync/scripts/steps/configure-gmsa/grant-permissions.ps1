# Grants the agent's custom gMSA its AD permissions with Set-AADCloudSyncPermissions [doc:
# how-to-gmsa-cmdlets.md], one call per permission type: with -EACredential (an enterprise admin; every
# domain the agent has) when TargetDomain is empty, else with -TargetDomain and that domain's admin as
# -TargetDomainCredential. Then stores this action's record of the grants (JSON, from the caller).
param([string]$InstallDir, [string[]]$PermissionTypes, [string]$TargetDomain, [string]$UserName, [securestring]$Password,
    [string]$RecordKey, [string]$RecordValue, [string]$Record)
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'shared-tenant') 'agent-module.ps1')
Import-AgentModule $InstallDir

if (-not (Get-Command -Name 'Set-AADCloudSyncPermissions' -ErrorAction SilentlyContinue)) {
    Fail 'AgentModuleIncomplete' "The agent's module has no Set-AADCloudSyncPermissions; upgrade the agent."
}
$credential = New-AgentCredential $UserName $Password
foreach ($type in $PermissionTypes) {
    $grant = @{ PermissionType = $type }
    if ($TargetDomain) {
        $grant.TargetDomain = $TargetDomain
        $grant.TargetDomainCredential = $credential
    } else {
        $grant.EACredential = $credential
    }
    try {
        Set-AADCloudSyncPermissions @grant -ErrorAction Stop | Out-Null
    } catch {
        Fail 'PermissionsFailed' "$type`: $($_.Exception.Message)"
    } finally {
        $grant.Clear()
    }
}

if (-not (Test-Path -LiteralPath $RecordKey)) { New-Item -Path $RecordKey -Force | Out-Null }
Set-ItemProperty -LiteralPath $RecordKey -Name $RecordValue -Value $Record
@{ granted = $PermissionTypes }
