# What of the agent is on this server: its Programs-and-Features entries, its services, the files and
# records the action may remove. Read-only.
param([string]$InstallDir)
$ErrorActionPreference = 'Stop'

function Get-Value([string]$Key, [string]$Name) {
    $item = Get-ItemProperty -LiteralPath $Key -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item.$Name
}

# The three entries Microsoft's docs name [doc: how-to-automatic-upgrade.md]; the older "Azure AD"
# names are matched too, for agents installed before the rename (UNDOCUMENTED exact older names).
$names = '^Microsoft (Entra|Azure AD) (Connect Agent Updater|Provisioning Agent( Package)?|Connect Provisioning Agent( Package)?)$'
$products = @()
foreach ($root in 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall', 'HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall') {
    if (-not (Test-Path -LiteralPath $root)) { continue }
    foreach ($k in @(Get-ChildItem -LiteralPath $root | Where-Object { $_.PSIsContainer })) {
        $key = "$root\$($k.PSChildName)"
        $display = "$(Get-Value $key 'DisplayName')"
        if ($display -notmatch $names) { continue }
        $products += @{
            key                  = "$($k.PSChildName)"
            registryPath         = $key
            displayName          = $display
            displayVersion       = "$(Get-Value $key 'DisplayVersion')"
            quietUninstallString = "$(Get-Value $key 'QuietUninstallString')"
            uninstallString      = "$(Get-Value $key 'UninstallString')"
            windowsInstaller     = ((Get-Value $key 'WindowsInstaller') -eq 1)
        }
    }
}

# The agent's key [doc; ms-code] names its service and folder; the updater is found by its executable.
$agentKey = 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'
$serviceName = Get-Value $agentKey 'ServiceName'
if (-not $serviceName) { $serviceName = 'AADConnectProvisioningAgent' }
if (-not $InstallDir) { $InstallDir = Get-Value $agentKey 'InstallDir' }
if (-not $InstallDir) { $InstallDir = Join-Path $env:ProgramFiles 'Microsoft Azure AD Connect Provisioning Agent' }
$services = @()
foreach ($s in @(Get-CimInstance -ClassName Win32_Service)) {
    if ($s.Name -ieq $serviceName -or "$($s.PathName)" -match 'AzureADConnectAgentUpdater\.exe') {
        $services += @{ name = "$($s.Name)"; state = "$($s.State)"; path = "$($s.PathName)" }
    }
}

$backups = @()
if (Test-Path -LiteralPath $InstallDir -PathType Container) {
    $backups = @(Get-ChildItem -LiteralPath $InstallDir -File | Where-Object { $_.Name -match '^AADConnectProvisioningAgent\.exe\.config\.\d{8}T\d{6}Z(-\d+)?\.bak$' } | ForEach-Object { $_.FullName })
}
$recordsKey = 'HKLM:\SOFTWARE\entra-provisioning-agent'

@{
    products        = @($products)
    services        = @($services)
    installDir      = $InstallDir
    installDirExists = (Test-Path -LiteralPath $InstallDir -PathType Container)
    agentKeyExists  = (Test-Path -LiteralPath $agentKey)
    configBackups   = @($backups)
    recordsKey      = $recordsKey
    recordsExist    = (Test-Path -LiteralPath $recordsKey)
}
