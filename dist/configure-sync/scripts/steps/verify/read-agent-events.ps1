# The agent's own errors: Critical and Error events of its Admin log since its service last started
# (the process start time of the service), else of the last 24 hours. Read-only; bounded.
param(
    [Parameter(Mandatory = $true)][string]$ServiceName,
    [string]$LogName = 'Microsoft-AzureADConnect-ProvisioningAgent/Admin',
    [int]$MaxEvents = 500,
    [int]$Latest = 5
)
$ErrorActionPreference = 'Stop'

$since = $null
$sinceSource = 'the last 24 hours (the service is not running)'
$service = Get-CimInstance -ClassName Win32_Service -Filter "Name='$ServiceName'" -ErrorAction SilentlyContinue | Select-Object -First 1
if ($service -and $service.ProcessId) {
    $process = Get-Process -Id ([int]$service.ProcessId) -ErrorAction SilentlyContinue
    if ($process -and $process.StartTime) { $since = $process.StartTime; $sinceSource = 'the service started' }
}
if (-not $since) { $since = (Get-Date).AddHours(-24) }

$events = @()
$readError = $null
try {
    $events = @(Get-WinEvent -FilterHashtable @{ LogName = $LogName; Level = @(1, 2); StartTime = $since } -MaxEvents $MaxEvents -ErrorAction Stop)
} catch {
    if ($_.FullyQualifiedErrorId -notmatch 'NoMatchingEventsFound') { $readError = $_.Exception.Message }
}
@{
    since       = $since.ToUniversalTime().ToString('o')
    sinceSource = $sinceSource
    count       = $events.Count
    capped      = ($events.Count -ge $MaxEvents)
    latest      = @($events | Select-Object -First $Latest | ForEach-Object { @{ time = $_.TimeCreated.ToUniversalTime().ToString('o'); id = [int]$_.Id; level = "$($_.LevelDisplayName)"; message = "$($_.Message)" } })
    error       = $readError
}
