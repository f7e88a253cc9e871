# The agent's PowerShell module (Microsoft.CloudSync.PowerShell.dll) and the Active Directory / KDS
# commands around it, acting on lab state:
#   lab/tenant.json       the Entra tenant: tenantId, environment, mfaRequired, users {upn: {password, roles}},
#                         tokens {token: {upn, tenantId, audience, expiresAt}} (written by tests, see lab/agent.mjs)
#   lab/ad.json           the forest: domains {fqdn: {netbios, dcs, admins {user: password}}}, kdsRootKeys,
#                         gmsas, and failure switches (gmsaLogonDenied, encryptionTypesMismatch, newtonsoftJsonFailure)
#   lab/agent-state.json  what the agent itself keeps (domains, writeback, permissions granted)
#   lab/module-variant.json  which plausible variant of UNDOCUMENTED behaviour the lab plays:
#                         registration ('sign-in' | 'restart'), domainsCmdlet ('objects' | 'strings' | 'missing' | 'needs-sign-in')
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

function Get-LabModuleVariant([string]$Name, [string]$Default) {
    $value = [string](Get-LabHashValue (Read-LabJson 'lab/module-variant.json' @{}) $Name)
    if ($value) { return $value }
    $Default
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

# The registration service's audience (agent-facts: the token's scope is
# https://proxy.cloudwebappproxy.net/registerapp/user_impersonation; the exact 'aud' form is UNDOCUMENTED).
$script:LabRegistrationAudience = 'https://proxy.cloudwebappproxy.net/registerapp'

function Get-LabAgentTenantId {
    $agentValues = Read-LabRegistryValues (Resolve-LabRegistryKey $script:LabAgentKey).Folder
    $name = Find-LabRegistryValueName $agentValues 'TenantID'
    if ($name) { return $agentValues[$name] }
    $null
}

function Register-LabAgent([string]$TenantId, [string]$Upn) {
    Set-LabRegistryValue $script:LabAgentKey 'TenantID' $TenantId
    Write-LabEvent "agent registered to tenant $TenantId by $Upn"
}

# Plays both UNDOCUMENTED variants of when TenantID appears: at sign-in (default), or only once the
# agent service starts again after the configuration (variant registration = 'restart').
# Variant 'never' is a fault switch: the sign-in succeeds but no TenantID ever appears.
function Complete-LabRegistration([string]$TenantId, [string]$Upn) {
    $variant = Get-LabModuleVariant 'registration' 'sign-in'
    if ($variant -ieq 'never') {
        Write-LabEvent "agent sign-in by $Upn; registration never completes (fault switch)"
        return
    }
    if ($variant -ieq 'restart') {
        $state = Get-LabAgentState
        $state.pendingRegistration = @{ tenantId = $TenantId; upn = $Upn }
        Write-LabJson 'lab/agent-state.json' $state
        Write-LabEvent "agent sign-in by $Upn; registration to tenant $TenantId completes at the next agent start"
        return
    }
    Register-LabAgent $TenantId $Upn
}

# Called by the services part after a service started.
function Invoke-LabServiceStarted($Service) {
    if ($Service.Name -ne 'AADConnectProvisioningAgent') { return }
    $state = Get-LabAgentState
    if (-not $state.ContainsKey('pendingRegistration') -or -not $state.pendingRegistration) { return }
    $pending = $state.pendingRegistration
    $state.Remove('pendingRegistration')
    Write-LabJson 'lab/agent-state.json' $state
    Register-LabAgent ([string]$pending.tenantId) ([string]$pending.upn)
}

# ---- Connect-AADCloudSyncAzureAD ----
# Credential route [doc]: user name + password (no MFA). Token route [one: Azure/missionlz]: -AccessToken
# -TenantId -UserPrincipalName; the token must be for the registration service. No -Environment: the
# facts file documents none (the agent signs in to the cloud it was installed for). Success registers.
function Connect-AADCloudSyncAzureAD {
    [CmdletBinding(DefaultParameterSetName = 'Credential')]
    param(
        [Parameter(ParameterSetName = 'Credential', Mandatory)][pscredential]$Credential,
        [Parameter(ParameterSetName = 'Token', Mandatory)][string]$AccessToken,
        [Parameter(ParameterSetName = 'Token', Mandatory)][string]$TenantId,
        [Parameter(ParameterSetName = 'Token', Mandatory)][string]$UserPrincipalName
    )
    Assert-LabAgentCommand $PSCmdlet 'Connect-AADCloudSyncAzureAD'
    $tenant = Get-LabTenant
    $tenantId = [string](Get-LabHashValue $tenant 'tenantId')
    if ($PSCmdlet.ParameterSetName -eq 'Credential') {
        $user = Resolve-LabTenantUser $PSCmdlet $Credential $null
        $upn = $Credential.UserName
    } else {
        # The service knows the tokens it issued (this table stands in for checking the signature).
        $token = Get-LabHashValue (Get-LabHashValue $tenant 'tokens') $AccessToken
        if (-not $token -or [string]$token.tenantId -ine $TenantId -or [string]$token.upn -ine $UserPrincipalName) {
            Stop-LabCommand $PSCmdlet 'AADSTS50013: The access token is invalid, expired, or was not issued for this tenant and user.' 'SignInFailed'
        }
        $audience = [string](Get-LabHashValue $token 'audience')
        if ($audience.TrimEnd('/') -ine $script:LabRegistrationAudience) {
            Stop-LabCommand $PSCmdlet "Invalid token: audience '$audience' is not accepted by the registration service (401 Unauthorized)." 'SignInFailed'
        }
        $expires = Get-LabHashValue $token 'expiresAt'
        if ($expires -and ([datetime]$expires).ToUniversalTime() -le [datetime]::UtcNow) {
            Stop-LabCommand $PSCmdlet 'The access token is expired (401 Unauthorized).' 'SignInFailed'
        }
        $user = Get-LabHashValue (Get-LabHashValue $tenant 'users') $UserPrincipalName
        $upn = $UserPrincipalName
    }
    if (-not $user -or -not (Test-LabTenantRole $user @('HybridIdentityAdministrator', 'GlobalAdministrator'))) {
        Stop-LabCommand $PSCmdlet "Agent registration failed: '$upn' does not hold the Hybrid Identity Administrator role (or Global Administrator)." 'RegistrationFailed'
    }
    $script:LabAgentSignIn = @{ upn = $upn; tenantId = $tenantId }
    Complete-LabRegistration $tenantId $upn
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

# Add-AADCloudSyncGMSA -Credential creates the gMSA 'provAgentgMSA' in the server's domain [doc]; its
# sAMAccountName is provAgentgMSA$ [doc] or pGMSA_<hex>$ [public: troubleshooting and independent
# scripts show the service running as DOMAIN\pGMSA_<8 hex>$]. ad.json 'createdGmsaAccount' picks
# which one the lab plays. -CustomGMSAName uses a gMSA created beforehand (exact sAMAccountName, with
# its trailing '$'). Both switch the service account.
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
        $name = [string](Get-LabHashValue $ad 'createdGmsaAccount')
        if (-not $name) { $name = 'provAgentgMSA$' }
        if (Test-LabFlag $ad 'encryptionTypesMismatch') { Stop-LabCommand $PSCmdlet "Unable to install service account $name after 6 retries." 'GmsaInstallFailed' }
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
    $tenantId = Get-LabAgentTenantId
    if (-not $tenantId) { Stop-LabCommand $PSCmdlet 'The agent is not registered with a tenant.' 'NotRegistered' }
    # [doc: version history] writeback in US Government fails on 1.1.2102.0, fixed in 1.1.2108.0 (the error text is the lab's).
    $version = Get-LabAgentModuleVersion
    if ($Enable -and ([string](Get-LabHashValue (Get-LabTenant) 'environment')) -ieq 'AzureUSGovernment' -and $version -ge [version]'1.1.2102.0' -and $version -lt [version]'1.1.2108.0') {
        Stop-LabCommand $PSCmdlet "Password writeback could not be configured: the service rejected the request from agent $version in the US Government cloud." 'WritebackFailed'
    }
    $state = Get-LabAgentState
    $state.writeback = @{ enabled = $Enable; by = $Credential.UserName; at = [datetime]::UtcNow.ToString('o') }
    Write-LabJson 'lab/agent-state.json' $state
    Write-LabEvent "password writeback set to $Enable by $($Credential.UserName)"
}

# ---- Get-AADCloudSyncDomains [doc: version history 1.1.972.0 "more info is returned"] ----
# Its output shape is UNDOCUMENTED: module-variant.json 'domainsCmdlet' plays objects with a DomainName
# property (default), plain strings, hashtables with a Domain key, a module without the command
# ('missing'), or a command that needs the module signed in first ('needs-sign-in').
function Get-AADCloudSyncDomains {
    [CmdletBinding()]
    param()
    $variant = Get-LabModuleVariant 'domainsCmdlet' 'objects'
    if ($variant -ieq 'missing') { Assert-LabAgentCommand $PSCmdlet 'Get-AADCloudSyncDomains' '99.0.0.0' }
    Assert-LabAgentCommand $PSCmdlet 'Get-AADCloudSyncDomains'
    if ($variant -ieq 'needs-sign-in') { Assert-LabSignedIn $PSCmdlet }
    foreach ($d in @((Get-LabAgentState).domains | Where-Object { $_ })) {
        if ($variant -ieq 'strings') { [string]$d.name }
        elseif ($variant -ieq 'hashtables') { @{ Domain = [string]$d.name } }
        else { [pscustomobject]@{ DomainName = [string]$d.name; PreferredDomainControllers = @($d.dcs) } }
    }
}

# ---- Set-AADCloudSyncPermissions [doc: how-to-gmsa-cmdlets.md] ----
# -PermissionType <one type> with -EACredential (an enterprise admin: every configured domain), or with
# -TargetDomain <fqdn> -TargetDomainCredential (enterprise admin or that domain's admin; the domain must
# already be configured). Grants the type to the agent's service account; agent-state.json records it.
function Test-LabEnterpriseAdmin([pscredential]$Credential) {
    $ad = Get-LabAd
    $root = [string](Get-LabHashValue $ad 'forestRoot')
    if (-not $root) { $root = 'contoso.com' }
    $rootDomain = Get-LabDomain $root
    if (-not $rootDomain) { return $false }
    $forest = @{ netbios = [string]$rootDomain.netbios; admins = Get-LabHashValue $ad 'enterpriseAdmins' }
    if (-not $forest.admins) { return $false }
    Test-LabDomainAdmin $forest $root $Credential
}

function Set-AADCloudSyncPermissions {
    [CmdletBinding(DefaultParameterSetName = 'AllDomains')]
    param(
        [Parameter(Mandatory)][ValidateSet('BasicRead', 'PasswordHashSync', 'PasswordWriteBack', 'HybridExchangePermissions', 'ExchangeMailPublicFolderPermissions', 'UserGroupCreateDelete', 'All')][string]$PermissionType,
        # The facts file writes -EACredential [-TargetDomain -TargetDomainCredential]; the doc's examples use
        # either form alone. Both are accepted: with -TargetDomain, -EACredential is optional.
        [Parameter(ParameterSetName = 'AllDomains', Mandatory)][Parameter(ParameterSetName = 'TargetDomain')][pscredential]$EACredential,
        [Parameter(ParameterSetName = 'TargetDomain', Mandatory)][string]$TargetDomain,
        [Parameter(ParameterSetName = 'TargetDomain', Mandatory)][pscredential]$TargetDomainCredential
    )
    Assert-LabAgentCommand $PSCmdlet 'Set-AADCloudSyncPermissions' '1.1.359.0'
    $state = Get-LabAgentState
    $configured = @(@($state.domains) | Where-Object { $_ } | ForEach-Object { [string]$_.name })
    if ($PSCmdlet.ParameterSetName -eq 'AllDomains') {
        if (-not (Test-LabEnterpriseAdmin $EACredential)) { Stop-LabCommand $PSCmdlet "Access is denied: '$($EACredential.UserName)' is not an enterprise administrator." 'NotEnterpriseAdmin' 'PermissionDenied' }
        $targets = $configured
        $by = $EACredential.UserName
    } else {
        if (-not ($configured | Where-Object { $_ -ieq $TargetDomain })) { Stop-LabCommand $PSCmdlet "The domain '$TargetDomain' is not configured for this agent." 'DomainNotConfigured' 'ObjectNotFound' }
        $domain = Get-LabDomain $TargetDomain
        if ($EACredential -and -not (Test-LabEnterpriseAdmin $EACredential)) { Stop-LabCommand $PSCmdlet "Access is denied: '$($EACredential.UserName)' is not an enterprise administrator." 'NotEnterpriseAdmin' 'PermissionDenied' }
        if (-not $domain -or -not ((Test-LabDomainAdmin $domain $TargetDomain $TargetDomainCredential) -or (Test-LabEnterpriseAdmin $TargetDomainCredential))) {
            Stop-LabCommand $PSCmdlet "Access is denied: '$($TargetDomainCredential.UserName)' is not an administrator of '$TargetDomain'." 'NotDomainAdmin' 'PermissionDenied'
        }
        $targets = @($TargetDomain.ToLowerInvariant())
        $by = $TargetDomainCredential.UserName
    }
    $account = (Get-LabService 'AADConnectProvisioningAgent').StartName
    $grants = @(@($state['permissions']) | Where-Object { $_ })
    foreach ($t in $targets) {
        $grants = @($grants | Where-Object { -not ($_.account -ieq $account -and $_.domain -ieq $t -and $_.type -ieq $PermissionType) })
        $grants += @{ account = $account; domain = $t; type = $PermissionType; by = $by }
        Write-LabEvent "permission $PermissionType granted to $account on $t by $by"
    }
    $state.permissions = $grants
    Write-LabJson 'lab/agent-state.json' $state
}
