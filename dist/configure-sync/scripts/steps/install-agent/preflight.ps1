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

# TLS 1.2 for SCHANNEL clients.
$tlsKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\TLS 1.2\Client'
$tlsEnabled = Get-RegistryValue $tlsKey 'Enabled'
$tlsDisabledByDefault = Get-RegistryValue $tlsKey 'DisabledByDefault'
$tlsOk = ("$tlsEnabled" -eq '1') -and ("$tlsDisabledByDefault" -eq '0')
Add-Check 'tls12-schannel' 'TLS 1.2 (SCHANNEL client)' $tlsOk ("Enabled {0}, DisabledByDefault {1}" -f (Show $tlsEnabled), (Show $tlsDisabledByDefault)) `
    ("set DWORD Enabled=1 and DisabledByDefault=0 under HKLM\{0}, then reboot" -f ($tlsKey -replace '^HKLM:\\', ''))

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

# Execution policy: Unrestricted breaks registration. Group Policy wins over the machine setting;
# the policy of this session (Bypass, set by the action) is not what registration will see.
$gpoPolicy = Get-RegistryValue 'HKLM:\SOFTWARE\Policies\Microsoft\Windows\PowerShell' 'ExecutionPolicy'
$machinePolicy = Get-RegistryValue 'HKLM:\SOFTWARE\Microsoft\PowerShell\1\ShellIds\Microsoft.PowerShell' 'ExecutionPolicy'
$effective = 'Undefined'
$scope = 'LocalMachine'
if ($gpoPolicy) { $effective = "$gpoPolicy"; $scope = 'MachinePolicy' } elseif ($machinePolicy) { $effective = "$machinePolicy" }
Add-Check 'execution-policy' 'Execution policy not Unrestricted' ($effective -ne 'Unrestricted') ("{0} ({1})" -f $effective, $scope) `
    'set the execution policy to RemoteSigned: Set-ExecutionPolicy RemoteSigned -Scope LocalMachine (or change the Group Policy)'

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
