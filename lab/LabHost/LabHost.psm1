# The lab host: stand-ins for the Windows-only commands the action's scripts use, acting on a
# simulated server kept as files under $env:AGENT_LAB_ROOT. Each concern lives in parts/*.ps1;
# lab/README.md documents the state layout and every switch.
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

if (-not $env:AGENT_LAB_ROOT -or -not (Test-Path -LiteralPath $env:AGENT_LAB_ROOT -PathType Container)) {
    throw 'LabHost: AGENT_LAB_ROOT must name an existing directory.'
}
$script:LabRoot = (Resolve-Path -LiteralPath $env:AGENT_LAB_ROOT).ProviderPath

foreach ($part in Get-ChildItem -LiteralPath (Join-Path $PSScriptRoot 'parts') -Filter '*.ps1' | Sort-Object Name) {
    . $part.FullName
}

Initialize-LabSession
