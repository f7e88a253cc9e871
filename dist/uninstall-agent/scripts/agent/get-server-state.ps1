# Reads what every step needs to know about the agent on this server, in one call. The agent says
# where it is in its own registry key (read once here); the documented defaults below are only the
# fallback before it is installed. -InstallDir (input 'install-dir') overrides the folder.
param([string]$InstallDir)
$ErrorActionPreference = 'Stop'

# [doc: how-to-manage-registry-options.md; ms-code: AADCloudSyncTools reads TenantID from it]
$agentKey = 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'
# Fallbacks [doc: how-to-install-pshell.md (folder, service), troubleshooting (trace folder)].
$defaultServiceName = 'AADConnectProvisioningAgent'
$defaultFolderName = 'Microsoft Azure AD Connect Provisioning Agent'
$defaultProcessName = 'AADConnectProvisioningAgent.exe'
$defaultProgramDataFolder = 'Azure AD Connect Provisioning Agent'
# [doc: how-to-automatic-upgrade.md] the updater's executable; its service's short name is only [public],
# so the service is found by the executable it runs.
$updaterExe = 'AzureADConnectAgentUpdater.exe'
$updaterServiceName = 'AzureADConnectAgentUpdater'

function Get-KeyValues([string]$Key) {
    $item = Get-ItemProperty -LiteralPath $Key -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item
}

function Get-Text($Item, [string]$Name) {
    if ($null -eq $Item) { return $null }
    $property = $Item.PSObject.Properties[$Name]
    if ($null -eq $property -or $null -eq $property.Value) { return $null }
    $text = "$($property.Value)".Trim()
    if ($text) { return $text }
    $null
}

function Get-FirstVersion([string]$Text) {
    # A version resource string may carry more than the version ("1.1.2505.0 (branch.date)").
    if (-not $Text) { return $null }
    $m = [regex]::Match($Text, '\d+(\.\d+){1,3}')
    if ($m.Success) { return $m.Value }
    $null
}

$key = Get-KeyValues $agentKey
$registryKeyFound = ($null -ne $key)

$serviceName = Get-Text $key 'ServiceName'
if (-not $serviceName) { $serviceName = $defaultServiceName }
$processName = Get-Text $key 'ServiceProcessName'
if (-not $processName) { $processName = $defaultProcessName }
# UNDOCUMENTED whether the value always carries '.exe' (AADCloudSyncTools shows it with it).
if (-not [System.IO.Path]::GetExtension($processName)) { $processName = "$processName.exe" }
$programDataFolder = Get-Text $key 'ProgramDataFolderName'
if (-not $programDataFolder) { $programDataFolder = $defaultProgramDataFolder }
$registryInstallDir = Get-Text $key 'InstallDir'

if (-not $InstallDir) { $InstallDir = $registryInstallDir }
if (-not $InstallDir) { $InstallDir = Join-Path $env:ProgramFiles $defaultFolderName }
$InstallDir = $InstallDir.TrimEnd('\', '/')
$exe = Join-Path $InstallDir $processName
$config = Join-Path $InstallDir "$processName.config"
$traceFolder = Join-Path (Join-Path (Join-Path $env:ProgramData 'Microsoft') $programDataFolder) 'Trace'

# The agent's version is the executable's PRODUCT version [doc: how-to-automatic-upgrade.md]; the
# file version is only the fallback when the product version is missing.
$version = $null
$fileVersion = $null
$productVersion = $null
if (Test-Path -LiteralPath $exe -PathType Leaf) {
    $info = (Get-Item -LiteralPath $exe).VersionInfo
    $fileVersion = Get-FirstVersion "$($info.FileVersion)"
    $productVersion = Get-FirstVersion "$($info.ProductVersion)"
    $version = $productVersion
    if (-not $version) { $version = $fileVersion }
}

function Get-ServiceState([string]$Name, $Cim) {
    $service = Get-Service -Name $Name -ErrorAction SilentlyContinue
    if (-not $service) { return @{ name = $Name; exists = $false; status = $null; startType = $null; account = $null; startedAt = $null } }
    if (-not $Cim) { $Cim = Get-CimInstance -ClassName Win32_Service -Filter "Name='$Name'" -ErrorAction SilentlyContinue | Select-Object -First 1 }
    $account = $null
    $startedAt = $null
    if ($Cim) {
        $account = $Cim.StartName
        # When the running process started: a change it reads only at start and made later is not in effect yet.
        if ($Cim.ProcessId) { $startedAt = Get-ProcessStart $Cim.ProcessId }
    }
    @{ name = "$($service.Name)"; exists = $true; status = "$($service.Status)"; startType = "$($service.StartType)"; account = $account; startedAt = $startedAt }
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

# The service whose executable path ends in the updater's file name (quoted or not, with or without arguments).
function Find-ServiceByExecutable([string]$FileName) {
    $pattern = '(^|[\\/"])' + [regex]::Escape($FileName) + '"?(\s|$)'
    # The WQL filter only narrows the query; the match below decides.
    $all = @(Get-CimInstance -ClassName Win32_Service -Filter "PathName LIKE '%$FileName%'" -ErrorAction SilentlyContinue)
    foreach ($s in $all) {
        if ("$($s.PathName)" -match $pattern) { return $s }
    }
    $null
}

$updaterCim = Find-ServiceByExecutable $updaterExe
$updater = $null
if ($updaterCim) { $updater = Get-ServiceState "$($updaterCim.Name)" $updaterCim }
if (-not $updater) { $updater = Get-ServiceState $updaterServiceName $null }

$fips = Get-Text (Get-KeyValues 'HKLM:\System\CurrentControlSet\Control\Lsa\FipsAlgorithmPolicy') 'Enabled'
# This action's mark of its last change the agent reads only at start other than its config (see src/agent/restart.ts).
$agentChangedAt = Get-Text (Get-KeyValues 'HKLM:\SOFTWARE\entra-provisioning-agent') 'AgentChangedAt'

@{
    computerName      = $env:COMPUTERNAME
    agent             = @{
        installed        = [bool]$version
        registryKeyFound = $registryKeyFound
        serviceName      = $serviceName
        installDir       = $InstallDir
        exePath          = $exe
        configPath       = $config
        configExists     = (Test-Path -LiteralPath $config -PathType Leaf)
        configWrittenAt  = (Get-LastWrite $config)
        traceFolder      = $traceFolder
        version          = $version
        fileVersion      = $fileVersion
        productVersion   = $productVersion
    }
    agentChangedAt    = $agentChangedAt
    services          = @{
        agent   = Get-ServiceState $serviceName $null
        updater = $updater
    }
    tenantId          = (Get-Text $key 'TenantID')
    fipsPolicyEnabled = ("$fips" -eq '1')
    engine            = @{ edition = "$($PSVersionTable.PSEdition)"; version = "$($PSVersionTable.PSVersion)" }
}
