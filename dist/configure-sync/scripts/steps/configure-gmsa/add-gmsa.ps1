# Makes the agent run as a gMSA: creates provAgentgMSA$ (Mode create, domain admin credential; a KDS
# root key first when the plan says so) or uses a pre-created one (Mode custom). Needs a signed-in module.
param([string]$InstallDir, [string]$Mode, [string]$Name, [string]$UserName, [securestring]$Password, [bool]$CreateKdsRootKey)
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'shared-tenant') 'agent-module.ps1')
Import-AgentModule $InstallDir

$kdsKey = $null
if ($CreateKdsRootKey) {
    if (-not (Get-Command -Name 'Add-KdsRootKey' -ErrorAction SilentlyContinue)) {
        Fail 'KdsRootKeyCreateFailed' 'Add-KdsRootKey is not available on this server; create the KDS root key on a domain controller.'
    }
    # Backdated so it can be used at once; in a forest with several domain controllers, replication
    # still has to reach the one the agent talks to.
    try { $kdsKey = Add-KdsRootKey -EffectiveTime ((Get-Date).AddHours(-10)) -ErrorAction Stop }
    catch { Fail 'KdsRootKeyCreateFailed' "Creating the KDS root key failed (it needs an Enterprise/Domain Admin on a domain controller): $($_.Exception.Message)" }
    Write-Information "Created KDS root key $kdsKey."
}

try {
    if ($Mode -eq 'create') {
        Add-AADCloudSyncGMSA -Credential (New-AgentCredential $UserName $Password) -ErrorAction Stop | Out-Null
    } else {
        Add-AADCloudSyncGMSA -CustomGMSAName $Name -ErrorAction Stop | Out-Null
    }
} catch {
    Fail 'GmsaFailed' $_.Exception.Message
}
@{ account = (Get-AgentServiceAccount); kdsRootKey = "$kdsKey" }
