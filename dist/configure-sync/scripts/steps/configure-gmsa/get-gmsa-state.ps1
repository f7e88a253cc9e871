# Reads what configure-gmsa needs beyond the shared server state: the forest's KDS root keys (only
# when a gMSA may have to be created), the server's domain, and this action's own domain record.
param([string]$RecordKey, [string]$RecordValue, [bool]$CheckKds)

$record = $null
$item = Get-ItemProperty -LiteralPath $RecordKey -Name $RecordValue -ErrorAction SilentlyContinue
if ($null -ne $item) { $record = [string]$item.$RecordValue }

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

@{ record = $record; computerDomain = $computerDomain; kds = $kds }
