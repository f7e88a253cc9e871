# HKLM (and HKCU, the account the action runs as) as files: every key is a folder under registry/HKLM (registry/HKCU), its values in that folder's
# .values.json ({"Name": value}; numbers are DWORDs, strings REG_SZ, arrays REG_MULTI_SZ).
# Key names are matched case-insensitively, as Windows does. Other paths go to the real cmdlets.

function Test-LabRegistryPath([string]$Path) {
    $Path -match '^(Microsoft\.PowerShell\.Core\\)?(Registry::)?(HKLM:|HKEY_LOCAL_MACHINE|HKCU:|HKEY_CURRENT_USER)(\\|/|$)'
}

# The non-empty paths a stand-in cmdlet was given (-Path and -LiteralPath), and whether any is a
# registry path (else the real cmdlet runs). Loops, not pipelines: these run on every Test-Path.
function Get-LabTargets($Path, $LiteralPath) {
    $targets = [System.Collections.Generic.List[string]]::new()
    foreach ($p in @($Path) + @($LiteralPath)) { if ($p) { $targets.Add($p) } }
    , $targets.ToArray()
}

function Test-LabAnyRegistryPath([string[]]$Targets) {
    foreach ($t in $Targets) { if (Test-LabRegistryPath $t) { return $true } }
    $false
}

# Folder of a key; segments resolved against existing folders ignoring case. -Create makes it.
function Resolve-LabRegistryKey([string]$Path, [switch]$Create) {
    $hive = 'HKLM'
    if ($Path -match '^(Microsoft\.PowerShell\.Core\\)?(Registry::)?(HKCU:|HKEY_CURRENT_USER)') { $hive = 'HKCU' }
    $rest = $Path -replace '^(Microsoft\.PowerShell\.Core\\)?(Registry::)?(HKLM:|HKEY_LOCAL_MACHINE|HKCU:|HKEY_CURRENT_USER)', ''
    $current = Get-LabPath "registry/$hive"
    [void][System.IO.Directory]::CreateDirectory($current)
    $exists = $true
    # .NET calls, not Get-ChildItem pipelines: every registry read and write of every script comes here.
    foreach ($segment in ($rest -split '[\\/]')) {
        if ($segment -eq '') { continue }
        $match = $null
        if ($exists) {
            foreach ($dir in [System.IO.Directory]::EnumerateDirectories($current)) {
                if ([System.IO.Path]::GetFileName($dir) -ieq $segment) { $match = $dir; break }
            }
        }
        if ($match) { $current = $match } else { $exists = $false; $current = [System.IO.Path]::Combine($current, $segment) }
    }
    if (-not $exists -and $Create) { [void][System.IO.Directory]::CreateDirectory($current); $exists = $true }
    [pscustomobject]@{ Folder = $current; Exists = $exists }
}

function Read-LabRegistryValues([string]$Folder) {
    $file = [System.IO.Path]::Combine($Folder, '.values.json')
    if (-not [System.IO.File]::Exists($file)) { return [ordered]@{} }
    $values = ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file)) -AsHashtable
    if ($null -eq $values) { return [ordered]@{} }
    $values
}

function Write-LabRegistryValues([string]$Folder, $Values) {
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($Folder, '.values.json'), (ConvertTo-Json -InputObject $Values -Depth 5))
}

function Find-LabRegistryValueName($Values, [string]$Name) {
    foreach ($key in @($Values.Keys)) { if ($key -ieq $Name) { return $key } }
    $null
}

function Write-LabNotFound($Cmdlet, [string]$Message, [string]$Id) {
    $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.Management.Automation.ItemNotFoundException($Message)), $Id, 'ObjectNotFound', $null)
    $Cmdlet.WriteError($record)
}

function Get-ItemProperty {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string[]]$Name)
    $targets = Get-LabTargets $Path $LiteralPath
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\Get-ItemProperty @PSBoundParameters
    }
    foreach ($target in $targets) {
        $key = Resolve-LabRegistryKey $target
        if (-not $key.Exists) { Write-LabNotFound $PSCmdlet "Cannot find path '$target' because it does not exist." 'PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyCommand'; continue }
        $values = Read-LabRegistryValues $key.Folder
        $result = [ordered]@{}
        if ($Name) {
            foreach ($n in $Name) {
                $actual = Find-LabRegistryValueName $values $n
                if ($null -eq $actual) { Write-LabNotFound $PSCmdlet "Property $n does not exist at path $target." 'System.Management.Automation.PSArgumentException,Microsoft.PowerShell.Commands.GetItemPropertyCommand'; continue }
                $result[$actual] = $values[$actual]
            }
            if ($result.Count -eq 0) { continue }
        } else {
            foreach ($k in $values.Keys) { $result[$k] = $values[$k] }
        }
        $result['PSPath'] = "Microsoft.PowerShell.Core\Registry::HKEY_LOCAL_MACHINE\$($target -replace '^[^\\]*\\', '')"
        [pscustomobject]$result
    }
}

