# Dot-sourced by the scripts that use the agent's PowerShell module (Microsoft.CloudSync.PowerShell.dll).
# The module is a Windows PowerShell 5.1 binary module; once imported (globally) it stays loaded for
# the rest of the session, and it keeps the tenant sign-in in memory.

function Import-AgentModule([string]$InstallDir) {
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
    $service = Get-CimInstance -ClassName Win32_Service -Filter "Name='AADConnectProvisioningAgent'" -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($service) { return $service.StartName }
    $null
}

function Get-AgentTenantId {
    $item = Get-ItemProperty -LiteralPath 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Provisioning Agent' -Name 'TenantId' -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    $item.TenantId
}
