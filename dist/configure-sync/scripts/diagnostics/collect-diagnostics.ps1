# Lists what a diagnostics bundle should hold and reads what only PowerShell can read (event logs,
# services, versions, registry). Files are not copied here: the caller reads them (bounded, redacted)
# and zips them. Every part is independent: one that fails is noted and the rest is still collected.
param(
    [string]$InstallDir,
    [string[]]$LogNames = @(),
    [int]$Hours = 24,
    [int]$MaxEvents = 2000,
    [string[]]$ExtraFiles = @()
)
$ErrorActionPreference = 'Stop'
$notes = New-Object System.Collections.ArrayList
$files = New-Object System.Collections.ArrayList

function Add-File([string]$Path, [string]$Name) {
    if (-not $Path) { return }
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { return }
    $item = Get-Item -LiteralPath $Path
    [void]$files.Add(@{ path = $item.FullName; name = $Name; length = [long]$item.Length; lastWrite = $item.LastWriteTimeUtc.ToString('o') })
}

function Get-Value([string]$Key, [string]$Name) {
    $item = Get-ItemProperty -LiteralPath $Key -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item.$Name
}

# The agent's own key [doc: how-to-manage-registry-options.md; ms-code: AADCloudSyncTools]. Every value is read
# when present; the defaults below only stand in where the key does not say.
$agentKey = 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'
$agent = @{ keyFound = (Test-Path -LiteralPath $agentKey) }
foreach ($name in 'ServiceName', 'InstallDir', 'ServiceProcessName', 'ProgramDataFolderName', 'TenantID') {
    try { $agent[$name] = Get-Value $agentKey $name } catch { $agent[$name] = $null }
}
if (-not $InstallDir) { $InstallDir = $agent.InstallDir }
if (-not $InstallDir) { $InstallDir = Join-Path $env:ProgramFiles 'Microsoft Azure AD Connect Provisioning Agent' }
$processName = $agent.ServiceProcessName
if (-not $processName) { $processName = 'AADConnectProvisioningAgent.exe' }
$exe = Join-Path $InstallDir $processName
$config = "$exe.config"
$dataFolder = $agent.ProgramDataFolderName
if (-not $dataFolder) { $dataFolder = 'Azure AD Connect Provisioning Agent' }
$traceFolder = Join-Path (Join-Path (Join-Path $env:ProgramData 'Microsoft') $dataFolder) 'Trace'

Add-File $config ('config/' + (Split-Path -Leaf $config))
try {
    if (Test-Path -LiteralPath $traceFolder -PathType Container) {
        $root = (Get-Item -LiteralPath $traceFolder).FullName.TrimEnd('\', '/')
        foreach ($f in @(Get-ChildItem -LiteralPath $traceFolder -File -Recurse -ErrorAction Stop)) {
            $relative = $f.FullName.Substring($root.Length).TrimStart('\', '/') -replace '\\', '/'
            Add-File $f.FullName ('trace/' + $relative)
        }
    } else { [void]$notes.Add("no trace folder at $traceFolder") }
} catch { [void]$notes.Add("trace folder ${traceFolder}: $($_.Exception.Message)") }

# The bundle's logs: %TEMP%\Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_<stamp>*.log [public], and
# any log the caller names (the install step's /log file).
try {
    foreach ($f in @(Get-ChildItem -LiteralPath $env:TEMP -Filter 'Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_*.log' -File -ErrorAction Stop)) {
        Add-File $f.FullName ('installer-logs/' + $f.Name)
    }
} catch { [void]$notes.Add("installer logs in ${env:TEMP}: $($_.Exception.Message)") }
foreach ($extra in $ExtraFiles) {
    if ($extra -and -not (@($files | Where-Object { $_.path -eq $extra }).Count)) { Add-File $extra ('installer-logs/' + (Split-Path -Leaf $extra)) }
}

# Services: the agent's by name, the updater by its executable (its short name is not documented).
$services = @()
try {
    $agentService = $agent.ServiceName
    if (-not $agentService) { $agentService = 'AADConnectProvisioningAgent' }
    foreach ($s in @(Get-CimInstance -ClassName Win32_Service -ErrorAction Stop)) {
        $path = "$($s.PathName)"
        if ($s.Name -ieq $agentService -or $path -match 'AzureADConnectAgentUpdater\.exe' -or $path -match [regex]::Escape($processName)) {
            $version = $null
            $file = ($path -replace '^\s*"([^"]+)".*$', '$1') -replace '^\s*(\S+\.exe)\b.*$', '$1'
            if ($file -and (Test-Path -LiteralPath $file -PathType Leaf)) { $version = (Get-Item -LiteralPath $file).VersionInfo.ProductVersion }
            $services += @{ name = "$($s.Name)"; displayName = "$($s.DisplayName)"; state = "$($s.State)"; startMode = "$($s.StartMode)"; account = "$($s.StartName)"; path = $path; productVersion = $version }
        }
    }
} catch { [void]$notes.Add("services: $($_.Exception.Message)") }

# Programs and Features entries of the agent's products [doc: how-to-automatic-upgrade.md names them].
$products = @()
try {
    $uninstallKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
    foreach ($k in @(Get-ChildItem -LiteralPath $uninstallKey -ErrorAction Stop | Where-Object { $_.PSIsContainer })) {
        $key = "$uninstallKey\$($k.PSChildName)"
        $display = Get-Value $key 'DisplayName'
        if ("$display" -match 'Provisioning Agent|Connect Agent Updater') {
            $products += @{ key = "$($k.PSChildName)"; displayName = "$display"; displayVersion = "$(Get-Value $key 'DisplayVersion')" }
        }
    }
} catch { [void]$notes.Add("uninstall entries: $($_.Exception.Message)") }

# Event logs of the last hours, newest first, bounded. "No events" is an empty list, not an error.
$eventLogs = @{}
$since = (Get-Date).AddHours(-$Hours)
foreach ($log in $LogNames) {
    $entry = @{ events = @(); error = $null }
    try {
        $events = @(Get-WinEvent -FilterHashtable @{ LogName = $log; StartTime = $since } -MaxEvents $MaxEvents -ErrorAction Stop)
        $entry.events = @($events | ForEach-Object {
            @{ time = $_.TimeCreated.ToUniversalTime().ToString('o'); id = [int]$_.Id; level = "$($_.LevelDisplayName)"; provider = "$($_.ProviderName)"; message = "$($_.Message)" }
        })
    } catch {
        if ($_.FullyQualifiedErrorId -notmatch 'NoMatchingEventsFound') { $entry.error = $_.Exception.Message }
    }
    $eventLogs[$log] = $entry
}

@{
    agent      = $agent
    installDir = $InstallDir
    exePath    = $exe
    exeVersion = $(if (Test-Path -LiteralPath $exe -PathType Leaf) { (Get-Item -LiteralPath $exe).VersionInfo.ProductVersion } else { $null })
    traceFolder = $traceFolder
    files      = @($files)
    services   = @($services)
    products   = @($products)
    eventLogs  = $eventLogs
    engine     = @{ edition = "$($PSVersionTable.PSEdition)"; version = "$($PSVersionTable.PSVersion)" }
    notes      = @($notes)
}
