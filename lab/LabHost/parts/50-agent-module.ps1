# The agent's PowerShell module (Microsoft.CloudSync.PowerShell.dll) and the Active Directory / KDS
# commands around it, acting on lab state:
#   lab/tenant.json       the Entra tenant: tenantId, environment, mfaRequired, users {upn: {password, roles}},
#                         tokens {token: {upn, tenantId}} (written by tests, see lab/agent.mjs)
#   lab/ad.json           the forest: domains {fqdn: {netbios, dcs, admins {user: password}}}, kdsRootKeys,
#                         gmsas, and failure switches (gmsaLogonDenied, encryptionTypesMismatch, newtonsoftJsonFailure)
#   lab/agent-state.json  what the agent itself keeps (domains, writeback); no cmdlet reads it back
# Sign-in lives in memory for the life of the PowerShell process, as the real module keeps its token.
# Guesses about the real module are listed in lab/README.md ("Agent module, tenant and AD").

$script:LabAgentModuleDir = $null
$script:LabAgentSignIn = $null

function Get-LabTenant { Read-LabJson 'lab/tenant.json' @{} }
function Get-LabAd { Read-LabJson 'lab/ad.json' @{} }
function Get-LabAgentState {
    $state = Read-LabJson 'lab/agent-state.json' @{}
    if (-not $state.ContainsKey('domains')) { $state.domains = @() }
    $state
}

function Get-LabHashValue($Table, [string]$Key) {
    if ($null -eq $Table) { return $null }
    foreach ($k in @($Table.Keys)) { if ($k -ieq $Key) { return $Table[$k] } }
    $null
}

function Test-LabFlag($Table, [string]$Key) { [bool](Get-LabHashValue $Table $Key) }

# ---- Import-Module: the agent's DLL is a lab stub; everything else goes to the real cmdlet ----

function Import-Module {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipeline)][object[]]$Name, [switch]$Global, [switch]$Force, [switch]$PassThru,
        [switch]$DisableNameChecking, [string]$Scope, [string]$Prefix, [version]$MinimumVersion, [object[]]$ArgumentList)
    process {
        $others = @()
        foreach ($n in $Name) {
            $text = "$n"
            if ((Split-Path -Leaf $text) -ine 'Microsoft.CloudSync.PowerShell.dll') { $others += $n; continue }
            if (-not (Get-LabBinaryHeader $text)) {
                if ([System.IO.File]::Exists($text)) { $others += $n; continue }
                $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.IO.FileNotFoundException("The specified module '$text' was not loaded because no valid module file was found in any module directory.")), 'Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand', 'ResourceUnavailable', $text)
                $PSCmdlet.ThrowTerminatingError($record)
            }
            $script:LabAgentModuleDir = Split-Path -Parent ([System.IO.Path]::GetFullPath($text))
            Write-LabEvent "module Microsoft.CloudSync.PowerShell imported from $($script:LabAgentModuleDir)"
        }
        if ($others.Count -gt 0) {
            $params = @{} + $PSBoundParameters
            $params.Name = $others
            Microsoft.PowerShell.Core\Import-Module @params
        }
    }
}

function Get-LabAgentModuleVersion {
    $exe = Join-Path $script:LabAgentModuleDir 'AADConnectProvisioningAgent.exe'
    $header = Get-LabBinaryHeader $exe
    if (-not $header) { return [version]'0.0.0.0' }
    [version]([string]$header.FileVersion)
}

# Before the DLL is imported (or in an agent too old to have the command) the command does not exist.
function Assert-LabAgentCommand($Cmdlet, [string]$Command, [string]$MinimumVersion = '0.0.0.0') {
    if ($script:LabAgentModuleDir -and (Get-LabAgentModuleVersion) -ge [version]$MinimumVersion) { return }
    $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.Management.Automation.CommandNotFoundException("The term '$Command' is not recognized as the name of a cmdlet, function, script file, or operable program.")), 'CommandNotFoundException', 'ObjectNotFound', $Command)
    $Cmdlet.ThrowTerminatingError($record)
}

function Stop-LabCommand($Cmdlet, [string]$Message, [string]$Id = 'LabAgentError', [string]$Category = 'InvalidOperation') {
    $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.InvalidOperationException($Message)), $Id, $Category, $null)
    $Cmdlet.ThrowTerminatingError($record)
}

function Assert-LabSignedIn($Cmdlet) {
    if (-not $script:LabAgentSignIn) {
        Stop-LabCommand $Cmdlet 'Not connected to Microsoft Entra ID: run Connect-AADCloudSyncAzureAD first.' 'NotConnected'
    }
}

function Test-LabTenantRole($User, [string[]]$Roles) {
    foreach ($r in @($User.roles)) { if ($Roles -contains $r) { return $true } }
    $false
}

