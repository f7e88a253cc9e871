# Checks every prerequisite of the agent installer and returns them all (passed or not, with a fix),
# so the workflow sees one complete list instead of one failure per run. Reads only.
param()
$ErrorActionPreference = 'Stop'

$checks = New-Object System.Collections.ArrayList

function Add-Check([string]$Id, [string]$Name, [bool]$Passed, [string]$Detail, [string]$Fix) {
    [void]$checks.Add(@{ id = $Id; name = $Name; passed = $Passed; detail = $Detail; fix = $Fix })
}

function Get-RegistryValue([string]$Key, [string]$Name) {
    $item = Get-ItemProperty -LiteralPath $Key -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item.$Name
}

function Show([object]$Value) {
    if ($null -eq $Value) { return 'not set' }
    "$Value"
}

# Windows Server, not a client edition (ProductType 1 = workstation, 2 = domain controller, 3 = server).
$os = Get-CimInstance -ClassName Win32_OperatingSystem
$productType = [int]$os.ProductType
Add-Check 'windows-server' 'Windows Server' ($productType -ne 1) ("{0} (ProductType {1})" -f $os.Caption, $productType) `
    'install the agent on Windows Server 2016 or later; client editions of Windows are not supported'

# Windows Server 2016 (10.0.14393) or later [doc: how-to-prerequisites.md].
$osVersion = $null
try { $osVersion = [version]"$($os.Version)" } catch { $osVersion = $null }
$osOk = ($null -ne $osVersion) -and ($osVersion -ge [version]'10.0.14393')
Add-Check 'windows-version' 'Windows Server 2016 or later' $osOk ("{0} (version {1})" -f $os.Caption, (Show $os.Version)) `
    'install the agent on Windows Server 2016 or later'

# Domain-joined and at least 4 GB of memory [doc: how-to-prerequisites.md].
$system = Get-CimInstance -ClassName Win32_ComputerSystem
$joined = [bool]$system.PartOfDomain
$domainDetail = 'not joined to a domain (workgroup)'
if ($joined) { $domainDetail = "member of $($system.Domain)" }
Add-Check 'domain-joined' 'Domain-joined' $joined $domainDetail `
    'join the server to the Active Directory domain the agent will synchronise'
# TotalPhysicalMemory is what Windows can use: a 4 GB machine reports a little less (firmware and
# reserved memory), so up to 256 MB below 4 GB still counts as 4 GB.
$memory = [double]$system.TotalPhysicalMemory
$memoryOk = $memory -ge (4GB - 256MB)
Add-Check 'memory' 'At least 4 GB RAM' $memoryOk ("{0:n1} GB" -f ($memory / 1GB)) `
    'give the server at least 4 GB of memory'

# Server Core is not supported: the installer needs the Desktop Experience.
$installationType = Get-RegistryValue 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion' 'InstallationType'
Add-Check 'not-server-core' 'Not Server Core' ("$installationType" -ne 'Server Core') ("InstallationType {0}" -f (Show $installationType)) `
    'use a Windows Server installation with the Desktop Experience; Server Core is not supported'

# .NET Framework 4.7.1 or later (Release 461308 is 4.7.1).
$release = Get-RegistryValue 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' 'Release'
$netVersion = Get-RegistryValue 'HKLM:\SOFTWARE\Microsoft\NET Framework Setup\NDP\v4\Full' 'Version'
$netOk = ($null -ne $release) -and ([int64]$release -ge 461308)
Add-Check 'dotnet-framework' '.NET Framework 4.7.1+' $netOk ("Release {0}, Version {1}" -f (Show $release), (Show $netVersion)) `
    'install .NET Framework 4.7.1 or later (4.8 recommended)'

