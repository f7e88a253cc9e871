# Reads what configure-gmsa needs beyond the shared server state: the domains the agent reports
# (Get-AADCloudSyncDomains), the forest's KDS root keys (only when a gMSA may have to be created), the
# server's domain, and this action's own records (domains: the fallback when the agent cannot list
# them; permissions granted to a custom gMSA).
param([string]$InstallDir, [string]$RecordKey, [string]$RecordValue, [string]$PermissionsValue, [bool]$CheckKds)
. (Join-Path (Join-Path (Split-Path -Parent $PSScriptRoot) 'shared-tenant') 'agent-module.ps1')

function Get-RecordValue([string]$Name) {
    $item = Get-ItemProperty -LiteralPath $RecordKey -Name $Name -ErrorAction SilentlyContinue
    if ($null -eq $item) { return $null }
    [string]$item.$Name
}
$record = Get-RecordValue $RecordValue
$permissions = Get-RecordValue $PermissionsValue

# Get-AADCloudSyncDomains exists [doc: version history 1.1.972.0] but its output is UNDOCUMENTED: each
# item is passed on as a string, or as its properties (plain values only), for the caller to parse.
$agentDomains = @{ available = $false; items = @(); error = $null }
Import-AgentModule $InstallDir
if (Get-Command -Name 'Get-AADCloudSyncDomains' -ErrorAction SilentlyContinue) {
    try {
        $items = @()
        foreach ($d in @(Get-AADCloudSyncDomains -ErrorAction Stop)) {
            if ($null -eq $d) { continue }
            if ($d -is [string]) { $items += $d; continue }
            $props = @{}
            $pairs = @($d.PSObject.Properties | ForEach-Object { $_ })
            if ($d -is [System.Collections.IDictionary]) { $pairs = @($d.GetEnumerator() | ForEach-Object { New-Object PSObject -Property @{ Name = "$($_.Key)"; Value = $_.Value } }) }
            foreach ($p in $pairs) {
                # A .NET property getter may throw; such a property is simply left out.
                try { $v = $p.Value } catch { continue }
                if ($null -eq $v) { continue }
                if ($v -is [string] -or $v -is [ValueType]) { $props[$p.Name] = "$v" }
                elseif ($v -is [System.Collections.IEnumerable]) { $props[$p.Name] = @($v | ForEach-Object { "$_" }) }
                else { $props[$p.Name] = "$v" }
            }
            $items += , $props
        }
        $agentDomains.available = $true
        $agentDomains.items = $items
    } catch [System.Management.Automation.CommandNotFoundException] {
        $agentDomains.error = $null
    } catch {
        $agentDomains.error = ($_.Exception.Message -replace '\s+', ' ').Trim()
    }
}

$computerDomain = $null
$system = Get-CimInstance -ClassName Win32_ComputerSystem -ErrorAction SilentlyContinue | Select-Object -First 1
if ($system -and $system.PartOfDomain) { $computerDomain = [string]$system.Domain }

$kds = $null
if ($CheckKds) {
    $kds = @{ checked = $false; keys = 0; effective = 0; nextEffective = $null; error = $null }
    if (-not (Get-Command -Name 'Get-KdsRootKey' -ErrorAction SilentlyContinue)) {
        $kds.error = 'Get-KdsRootKey is not available on this server (Kds module)'
    } else {
        try {
            $now = Get-Date
            $keys = @(Get-KdsRootKey -ErrorAction Stop)
            $pending = @($keys | Where-Object { $_.EffectiveTime -gt $now } | Sort-Object EffectiveTime)
            $kds.checked = $true
            $kds.keys = $keys.Count
            $kds.effective = $keys.Count - $pending.Count
            if ($pending.Count -gt 0) { $kds.nextEffective = $pending[0].EffectiveTime.ToUniversalTime().ToString('yyyy-MM-dd HH:mm') + ' UTC' }
        } catch {
            $kds.error = "Get-KdsRootKey failed: $($_.Exception.Message)"
        }
    }
}

@{ record = $record; permissions = $permissions; agentDomains = $agentDomains; computerDomain = $computerDomain; kds = $kds }
