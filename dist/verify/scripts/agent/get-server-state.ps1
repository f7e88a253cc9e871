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
    if (-not $service) { return @{ name = $Name; exists = $false; status = $null; startType = $null; account = $null; startedAt = $null } }
    $cim = Get-CimInstance -ClassName Win32_Service -Filter "Name='$Name'" -ErrorAction SilentlyContinue | Select-Object -First 1
    $account = $null
    $startedAt = $null
    if ($cim) {
        $account = $cim.StartName
        # When the running process started: a change it reads only at start and made later is not in effect yet.
        if ($cim.ProcessId) { $startedAt = Get-ProcessStart $cim.ProcessId }
    }
    @{ name = $Name; exists = $true; status = "$($service.Status)"; startType = "$($service.StartType)"; account = $account; startedAt = $startedAt }
}

# Win32_Service.ProcessId (0 when stopped) and Win32_Process.CreationDate (learn.microsoft.com, windows/win32/cimwin32prov
# win32-service and win32-process); CreationDate needs no handle on the process, Get-Process StartTime may be denied.
function Get-ProcessStart([uint32]$ProcessId) {
    $process = Get-CimInstance -ClassName Win32_Process -Filter "ProcessId=$ProcessId" -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $process -or -not $process.CreationDate) { return $null }
    $process.CreationDate.ToUniversalTime().ToString('o')
}

function Get-LastWrite([string]$Path) {
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { return $null }
    (Get-Item -LiteralPath $Path).LastWriteTimeUtc.ToString('o')
}

function Get-RegistryValue([string]$Key, [string]$Name) {
    $item = Get-ItemProperty -LiteralPath $Key -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item.$Name
}

$fips = Get-RegistryValue 'HKLM:\System\CurrentControlSet\Control\Lsa\FipsAlgorithmPolicy' 'Enabled'
$tenantId = Get-RegistryValue 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Provisioning Agent' 'TenantId'
# This action's mark of its last change the agent reads only at start other than its config (see src/agent/restart.ts).
$agentChangedAt = Get-RegistryValue 'HKLM:\SOFTWARE\entra-provisioning-agent' 'AgentChangedAt'

@{
    computerName      = $env:COMPUTERNAME
    installDir        = $InstallDir
    agent             = @{
        installed    = [bool]$version
        version      = $version
        exePath      = $exe
        configPath   = $config
        configExists = (Test-Path -LiteralPath $config -PathType Leaf)
        configWrittenAt = (Get-LastWrite $config)
    }
    agentChangedAt    = $agentChangedAt
    services          = @{
        agent   = Get-ServiceState 'AADConnectProvisioningAgent'
        updater = Get-ServiceState 'AADConnectAgentUpdater'
    }
    tenantId          = $tenantId
    fipsPolicyEnabled = ($fips -eq 1)
    engine            = @{ edition = "$($PSVersionTable.PSEdition)"; version = "$($PSVersionTable.PSVersion)" }
}
