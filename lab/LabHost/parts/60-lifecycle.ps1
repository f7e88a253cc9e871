# Lifecycle stand-ins: the three Programs-and-Features entries an install leaves and the silent
# uninstall through them, the agent's event logs (Get-WinEvent), its trace folder, and a service's
# process start time (Win32_Service ProcessId + Get-Process). lab/README.md lists the facts and guesses.
# State: lab/eventlogs/<log name, '/' as '_'>.json (events), lab/uninstall-exit-codes.json (queue),
# lab/uninstall-variant.json ({"bundleKeepsUpdater": true}: the plausible variant where removing the
# bundle leaves the updater installed; {"bundleRemovesNothing": true}: a fault, the bundle exits 0 and
# removes nothing).

# When the installer part writes the entries itself ($script:LabProductCodes), its product codes are used.
$script:LabInstallerWritesEntries = [bool](Get-Variable -Name LabProductCodes -Scope Script -ErrorAction SilentlyContinue)
if ($script:LabInstallerWritesEntries) {
    $script:LabBundleKey = $script:LabProductCodes.Package
    $script:LabAgentProductKey = $script:LabProductCodes.Agent
    $script:LabUpdaterProductKey = $script:LabProductCodes.Updater
} else {
    $script:LabBundleKey = '{6F9D7A1B-3C2E-4C1E-9A7E-0A6E17B0D1E5}'
    $script:LabAgentProductKey = '{3A8F0C52-7E41-4B7D-9C1A-5D2B6E8F4A10}'
    $script:LabUpdaterProductKey = '{9B1E4D07-2C6A-4F38-8E5B-7A0C3D9F1E62}'
}
$script:LabUninstallRoot = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
$script:LabAgentLogs = @('Microsoft-AzureADConnect-ProvisioningAgent/Admin', 'Microsoft-AzureADConnect-AgentUpdater/Admin')

function Get-LabEventLogFile([string]$LogName) { Get-LabPath ('lab/eventlogs/{0}.json' -f ($LogName -replace '[\\/]', '_')) }

function Get-LabMsiexecPath { Join-Path (Join-Path (Get-LabPath 'Windows') 'System32') 'msiexec.exe' }

function Get-LabBundleCachePath { Join-Path (Join-Path (Join-Path (Get-LabPath 'ProgramData') 'Package Cache') $script:LabBundleKey) 'AADConnectProvisioningAgentSetup.exe' }

# Windows Installer is always there: Start-Process of %SystemRoot%\System32\msiexec.exe runs the
# stand-in below (no file is written, so a lab server's files stay exactly what tests put there).

# The three entries [doc: how-to-automatic-upgrade.md names them]. Their uninstall strings follow the
# Windows conventions (Burn bundle: cached setup with /uninstall and /quiet; MSI: MsiExec.exe /X{code},
# only an UninstallString): the exact strings are UNDOCUMENTED for these products.
function Add-LabUninstallEntries([string]$Version) {
    if ($script:LabInstallerWritesEntries) { Initialize-LabAgentLogs; return }
    $bundleExe = Get-LabBundleCachePath
    Write-LabBinary $bundleExe @{ LabUninstaller = 'bundle'; FileVersion = $Version; ProductVersion = $Version } 'lab stand-in for the cached bundle'
    $bundle = "$script:LabUninstallRoot\$script:LabBundleKey"
    Set-LabRegistryValue $bundle 'DisplayName' 'Microsoft Entra Provisioning Agent Package'
    Set-LabRegistryValue $bundle 'DisplayVersion' $Version
    Set-LabRegistryValue $bundle 'Publisher' 'Microsoft Corporation'
    Set-LabRegistryValue $bundle 'BundleCachePath' $bundleExe
    Set-LabRegistryValue $bundle 'UninstallString' ('"{0}" /uninstall' -f $bundleExe)
    Set-LabRegistryValue $bundle 'QuietUninstallString' ('"{0}" /uninstall /quiet' -f $bundleExe)
    $agent = "$script:LabUninstallRoot\$script:LabAgentProductKey"
    Set-LabRegistryValue $agent 'DisplayName' 'Microsoft Entra Provisioning Agent'
    Set-LabRegistryValue $agent 'DisplayVersion' $Version
    Set-LabRegistryValue $agent 'Publisher' 'Microsoft Corporation'
    Set-LabRegistryValue $agent 'WindowsInstaller' 1
    Set-LabRegistryValue $agent 'UninstallString' ('MsiExec.exe /X{0}' -f $script:LabAgentProductKey)
    $updater = "$script:LabUninstallRoot\$script:LabUpdaterProductKey"
    Set-LabRegistryValue $updater 'DisplayName' 'Microsoft Entra Connect Agent Updater'
    Set-LabRegistryValue $updater 'DisplayVersion' '1.1.96.0'
    Set-LabRegistryValue $updater 'Publisher' 'Microsoft Corporation'
    Set-LabRegistryValue $updater 'WindowsInstaller' 1
    Set-LabRegistryValue $updater 'UninstallString' ('MsiExec.exe /X{0}' -f $script:LabUpdaterProductKey)
    Initialize-LabAgentLogs
}

