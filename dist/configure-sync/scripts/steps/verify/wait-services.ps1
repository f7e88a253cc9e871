# Waits (bounded) until the named services run. Read-only: it starts nothing; it gives a service
# that is starting, or being restarted by the updater, time to reach Running.
param([string[]]$Name, [int]$TimeoutSeconds = 60)
$ErrorActionPreference = 'Stop'

function Get-Statuses {
    $statuses = @{}
    foreach ($n in $Name) {
        $service = Get-Service -Name $n -ErrorAction SilentlyContinue
        if ($service) { $statuses[$n] = "$($service.Status)" } else { $statuses[$n] = $null }
    }
    $statuses
}

$watch = [System.Diagnostics.Stopwatch]::StartNew()
$statuses = Get-Statuses
$pending = @($Name | Where-Object { $null -ne $statuses[$_] -and $statuses[$_] -ne 'Running' })
if ($pending.Count -gt 0) {
    Write-Host ("Waiting up to {0} s for {1} to run." -f $TimeoutSeconds, ($pending -join ', '))
}
while ($pending.Count -gt 0 -and $watch.Elapsed.TotalSeconds -lt $TimeoutSeconds) {
    Start-Sleep -Milliseconds 500
    $statuses = Get-Statuses
    $pending = @($Name | Where-Object { $null -ne $statuses[$_] -and $statuses[$_] -ne 'Running' })
}

@{ statuses = $statuses; waitedSeconds = [int][Math]::Round($watch.Elapsed.TotalSeconds) }
