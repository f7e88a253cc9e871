# Reads what every step needs to know about the agent on this server, in one call.
param([string]$InstallDir)
$ErrorActionPreference = 'Stop'

if (-not $InstallDir) { $InstallDir = Join-Path $env:ProgramFiles 'Microsoft Azure AD Connect Provisioning Agent' }
$exe = Join-Path $InstallDir 'AADConnectProvisioningAgent.exe'
$config = Join-Path $InstallDir 'AADConnectProvisioningAgent.exe.config'

$version = $null
if (Test-Path -LiteralPath $exe -PathType Leaf) {
    $info = (Get-Item -LiteralPath $exe).VersionInfo
    $version = $info.FileVersion
    if ($version) { $version = ($version -split '\s')[0] }
}

function Get-ServiceState([string]$Name) {
    $service = Get-Service -Name $Name -ErrorAction SilentlyContinue
    if (-not $service) { return @{ name = $Name; exists = $false; status = $null; startType = $null; account = $null } }
    $cim = Get-CimInstance -ClassName Win32_Service -Filter "Name='$Name'" -ErrorAction SilentlyContinue | Select-Object -First 1
    $account = $null
    if ($cim) { $account = $cim.StartName }
    @{ name = $Name; exists = $true; status = "$($service.Status)"; startType = "$($service.StartType)"; account = $account }
}

function Get-RegistryValue([string]$Key, [string]$Name) {
    $item = Get-ItemProperty -LiteralPath $Key -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item.$Name
}

$fips = Get-RegistryValue 'HKLM:\System\CurrentControlSet\Control\Lsa\FipsAlgorithmPolicy' 'Enabled'
$tenantId = Get-RegistryValue 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Provisioning Agent' 'TenantId'

@{
    computerName      = $env:COMPUTERNAME
    installDir        = $InstallDir
    agent             = @{
        installed    = [bool]$version
        version      = $version
        exePath      = $exe
        configPath   = $config
        configExists = (Test-Path -LiteralPath $config -PathType Leaf)
    }
    services          = @{
        agent   = Get-ServiceState 'AADConnectProvisioningAgent'
        updater = Get-ServiceState 'AADConnectAgentUpdater'
    }
    tenantId          = $tenantId
    fipsPolicyEnabled = ($fips -eq 1)
    engine            = @{ edition = "$($PSVersionTable.PSEdition)"; version = "$($PSVersionTable.PSVersion)" }
}