# Checks a user name + password against the lab tenant the way the sign-in service answers.
function Resolve-LabTenantUser($Cmdlet, [pscredential]$Credential, [string]$Environment) {
    $tenant = Get-LabTenant
    $cloud = [string](Get-LabHashValue $tenant 'environment')
    if (-not $cloud) { $cloud = 'AzureCloud' }
    if ($Environment -and $Environment -ine $cloud) {
        Stop-LabCommand $Cmdlet "AADSTS90002: Tenant for '$($Credential.UserName)' not found in the $Environment cloud." 'SignInFailed'
    }
    $user = Get-LabHashValue (Get-LabHashValue $tenant 'users') $Credential.UserName
    if (-not $user -or [string]$user.password -cne $Credential.GetNetworkCredential().Password) {
        Stop-LabCommand $Cmdlet "AADSTS50126: Error validating credentials due to invalid username or password." 'SignInFailed'
    }
    if ((Test-LabFlag $tenant 'mfaRequired') -or (Test-LabFlag $user 'mfaRequired')) {
        Stop-LabCommand $Cmdlet "AADSTS50076: The administrator requires multi-factor authentication for '$($Credential.UserName)'; interactive sign-in needed." 'SignInFailed'
    }
    $user
}

function Register-LabAgent([string]$TenantId, [string]$Upn) {
    Set-LabRegistryValue $script:LabAgentKey 'TenantID' $TenantId
    Write-LabEvent "agent registered to tenant $TenantId by $Upn"
}

# ---- Connect-AADCloudSyncAzureAD ----
# Credential route: user name + password (no MFA). Token route (UNDOCUMENTED): -AccessToken -TenantId
# -UserPrincipalName. -Environment is a lab guess (see README). Success registers the agent.
function Connect-AADCloudSyncAzureAD {
    [CmdletBinding(DefaultParameterSetName = 'Credential')]
    param(
        [Parameter(ParameterSetName = 'Credential', Mandatory)][pscredential]$Credential,
        [Parameter(ParameterSetName = 'Token', Mandatory)][string]$AccessToken,
        [Parameter(ParameterSetName = 'Token', Mandatory)][string]$TenantId,
        [Parameter(ParameterSetName = 'Token', Mandatory)][string]$UserPrincipalName,
        [ValidateSet('AzureCloud', 'AzureUSGovernment')][string]$Environment
    )
    Assert-LabAgentCommand $PSCmdlet 'Connect-AADCloudSyncAzureAD'
    $tenant = Get-LabTenant
    $tenantId = [string](Get-LabHashValue $tenant 'tenantId')
    if ($PSCmdlet.ParameterSetName -eq 'Credential') {
        $user = Resolve-LabTenantUser $PSCmdlet $Credential $Environment
        $upn = $Credential.UserName
    } else {
        $cloud = [string](Get-LabHashValue $tenant 'environment')
        if (-not $cloud) { $cloud = 'AzureCloud' }
        if ($Environment -and $Environment -ine $cloud) { Stop-LabCommand $PSCmdlet "AADSTS90002: Tenant '$TenantId' not found in the $Environment cloud." 'SignInFailed' }
        $token = Get-LabHashValue (Get-LabHashValue $tenant 'tokens') $AccessToken
        if (-not $token -or [string]$token.tenantId -ine $TenantId -or [string]$token.upn -ine $UserPrincipalName) {
            Stop-LabCommand $PSCmdlet 'AADSTS50013: The access token is invalid, expired, or was not issued for this tenant and user.' 'SignInFailed'
        }
        $user = Get-LabHashValue (Get-LabHashValue $tenant 'users') $UserPrincipalName
        $upn = $UserPrincipalName
    }
    if (-not $user -or -not (Test-LabTenantRole $user @('HybridIdentityAdministrator', 'GlobalAdministrator'))) {
        Stop-LabCommand $PSCmdlet "Agent registration failed: '$upn' does not hold the Hybrid Identity Administrator role (or Global Administrator)." 'RegistrationFailed'
    }
    $script:LabAgentSignIn = @{ upn = $upn; tenantId = $tenantId }
    Register-LabAgent $tenantId $upn
}

# ---- Active Directory: credentials, KDS root keys, gMSA ----

function Get-LabDomain([string]$Fqdn) { Get-LabHashValue (Get-LabHashValue (Get-LabAd) 'domains') $Fqdn }

function Test-LabDomainAdmin($Domain, [string]$Fqdn, [pscredential]$Credential) {
    $name = $Credential.UserName
    $short = $name
    if ($name -match '^([^\\]+)\\(.+)$') {
        if ($Matches[1] -ine [string]$Domain.netbios -and $Matches[1] -ine $Fqdn) { return $false }
        $short = $Matches[2]
    } elseif ($name -match '^(.+)@(.+)$') {
        if ($Matches[2] -ine $Fqdn) { return $false }
        $short = $Matches[1]
    }
    $password = Get-LabHashValue $Domain.admins $short
    ($null -ne $password) -and ([string]$password -ceq $Credential.GetNetworkCredential().Password)
}

