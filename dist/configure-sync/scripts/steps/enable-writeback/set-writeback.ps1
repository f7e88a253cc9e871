# Turns password writeback on or off for this agent's tenant. The cmdlet signs in with the credential
# it is given (a Global Administrator; disabling also accepts a Hybrid Identity Administrator). No
# command to read the setting back is known (UNDOCUMENTED), and re-applying it is harmless.
param([string]$InstallDir, [bool]$Enable, [string]$UserName, [securestring]$Password, [string]$RecordKey, [string]$RecordValue, [string]$Record)
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'shared-tenant') 'agent-module.ps1')
Import-AgentModule $InstallDir

if (-not (Get-Command -Name 'Set-AADCloudSyncPasswordWritebackConfiguration' -ErrorAction SilentlyContinue)) {
    Fail 'WritebackCmdletMissing' "The agent's module has no Set-AADCloudSyncPasswordWritebackConfiguration; upgrade the agent to 1.1.977.0 or later."
}
try {
    Set-AADCloudSyncPasswordWritebackConfiguration -Enable $Enable -Credential (New-AgentCredential $UserName $Password) -ErrorAction Stop | Out-Null
} catch {
    Fail 'WritebackFailed' $_.Exception.Message
}
# What was applied, so the next run with the same request can leave it alone.
if ($RecordKey) {
    if (-not (Test-Path -LiteralPath $RecordKey)) { New-Item -Path $RecordKey -Force | Out-Null }
    Set-ItemProperty -LiteralPath $RecordKey -Name $RecordValue -Value $Record
}
@{ applied = $true }