# The agent's event logs exist once it is installed (empty until something is written); both services have just (re)started.
function Initialize-LabAgentLogs {
    foreach ($log in $script:LabAgentLogs) {
        $file = Get-LabEventLogFile $log
        if (-not (Test-Path -LiteralPath $file)) { Write-LabJson ('lab/eventlogs/{0}' -f (Split-Path -Leaf $file)) @() }
    }
    foreach ($service in @(Get-LabAgentServices)) {
        if ($service.Status -eq 'Running') { $service.StartedAt = [DateTime]::UtcNow.ToString('o'); Save-LabService $service }
    }
}

# The agent's and the updater's services, found by their executables (the updater's name varies).
function Get-LabAgentServices {
    foreach ($service in Get-LabServices) { if ("$($service['PathName'])" -match 'AADConnectProvisioningAgent\.exe|AzureADConnectAgentUpdater\.exe') { $service } }
}

# Every install also registers the entries: wrap the installer part's routine.
$script:LabInstallAgentCore = ${function:Install-LabAgent}
function Install-LabAgent {
    param([Parameter(Mandatory = $true)][string]$Version, [string]$Environment = 'Default', [string]$Account, [string]$BundleVersion)
    & $script:LabInstallAgentCore @PSBoundParameters
    Add-LabUninstallEntries $Version
}

function Remove-LabTree([string]$Path) {
    if ($Path -and (Test-Path -LiteralPath $Path)) { Remove-Item -LiteralPath $Path -Recurse -Force }
}

function Remove-LabRegistryKey([string]$Path) {
    $resolved = Resolve-LabRegistryKey $Path
    if ($resolved.Exists) { Remove-LabTree $resolved.Folder }
}