function Get-ItemPropertyValue {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1, Mandatory)][string[]]$Name)
    $targets = Get-LabTargets $Path $LiteralPath
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\Get-ItemPropertyValue @PSBoundParameters
    }
    foreach ($item in (Get-ItemProperty -LiteralPath $targets -Name $Name)) { foreach ($n in $Name) { $item.$n } }
}

function Set-LabRegistryValue([string]$Path, [string]$Name, $Value, [switch]$MustExistKey) {
    $key = Resolve-LabRegistryKey $Path -Create:(-not $MustExistKey)
    if (-not $key.Exists) { throw "Cannot find path '$Path' because it does not exist." }
    $values = Read-LabRegistryValues $key.Folder
    $existing = Find-LabRegistryValueName $values $Name
    if ($null -ne $existing) { $values.Remove($existing) }
    $values[$Name] = $Value
    Write-LabRegistryValues $key.Folder $values
}

function Set-ItemProperty {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string]$Name,
        [Parameter(Position = 2)]$Value, [Alias('PropertyType')][string]$Type, [switch]$Force, [switch]$PassThru)
    $targets = Get-LabTargets $Path $LiteralPath
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\Set-ItemProperty @PSBoundParameters
    }
    foreach ($target in $targets) { Set-LabRegistryValue $target $Name $Value -MustExistKey }
}

function New-ItemProperty {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string]$Name,
        $Value, [Alias('Type')][string]$PropertyType, [switch]$Force)
    $targets = Get-LabTargets $Path $LiteralPath
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\New-ItemProperty @PSBoundParameters
    }
    foreach ($target in $targets) { Set-LabRegistryValue $target $Name $Value -MustExistKey }
}

function Remove-ItemProperty {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Parameter(Position = 1)][string[]]$Name, [switch]$Force)
    $targets = Get-LabTargets $Path $LiteralPath
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\Remove-ItemProperty @PSBoundParameters
    }
    foreach ($target in $targets) {
        $key = Resolve-LabRegistryKey $target
        if (-not $key.Exists) { Write-LabNotFound $PSCmdlet "Cannot find path '$target' because it does not exist." 'PathNotFound'; continue }
        $values = Read-LabRegistryValues $key.Folder
        foreach ($n in $Name) {
            $actual = Find-LabRegistryValueName $values $n
            if ($null -eq $actual) { Write-LabNotFound $PSCmdlet "Property $n does not exist at path $target." 'PropertyNotFound'; continue }
            $values.Remove($actual)
        }
        Write-LabRegistryValues $key.Folder $values
    }
}

function Test-Path {
    [CmdletBinding()]
    param([Parameter(Position = 0)][string[]]$Path, [string[]]$LiteralPath, [Microsoft.PowerShell.Commands.TestPathType]$PathType = 'Any',
        [switch]$IsValid, [string]$Filter, [string[]]$Include, [string[]]$Exclude, [datetime]$OlderThan, [datetime]$NewerThan)
    $targets = Get-LabTargets $Path $LiteralPath
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\Test-Path @PSBoundParameters
    }
    foreach ($target in $targets) { (Resolve-LabRegistryKey $target).Exists -and $PathType -ne 'Leaf' }
}

function New-Item {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0)][string[]]$Path, [string]$Name, [Alias('Type')][string]$ItemType, [Alias('Target')]$Value, [switch]$Force)
    $targets = Get-LabTargets $Path $null
    if (-not (Test-LabAnyRegistryPath $targets)) {
        return Microsoft.PowerShell.Management\New-Item @PSBoundParameters
    }
    foreach ($target in $targets) {
        $full = $target
        if ($Name) { $full = "$target\$Name" }
        $key = Resolve-LabRegistryKey $full
        if ($key.Exists -and -not $Force) { throw "A key at this path already exists: $full" }
        [void](Resolve-LabRegistryKey $full -Create)
        [pscustomobject]@{ Name = ($full -split '[\\/]')[-1]; PSPath = $full }
    }
}
