# Reads what this action last applied (no command reads the writeback setting back from the agent).
param([string]$RecordKey, [string]$RecordValue)
$record = $null
$item = Get-ItemProperty -LiteralPath $RecordKey -Name $RecordValue -ErrorAction SilentlyContinue
if ($null -ne $item) { $record = [string]$item.$RecordValue }
@{ record = $record }
