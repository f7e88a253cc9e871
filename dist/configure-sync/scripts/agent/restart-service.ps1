# Restarts a Windows service and waits, bounded, until it is Running. Generic on purpose: any step
# that changes what a service reads only at start (its config file, its logon account) uses it.
# Returns @{ name; status; waitedSeconds }; fails in one line naming the service and its status.
param(
    [Parameter(Mandatory = $true)][string]$Name,
    [int]$TimeoutSeconds = 120
)

$service = Get-Service -Name $Name -ErrorAction SilentlyContinue
if (-not $service) { Fail 'ServiceNotFound' "Service '$Name' does not exist on this server." }

$started = [DateTime]::UtcNow
try {
    Restart-Service -Name $Name -Force -ErrorAction Stop -WarningAction SilentlyContinue
} catch {
    $status = 'unknown'
    $now = Get-Service -Name $Name -ErrorAction SilentlyContinue
    if ($now) { $status = "$($now.Status)" }
    $reason = ($_.Exception.Message -replace '\s+', ' ').Trim()
    Fail 'ServiceRestartFailed' "Service '$Name' did not restart (status now $status): $reason"
}

# Restart-Service normally returns once the service runs; a slow start can leave it StartPending.
$deadline = $started.AddSeconds($TimeoutSeconds)
while ($true) {
    $now = Get-Service -Name $Name
    if ("$($now.Status)" -eq 'Running') { break }
    if ([DateTime]::UtcNow -ge $deadline) {
        Fail 'ServiceStartTimeout' "Service '$Name' was not Running $TimeoutSeconds s after its restart (status: $($now.Status))."
    }
    Start-Sleep -Milliseconds 500
}

$waited = [math]::Round(([DateTime]::UtcNow - $started).TotalSeconds, 1)
Write-Information "Service '$Name' restarted and is Running (after $waited s)."
@{ name = $Name; status = 'Running'; waitedSeconds = $waited }
