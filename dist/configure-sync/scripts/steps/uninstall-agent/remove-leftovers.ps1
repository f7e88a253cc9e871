# Removes what the uninstallers leave and the workflow asked to remove: the agent config's backups
# (set-fips writes them beside the config) and the action's own records in the registry.
param([string[]]$Files = @(), [string]$RecordsKey, [string]$InstallDir)
$ErrorActionPreference = 'Stop'
$removed = @()
foreach ($f in $Files) {
    if ($f -and (Test-Path -LiteralPath $f -PathType Leaf)) { Remove-Item -LiteralPath $f -Force; $removed += $f }
}
if ($InstallDir -and (Test-Path -LiteralPath $InstallDir -PathType Container) -and -not @(Get-ChildItem -LiteralPath $InstallDir -Force).Count) {
    Remove-Item -LiteralPath $InstallDir -Force
    $removed += $InstallDir
}
if ($RecordsKey -and (Test-Path -LiteralPath $RecordsKey)) { Remove-Item -LiteralPath $RecordsKey -Recurse -Force; $removed += $RecordsKey }
@{ removed = @($removed) }