function Get-KdsRootKey {
    [CmdletBinding()]
    param()
    foreach ($key in @((Get-LabAd).kdsRootKeys | Where-Object { $_ })) {
        [pscustomobject]@{ KeyId = [guid]$key.keyId; EffectiveTime = [datetime]$key.effectiveTime; CreationTime = [datetime]$key.creationTime; IsFormatValid = $true }
    }
}

function Add-KdsRootKey {
    [CmdletBinding(DefaultParameterSetName = 'EffectiveTime')]
    param([Parameter(ParameterSetName = 'EffectiveTime', Position = 0)][datetime]$EffectiveTime = [datetime]::Now.AddHours(10),
        [Parameter(ParameterSetName = 'EffectiveImmediately')][switch]$EffectiveImmediately, [switch]$LocalTestOnly)
    $ad = Get-LabAd
    if (Test-LabFlag $ad 'kdsAccessDenied') { Stop-LabCommand $PSCmdlet 'Access is denied.' 'KdsAccessDenied' 'PermissionDenied' }
    if ($EffectiveImmediately) { $EffectiveTime = [datetime]::Now }
    $id = [guid]::NewGuid()
    $keys = @($ad.kdsRootKeys | Where-Object { $_ })
    $keys += @{ keyId = "$id"; effectiveTime = $EffectiveTime.ToUniversalTime().ToString('o'); creationTime = [datetime]::UtcNow.ToString('o') }
    $ad.kdsRootKeys = $keys
    Write-LabJson 'lab/ad.json' $ad
    Write-LabEvent "KDS root key $id added (effective $($EffectiveTime.ToUniversalTime().ToString('o')))"
    $id
}

function Set-LabAgentServiceAccount([string]$Account) {
    $service = Get-LabService 'AADConnectProvisioningAgent'
    $service.StartName = $Account
    if (Test-LabFlag (Get-LabAd) 'gmsaLogonDenied') {
        $service.StartFailure = 'The service did not start due to a logon failure.'
    } elseif ($service.ContainsKey('StartFailure')) {
        $service.Remove('StartFailure')
    }
    Save-LabService $service
    Write-LabEvent "service AADConnectProvisioningAgent account set to $Account"
}

# Add-AADCloudSyncGMSA -Credential creates provAgentgMSA$ in the server's domain; -CustomGMSAName uses
# a gMSA created beforehand (exact sAMAccountName, with its trailing '$'). Both switch the service account.
function Add-AADCloudSyncGMSA {
    [CmdletBinding(DefaultParameterSetName = 'Create')]
    param([Parameter(ParameterSetName = 'Create', Mandatory)][pscredential]$Credential,
        [Parameter(ParameterSetName = 'Custom', Mandatory)][string]$CustomGMSAName)
    Assert-LabAgentCommand $PSCmdlet 'Add-AADCloudSyncGMSA' '1.1.281.0'
    if ($PSCmdlet.ParameterSetName -eq 'Custom' -and (Get-LabAgentModuleVersion) -lt [version]'1.1.354.0') {
        Stop-LabCommand $PSCmdlet "A parameter cannot be found that matches parameter name 'CustomGMSAName'." 'NamedParameterNotFound' 'InvalidArgument'
    }
    Assert-LabSignedIn $PSCmdlet
    $ad = Get-LabAd
    $fqdn = (Get-LabServer).domain
    $domain = Get-LabDomain $fqdn
    if (-not $domain) { Stop-LabCommand $PSCmdlet "The server's domain '$fqdn' could not be contacted." 'DomainUnreachable' }
    $gmsas = @($ad.gmsas | Where-Object { $_ })
    if ($PSCmdlet.ParameterSetName -eq 'Create') {
        if (-not (Test-LabDomainAdmin $domain $fqdn $Credential)) { Stop-LabCommand $PSCmdlet 'The user name or password is incorrect.' 'InvalidDomainCredential' 'AuthenticationError' }
        $now = [datetime]::UtcNow
        $effective = @($ad.kdsRootKeys | Where-Object { $_ -and ([datetime]$_.effectiveTime).ToUniversalTime() -le $now })
        if ($effective.Count -eq 0) { Stop-LabCommand $PSCmdlet 'Key does not exist.' 'KdsRootKeyMissing' }
        if (Test-LabFlag $ad 'encryptionTypesMismatch') { Stop-LabCommand $PSCmdlet 'Unable to install service account provAgentgMSA$ after 6 retries.' 'GmsaInstallFailed' }
        $name = 'provAgentgMSA$'
        if (-not ($gmsas | Where-Object { $_ -ieq $name })) {
            $ad.gmsas = $gmsas + $name
            Write-LabJson 'lab/ad.json' $ad
            Write-LabEvent "gMSA $name created in $fqdn"
        }
    } else {
        $name = $gmsas | Where-Object { $_ -ieq $CustomGMSAName } | Select-Object -First 1
        if (-not $name) { Stop-LabCommand $PSCmdlet "Cannot find the group managed service account '$CustomGMSAName' in Active Directory." 'GmsaNotFound' 'ObjectNotFound' }
        if (Test-LabFlag $ad 'encryptionTypesMismatch') { Stop-LabCommand $PSCmdlet "Unable to install service account $name after 6 retries." 'GmsaInstallFailed' }
    }
    Set-LabAgentServiceAccount "$($domain.netbios)\$name"
}