# What removing the agent's MSI takes away: the files it installed (not backups or other files an
# admin or the action left in the folder), its service, its entry. Whether the agent's registry key
# goes too is UNDOCUMENTED; the lab removes it.
function Remove-LabAgentProduct {
    $dir = Join-Path $env:ProgramFiles $script:LabAgentFolder
    $fromRegistry = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent' -Name InstallDir -ErrorAction SilentlyContinue
    if ($fromRegistry -and $fromRegistry.InstallDir) { $dir = "$($fromRegistry.InstallDir)".TrimEnd('\') }
    foreach ($name in 'AADConnectProvisioningAgent.exe', 'AADConnectProvisioningAgent.exe.config', 'Microsoft.CloudSync.PowerShell.dll') { Remove-LabTree (Join-Path $dir $name) }
    if ((Test-Path -LiteralPath $dir) -and -not @(Get-ChildItem -LiteralPath $dir -Force).Count) { Remove-Item -LiteralPath $dir -Force }
    foreach ($service in @(Get-LabAgentServices | Where-Object { "$($_['PathName'])" -match 'AADConnectProvisioningAgent\.exe' })) { Remove-LabTree (Get-LabPath "services/$($service.Name).json") }
    Remove-LabRegistryKey "$script:LabUninstallRoot\$script:LabAgentProductKey"
    Remove-LabRegistryKey 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'
    Remove-LabRegistryKey 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Provisioning Agent'
    if (Test-Path -LiteralPath (Get-LabPath 'lab/agent-install.json')) { Remove-Item -LiteralPath (Get-LabPath 'lab/agent-install.json') -Force }
    Write-LabEvent 'uninstaller: agent removed'
}

function Remove-LabUpdaterProduct {
    Remove-LabTree (Join-Path $env:ProgramFiles $script:LabUpdaterFolder)
    foreach ($service in @(Get-LabAgentServices | Where-Object { "$($_['PathName'])" -match 'AzureADConnectAgentUpdater\.exe' })) { Remove-LabTree (Get-LabPath "services/$($service.Name).json") }
    Remove-LabRegistryKey "$script:LabUninstallRoot\$script:LabUpdaterProductKey"
    Write-LabEvent 'uninstaller: updater removed'
}

function Get-LabNextUninstallExitCode {
    $queue = @(Read-LabJson 'lab/uninstall-exit-codes.json' @() | Where-Object { $null -ne $_ })
    if ($queue.Count -eq 0) { return 0 }
    $rest = @()
    if ($queue.Count -gt 1) { $rest = @($queue[1..($queue.Count - 1)]) }
    Write-LabJson 'lab/uninstall-exit-codes.json' $rest
    [int]$queue[0]
}

# One uninstall run. Bundle: /uninstall with /quiet (or /passive) removes the agent [doc: since
# 1.1.972.0] and the updater (variant bundleKeepsUpdater: not the updater, UNDOCUMENTED which is true).
# msiexec: /x{code} with /qn (or /quiet) removes that product; an unknown code is 1605. Without the
# silent switch both return 1602 (no UI in a service session; guess).
function Invoke-LabUninstaller([string]$Path, [string]$Kind, [string[]]$Arguments) {
    $commandLine = ($Arguments -join ' ')
    Add-Content -LiteralPath (Get-LabPath 'lab/commandlines.log') -Value ('{0} {1}' -f [System.IO.Path]::GetFileName($Path), $commandLine)
    $tokens = @(Split-LabCommandLine $commandLine)
    $quiet = @($tokens | Where-Object { $_ -match '^[/-](quiet|qn|q|passive|s)$' }).Count -gt 0
    if (-not $quiet) { Write-LabEvent "uninstaller: $commandLine refused (not silent)"; return 1602 }
    $code = Get-LabNextUninstallExitCode
    if (@(0, 3010, 1641) -notcontains $code) { Write-LabEvent "uninstaller: $commandLine failed with $code"; return $code }
    $variant = Read-LabJson 'lab/uninstall-variant.json' @{}
    if ($Kind -eq 'bundle') {
        if (-not @($tokens | Where-Object { $_ -match '^[/-](uninstall|x)$' }).Count) { return 1639 }
        if ($variant.ContainsKey('bundleRemovesNothing') -and $variant.bundleRemovesNothing) { Write-LabEvent 'uninstaller: bundle exited without removing anything'; return $code }
        Remove-LabAgentProduct
        if (-not ($variant.ContainsKey('bundleKeepsUpdater') -and $variant.bundleKeepsUpdater)) { Remove-LabUpdaterProduct }
        Remove-LabRegistryKey "$script:LabUninstallRoot\$script:LabBundleKey"
        Remove-LabTree (Split-Path -Parent $Path)
        Write-LabEvent 'uninstaller: bundle removed'
        return $code
    }
    $product = $null
    foreach ($t in $tokens) { if ($t -match '^[/-]x(\{[0-9A-Fa-f-]+\})?$' -and $Matches[1]) { $product = $Matches[1] } elseif ($t -match '^\{[0-9A-Fa-f-]+\}$') { $product = $t } }
    $entry = $null
    if ($product) { $entry = Resolve-LabRegistryKey "$script:LabUninstallRoot\$product" }
    if ($product -eq $script:LabAgentProductKey -and $entry.Exists) { Remove-LabAgentProduct; return $code }
    if ($product -eq $script:LabUpdaterProductKey -and $entry.Exists) { Remove-LabUpdaterProduct; return $code }
    Write-LabEvent "uninstaller: msiexec ${commandLine}: unknown product"
    1605
}

# Start-Process: stand-in uninstallers and msiexec run here; anything else goes to the installer part's Start-Process.
$script:LabStartProcessBefore = ${function:Start-Process}
function Start-Process {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('PSPath', 'Path')][string]$FilePath,
        [Parameter(Position = 1)][Alias('Args')][string[]]$ArgumentList,
        [pscredential]$Credential, [string]$WorkingDirectory, [switch]$LoadUserProfile, [switch]$NoNewWindow,
        [switch]$PassThru, [string]$RedirectStandardError, [string]$RedirectStandardInput, [string]$RedirectStandardOutput,
        [string]$Verb, [System.Diagnostics.ProcessWindowStyle]$WindowStyle, [switch]$Wait, [switch]$UseNewEnvironment
    )
    $full = $FilePath
    if (-not [System.IO.Path]::IsPathRooted($full)) { $full = Join-Path (Get-Location).ProviderPath $FilePath }
    $header = $null
    if ([System.IO.File]::Exists($full)) { $header = Get-LabBinaryHeader $full }
    $kind = $null
    # The bundle cached under Package Cache is what its uninstall entry runs.
    $cacheRoot = [System.IO.Path]::GetFullPath((Join-Path (Get-LabPath 'ProgramData') 'Package Cache'))
    if (($header -and $header.ContainsKey('LabUninstaller')) -or ([System.IO.Path]::GetFullPath($full).StartsWith($cacheRoot, [StringComparison]::OrdinalIgnoreCase) -and -not ($header -and $header.ContainsKey('LabInstaller')))) { $kind = 'bundle' }
    if ([System.IO.Path]::GetFullPath($full) -ieq [System.IO.Path]::GetFullPath((Get-LabMsiexecPath))) { $kind = 'msi' }
    if (-not $kind) { return & $script:LabStartProcessBefore @PSBoundParameters }
    $code = Invoke-LabUninstaller -Path $full -Kind $kind -Arguments @($ArgumentList)
    if ($PassThru) {
        $process = [pscustomobject]@{ Id = Get-Random -Minimum 1000 -Maximum 60000; Path = $full; ExitCode = $code; HasExited = $true }
        $process | Add-Member -MemberType ScriptMethod -Name WaitForExit -Value { param($Milliseconds) $true }
        $process
    }
}

