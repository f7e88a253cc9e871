# Stores this action's domain record (JSON, prepared by the caller) without touching the agent.
param([string]$RecordKey, [string]$RecordValue, [string]$Record)
if (-not (Test-Path -LiteralPath $RecordKey)) { New-Item -Path $RecordKey -Force | Out-Null }
Set-ItemProperty -LiteralPath $RecordKey -Name $RecordValue -Value $Record
@{ saved = $true }