# Add-AADCloudSyncADDomain: the agent keeps the domain (and grants the service account access to it).
function Add-AADCloudSyncADDomain {
    [CmdletBinding()]
    param([Parameter(Mandatory)][string]$DomainName, [Parameter(Mandatory)][pscredential]$Credential, [string[]]$PreferredDomainControllers)
    Assert-LabAgentCommand $PSCmdlet 'Add-AADCloudSyncADDomain'
    Assert-LabSignedIn $PSCmdlet
    if (Test-LabFlag (Get-LabAd) 'newtonsoftJsonFailure') {
        $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.IO.FileNotFoundException("Could not load file or assembly 'Newtonsoft.Json, Version=12.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed' or one of its dependencies. The system cannot find the file specified.")), 'System.IO.FileNotFoundException', 'NotSpecified', $null)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $domain = Get-LabDomain $DomainName
    if (-not $domain) { Stop-LabCommand $PSCmdlet "The specified domain '$DomainName' either does not exist or could not be contacted." 'DomainUnreachable' }
    if (-not (Test-LabDomainAdmin $domain $DomainName $Credential)) { Stop-LabCommand $PSCmdlet 'The user name or password is incorrect.' 'InvalidDomainCredential' 'AuthenticationError' }
    foreach ($dc in @($PreferredDomainControllers | Where-Object { $_ })) {
        if (-not (@($domain.dcs) | Where-Object { $_ -ieq $dc })) { Stop-LabCommand $PSCmdlet "The domain controller '$dc' of '$DomainName' could not be contacted." 'DomainControllerUnreachable' }
    }
    $state = Get-LabAgentState
    $account = (Get-LabService 'AADConnectProvisioningAgent').StartName
    $entry = @{ name = $DomainName; dcs = @($PreferredDomainControllers | Where-Object { $_ }); account = $account }
    $state.domains = @(@($state.domains) | Where-Object { $_ -and $_.name -ine $DomainName }) + $entry
    Write-LabJson 'lab/agent-state.json' $state
    Write-LabEvent "domain $DomainName added (dcs: $($entry.dcs -join ','); account $account)"
}

# ---- Password writeback: the cmdlet takes its own credential (Global Administrator) ----
function Set-AADCloudSyncPasswordWritebackConfiguration {
    [CmdletBinding()]
    param([Parameter(Mandatory)][bool]$Enable, [Parameter(Mandatory)][pscredential]$Credential)
    Assert-LabAgentCommand $PSCmdlet 'Set-AADCloudSyncPasswordWritebackConfiguration' '1.1.587.0'
    $user = Resolve-LabTenantUser $PSCmdlet $Credential $null
    $roles = @('GlobalAdministrator')
    if (-not $Enable) { $roles += 'HybridIdentityAdministrator' }
    if (-not (Test-LabTenantRole $user $roles)) {
        Stop-LabCommand $PSCmdlet "Insufficient privileges: '$($Credential.UserName)' cannot change password writeback (role required: $($roles -join ' or '))." 'Forbidden' 'PermissionDenied'
    }
    $agentValues = Read-LabRegistryValues (Resolve-LabRegistryKey $script:LabAgentKey).Folder
    $tenantId = $null
    if (Find-LabRegistryValueName $agentValues 'TenantID') { $tenantId = $agentValues[(Find-LabRegistryValueName $agentValues 'TenantID')] }
    if (-not $tenantId) { Stop-LabCommand $PSCmdlet 'The agent is not registered with a tenant.' 'NotRegistered' }
    $state = Get-LabAgentState
    $state.writeback = @{ enabled = $Enable; by = $Credential.UserName; at = [datetime]::UtcNow.ToString('o') }
    Write-LabJson 'lab/agent-state.json' $state
    Write-LabEvent "password writeback set to $Enable by $($Credential.UserName)"
}