# TLS 1.2 enabled for SCHANNEL, Client and Server keys both [doc: how-to-prerequisites.md].
foreach ($tlsKey in 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client',
    'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Server') {
    $side = ($tlsKey -split '\\')[-1]
    $tlsEnabled = Get-RegistryValue $tlsKey 'Enabled'
    $tlsDisabledByDefault = Get-RegistryValue $tlsKey 'DisabledByDefault'
    $tlsOk = ("$tlsEnabled" -eq '1') -and ("$tlsDisabledByDefault" -eq '0')
    $tlsId = 'tls12-schannel'
    if ($side -eq 'Server') { $tlsId = 'tls12-schannel-server' }
    Add-Check $tlsId ("TLS 1.2 (SCHANNEL {0})" -f $side.ToLowerInvariant()) $tlsOk ("Enabled {0}, DisabledByDefault {1}" -f (Show $tlsEnabled), (Show $tlsDisabledByDefault)) `
        ("set DWORD Enabled=1 and DisabledByDefault=0 under HKLM\{0}, then reboot" -f ($tlsKey -replace '^HKLM:\\', ''))
}

# .NET Framework applications use strong cryptography (TLS 1.2).
$cryptoKey = 'HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319'
$strongCrypto = Get-RegistryValue $cryptoKey 'SchUseStrongCrypto'
Add-Check 'tls12-strong-crypto' 'TLS 1.2 (.NET SchUseStrongCrypto)' ("$strongCrypto" -eq '1') ("SchUseStrongCrypto {0}" -f (Show $strongCrypto)) `
    ("set DWORD SchUseStrongCrypto=1 under HKLM\{0}, then reboot" -f ($cryptoKey -replace '^HKLM:\\', ''))

# Credential Manager (VaultSvc) must not be disabled.
$vault = Get-Service -Name 'VaultSvc' -ErrorAction SilentlyContinue
$vaultDetail = 'service not found'
$vaultOk = $false
if ($vault) {
    $vaultDetail = "StartType $($vault.StartType), Status $($vault.Status)"
    $vaultOk = ("$($vault.StartType)" -ne 'Disabled')
}
Add-Check 'credential-manager' 'Credential Manager (VaultSvc)' $vaultOk $vaultDetail `
    'set the Credential Manager service (VaultSvc) start type to Manual: Set-Service VaultSvc -StartupType Manual'

# Execution policy: Undefined or RemoteSigned at machine and user scope [doc: how-to-prerequisites.md,
# troubleshooting]; Unrestricted breaks registration. The agent's module is a Windows PowerShell 5.1
# module, so the policy that counts is Windows PowerShell's, read per scope from where it keeps it.
# Not Get-ExecutionPolicy: this session runs with the action's own -ExecutionPolicy (Process scope),
# and PowerShell 7 keeps its LocalMachine/CurrentUser policy elsewhere (powershell.config.json).
# The user scopes are those of the account the action (and so the registration) runs as.
$scopes = @(
    @{ scope = 'MachinePolicy'; key = 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\PowerShell'; fix = 'change the Group Policy "Turn on Script Execution" (computer) to allow local scripts and remote signed scripts, or not configured' },
    @{ scope = 'UserPolicy'; key = 'HKCU:\SOFTWARE\Policies\Microsoft\Windows\PowerShell'; fix = 'change the Group Policy "Turn on Script Execution" (user) for the runner account, or not configured' },
    @{ scope = 'CurrentUser'; key = 'HKCU:\SOFTWARE\Microsoft\PowerShell\1\ShellIds\Microsoft.PowerShell'; fix = 'as the runner account: Set-ExecutionPolicy RemoteSigned -Scope CurrentUser (or Undefined)' },
    @{ scope = 'LocalMachine'; key = 'HKLM:\SOFTWARE\Microsoft\PowerShell\1\ShellIds\Microsoft.PowerShell'; fix = 'Set-ExecutionPolicy RemoteSigned -Scope LocalMachine (or Undefined)' }
)
$found = @()
$wrong = @()
$fixes = @()
foreach ($s in $scopes) {
    $value = Get-RegistryValue $s.key 'ExecutionPolicy'
    # A policy key whose scripts are turned off (EnableScripts=0) means Restricted.
    if ($s.scope -like '*Policy' -and "$(Get-RegistryValue $s.key 'EnableScripts')" -eq '0') { $value = 'Restricted' }
    $policy = 'Undefined'
    if ($value) { $policy = "$value" }
    $found += ("{0} {1}" -f $s.scope, $policy)
    if (@('Undefined', 'RemoteSigned') -notcontains $policy) { $wrong += $s.scope; $fixes += $s.fix }
}
$policyFix = 'set the execution policy to RemoteSigned or Undefined at every machine and user scope'
if ($fixes.Count) { $policyFix = $fixes -join '; ' }
Add-Check 'execution-policy' 'Execution policy Undefined or RemoteSigned' ($wrong.Count -eq 0) ($found -join ', ') $policyFix

# Elevated: the token carries the High (or System) mandatory label. whoami.exe works in every
# PowerShell edition, where WindowsPrincipal needs .NET types that only exist on Windows.
$elevated = $false
$elevationDetail = 'not elevated (no High Mandatory Level in the token)'
try {
    $groups = Invoke-Native -FilePath 'whoami.exe' -Arguments @('/groups', '/fo', 'csv', '/nh')
    $text = ($groups.Output -join "`n")
    if ($text -match 'S-1-16-12288' -or $text -match 'S-1-16-16384') {
        $elevated = $true
        $elevationDetail = 'High Mandatory Level'
    } elseif ($text -match 'S-1-16-8192') {
        $elevationDetail = 'Medium Mandatory Level (not elevated)'
    }
} catch {
    $elevationDetail = "could not read the token: $($_.Exception.Message)"
}
Add-Check 'elevated' 'Running elevated' $elevated $elevationDetail `
    'run the runner service as an administrator account or LocalSystem (elevated); installing needs administrator rights'

@{ checks = $checks.ToArray() }
