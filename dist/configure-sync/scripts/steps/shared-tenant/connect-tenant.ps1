# Signs in to the tenant with the agent's module; success registers the agent (TenantId in the registry).
# Route 'credential': a Hybrid Identity Administrator's user name + password (cannot pass MFA).
# Route 'token': -AccessToken -TenantId -UserPrincipalName (UNDOCUMENTED; used by Microsoft's Mission
# Landing Zone scripts; works with MFA). The token's parameter type is not documented either, so it is
# read from the command: a SecureString parameter gets the SecureString, a string one gets plain text
# that lives only in this process's memory for the call.
param([string]$InstallDir, [string]$Route, [string]$UserName, [securestring]$Password, [securestring]$AccessToken,
    [string]$TenantId, [string]$UserPrincipalName, [string]$Environment = 'AzureCloud')
. (Join-Path $PSScriptRoot 'agent-module.ps1')
Import-AgentModule $InstallDir

$command = Get-Command -Name 'Connect-AADCloudSyncAzureAD' -ErrorAction SilentlyContinue
if (-not $command) { Fail 'AgentModuleIncomplete' "The agent's module has no Connect-AADCloudSyncAzureAD command; reinstall or upgrade the agent." }

$connect = @{}
if ($Route -eq 'token') {
    if (-not $command.Parameters.ContainsKey('AccessToken')) {
        Fail 'TokenSignInUnsupported' "This agent's Connect-AADCloudSyncAzureAD has no -AccessToken parameter; upgrade the agent or sign in with 'tenant-username'/'tenant-password'."
    }
    if ($command.Parameters['AccessToken'].ParameterType -eq [securestring]) {
        $connect.AccessToken = $AccessToken
    } else {
        $connect.AccessToken = (New-Object System.Net.NetworkCredential('', $AccessToken)).Password
    }
    $connect.TenantId = $TenantId
    $connect.UserPrincipalName = $UserPrincipalName
} else {
    $connect.Credential = New-AgentCredential $UserName $Password
}
# The cloud is chosen when the agent is installed (ENVIRONMENTNAME); pass it on only if the command takes it.
if ($command.Parameters.ContainsKey('Environment')) {
    $connect.Environment = $Environment
} elseif ($Environment -ne 'AzureCloud') {
    Write-Verbose "Connect-AADCloudSyncAzureAD takes no -Environment; the agent signs in to the cloud it was installed for."
}

try {
    Connect-AADCloudSyncAzureAD @connect -ErrorAction Stop | Out-Null
} catch {
    Fail 'SignInFailed' $_.Exception.Message
} finally {
    $connect.Clear()
}
@{ tenantId = (Get-AgentTenantId) }
