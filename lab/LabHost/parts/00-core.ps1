# State files, the lab's own log, and the Windows environment the scripts expect.

# The primitives below use .NET calls, not cmdlets: every lab command of every engine runs through
# them, and cmdlet pipelines cost milliseconds each (most of a lab test's CPU time once).
function Get-LabPath([string]$Relative) {
    if (-not $Relative) { return $script:LabRoot }
    [System.IO.Path]::Combine($script:LabRoot, $Relative)
}

function Read-LabJson([string]$Relative, $Default = $null) {
    $path = Get-LabPath $Relative
    if (-not [System.IO.File]::Exists($path)) { return $Default }
    $text = [System.IO.File]::ReadAllText($path)
    if (-not $text.Trim()) { return $Default }
    ConvertFrom-Json -InputObject $text -AsHashtable
}

function Write-LabJson([string]$Relative, $Value) {
    $path = Get-LabPath $Relative
    [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($path))
    # Write-then-rename, so a test that reads state never sees half a file.
    $tmp = "$path.tmp-$PID"
    [System.IO.File]::WriteAllText($tmp, (ConvertTo-Json -InputObject $Value -Depth 10))
    [System.IO.File]::Move($tmp, $path, $true)
}

# One line per event in lab/events.log: what the simulated server was asked to do.
function Write-LabEvent([string]$Message) {
    $dir = [System.IO.Directory]::CreateDirectory((Get-LabPath 'lab')).FullName
    [System.IO.File]::AppendAllText([System.IO.Path]::Combine($dir, 'events.log'), ('{0:o} {1}' -f [DateTime]::UtcNow, $Message) + [Environment]::NewLine)
}

# The server's description (OS, elevation, ...): lab/server.json, written by lab/lab.mjs.
function Get-LabServer {
    $server = Read-LabJson 'lab/server.json' @{}
    $defaults = @{
        computerName = 'LAB-SYNC01'; domain = 'contoso.com'; caption = 'Microsoft Windows Server 2022 Datacenter'
        productType = 3; installationType = 'Server'; osVersion = '10.0.20348'; elevated = $true
        partOfDomain = $true; memoryBytes = 8GB
    }
    foreach ($key in $defaults.Keys) { if (-not $server.ContainsKey($key)) { $server[$key] = $defaults[$key] } }
    $server
}

function Initialize-LabSession {
    foreach ($dir in 'Program Files', 'Program Files (x86)', 'ProgramData', 'Windows', 'Temp', 'Users/runner', 'registry/HKLM', 'services', 'lab') {
        [void][System.IO.Directory]::CreateDirectory((Join-Path $script:LabRoot $dir))
    }
    $server = Get-LabServer
    $env:ProgramFiles = Get-LabPath 'Program Files'
    ${env:ProgramFiles(x86)} = Get-LabPath 'Program Files (x86)'
    $env:ProgramData = Get-LabPath 'ProgramData'
    $env:SystemRoot = Get-LabPath 'Windows'
    $env:windir = $env:SystemRoot
    $env:TEMP = Get-LabPath 'Temp'
    $env:TMP = $env:TEMP
    $env:USERPROFILE = Get-LabPath 'Users/runner'
    $env:COMPUTERNAME = $server.computerName
    $env:USERDNSDOMAIN = $server.domain
    [void](New-PSDrive -Name HKLM -PSProvider FileSystem -Root (Get-LabPath 'registry/HKLM') -Scope Global)
    [void][System.IO.Directory]::CreateDirectory((Get-LabPath 'registry/HKCU'))
    [void](New-PSDrive -Name HKCU -PSProvider FileSystem -Root (Get-LabPath 'registry/HKCU') -Scope Global)
}
