# Records, before a change the agent reads only at start (its logon account, its domains), the time of
# that change: until the agent's process started after this mark, a restart is pending (a run killed
# before its restart is finished by the next one). Returns @{ at = <UTC round-trip time> }.
param([Parameter(Mandatory = $true)][string]$Key, [Parameter(Mandatory = $true)][string]$Name)
$ErrorActionPreference = 'Stop'
if (-not (Test-Path -LiteralPath $Key)) { New-Item -Path $Key -Force | Out-Null }
$at = [DateTime]::UtcNow.ToString('o')
Set-ItemProperty -LiteralPath $Key -Name $Name -Value $at
@{ at = $at }