# Get-WinEvent -FilterHashtable @{ LogName; StartTime; EndTime; Level } [-MaxEvents]: newest first, as on
# Windows. A log that does not exist and a query without results fail with the real cmdlet's error ids.
function Get-WinEvent {
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)][hashtable]$FilterHashtable, [int]$MaxEvents = [int]::MaxValue)
    $logName = [string]$FilterHashtable['LogName']
    $file = Get-LabEventLogFile $logName
    $builtIn = @('Application', 'System', 'Security', 'Setup') -contains $logName
    if (-not $builtIn -and -not (Test-Path -LiteralPath $file)) {
        $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.Exception("There is not an event log on the localhost computer that matches `"$logName`".")), 'NoMatchingLogsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', 'ObjectNotFound', $logName)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $events = @()
    if (Test-Path -LiteralPath $file) { $events = @(ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file)) -AsHashtable) }
    $levels = @()
    if ($FilterHashtable.ContainsKey('Level')) { $levels = @($FilterHashtable['Level'] | ForEach-Object { [int]$_ }) }
    $names = @{ 1 = 'Critical'; 2 = 'Error'; 3 = 'Warning'; 4 = 'Information'; 0 = 'Information' }
    $out = @($events | Where-Object { $null -ne $_ } | ForEach-Object {
        $time = [datetime]::Parse([string]$_.TimeCreated, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind)
        [pscustomobject]@{ TimeCreated = $time.ToLocalTime(); Id = [int]$_.Id; Level = [int]$_.Level; LevelDisplayName = $names[[int]$_.Level]; ProviderName = [string]$_.ProviderName; LogName = $logName; Message = [string]$_.Message }
    } | Where-Object {
        (-not $FilterHashtable.ContainsKey('StartTime') -or $_.TimeCreated -ge [datetime]$FilterHashtable['StartTime']) -and
        (-not $FilterHashtable.ContainsKey('EndTime') -or $_.TimeCreated -le [datetime]$FilterHashtable['EndTime']) -and
        ($levels.Count -eq 0 -or $levels -contains $_.Level)
    } | Sort-Object TimeCreated -Descending | Select-Object -First $MaxEvents)
    if (-not $out.Count) {
        $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.Exception('No events were found that match the specified selection criteria.')), 'NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand', 'ObjectNotFound', $null)
        $PSCmdlet.ThrowTerminatingError($record)
    }
    $out
}

# Win32_Service gains ProcessId (0 when stopped, as on Windows); Get-Process -Id of such a process has
# the service's StartTime (services/<Name>.json StartedAt). Other processes go to the real cmdlet.
function Get-LabServicePid([string]$Name) {
    $sum = 0
    $i = 1
    foreach ($c in $Name.ToLowerInvariant().ToCharArray()) { $sum = ($sum + [int]$c * $i) % 50000; $i++ }
    4000 + $sum
}

$script:LabGetCimInstanceBefore = ${function:Get-CimInstance}
function Get-CimInstance {
    [CmdletBinding()]
    param([Parameter(Position = 0)][Alias('Class')][string]$ClassName, [string]$Filter, [string]$Namespace, [string]$Query)
    $items = & $script:LabGetCimInstanceBefore @PSBoundParameters
    foreach ($item in @($items)) {
        if ($ClassName -eq 'Win32_Service' -and $null -ne $item) {
            $id = 0
            if ($item.State -eq 'Running') { $id = Get-LabServicePid $item.Name }
            $item | Add-Member -NotePropertyName ProcessId -NotePropertyValue ([uint32]$id) -Force
        }
        $item
    }
}

function Get-Process {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Name, [int[]]$Id)
    if ($Id) {
        foreach ($i in $Id) {
            $service = $null
            foreach ($candidate in Get-LabServices) { if ($candidate.Status -eq 'Running' -and (Get-LabServicePid $candidate.Name) -eq $i) { $service = $candidate; break } }
            if ($service) {
                $started = (Get-Item -LiteralPath (Get-LabPath "services/$($service.Name).json")).LastWriteTime
                if ($service.ContainsKey('StartedAt') -and $service.StartedAt) { $started = [datetime]::Parse([string]$service.StartedAt, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind).ToLocalTime() }
                [pscustomobject]@{ Id = $i; ProcessName = [System.IO.Path]::GetFileNameWithoutExtension(($service.PathName -replace '"', '')); StartTime = $started }
                continue
            }
            Microsoft.PowerShell.Management\Get-Process -Id $i
        }
        return
    }
    Microsoft.PowerShell.Management\Get-Process @PSBoundParameters
}
