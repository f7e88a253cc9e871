# Dot-sourced by the scripts that use the agent's PowerShell module (Microsoft.CloudSync.PowerShell.dll).
# The module is a Windows PowerShell 5.1 binary module; once imported (globally) it stays loaded for
# the rest of the session, and it keeps the tenant sign-in in memory.

# The agent's own key [doc: how-to-manage-registry-options.md; ms-code: AADCloudSyncTools].
$script:AgentRegistryKey = 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'

function Get-AgentRegistryValue([string]$Name) {
    $item = Get-ItemProperty -LiteralPath $script:AgentRegistryKey -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $value = "$($item.$Name)".Trim()
    if ($value) { return $value }
    $null
}

# $InstallDir comes from the server-state read (input 'install-dir', else the registry's InstallDir).
function Import-AgentModule([string]$InstallDir) {
    if (-not $InstallDir) { $InstallDir = Get-AgentRegistryValue 'InstallDir' }
    if (-not $InstallDir) { Fail 'AgentModuleMissing' "The agent's install folder is unknown (no InstallDir under $script:AgentRegistryKey); install the agent first (or set 'install-dir')." }
    $dll = Join-Path $InstallDir 'Microsoft.CloudSync.PowerShell.dll'
    if (-not (Test-Path -LiteralPath $dll -PathType Leaf)) {
        Fail 'AgentModuleMissing' "The agent's PowerShell module was not found at $dll; install the agent first (or set 'install-dir')."
    }
    Import-Module -Name $dll -Global -ErrorAction Stop
}

function New-AgentCredential([string]$UserName, [securestring]$Password) {
    New-Object System.Management.Automation.PSCredential($UserName, $Password)
}

function Get-AgentServiceAccount {
    # The documented service name is only the fallback before the agent records its own.
    $serviceName = Get-AgentRegistryValue 'ServiceName'
    if (-not $serviceName) { $serviceName = 'AADConnectProvisioningAgent' }
    $service = Get-CimInstance -ClassName Win32_Service -Filter "Name='$serviceName'" -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($service) { return $service.StartName }
    $null
}

function Get-AgentTenantId {
    Get-AgentRegistryValue 'TenantID'
}
