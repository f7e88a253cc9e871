# Windows services as files: services/<Name>.json with Name, DisplayName, Status (Running|Stopped),
# StartType (Automatic|Manual|Disabled), StartName (the account), PathName, and optional
# StartFailure (text: the service will not start and Start-Service fails with it).
# A running service has a process: ProcessId and StartedAt (UTC, round-trip format) are set whenever
# a service becomes Running here (Start/Restart-Service, Set-Service, the simulated installer) and
# cleared when it stops; Win32_Service reports the ProcessId and Win32_Process its CreationDate.
# A service made Running from JavaScript without them has a process whose start time is unknown.

# The services' names (services/*.json), sorted as Get-ChildItem lists them.
function Get-LabServiceNames {
    $dir = Get-LabPath 'services'
    if (-not [System.IO.Directory]::Exists($dir)) { return }
    $names = [System.Collections.Generic.List[string]]::new()
    foreach ($file in [System.IO.Directory]::GetFiles($dir, '*.json')) { $names.Add([System.IO.Path]::GetFileNameWithoutExtension($file)) }
    $names.Sort([System.StringComparer]::InvariantCultureIgnoreCase)
    $names
}

# Every service, as Get-LabService returns them.
function Get-LabServices {
    foreach ($name in Get-LabServiceNames) { Get-LabService $name }
}

function Get-LabService([string]$Name) {
    $file = Get-LabPath "services/$Name.json"
    if (-not [System.IO.File]::Exists($file)) {
        $match = $null
        foreach ($candidate in Get-LabServiceNames) { if ($candidate -ieq $Name) { $match = $candidate; break } }
        if (-not $match) { return $null }
        $file = Get-LabPath "services/$match.json"
    }
    ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file)) -AsHashtable
}

function Save-LabService($Service) {
    $before = Get-LabService $Service.Name
    $wasRunning = $before -and $before['Status'] -eq 'Running' -and $before.ContainsKey('ProcessId') -and $before['ProcessId']
    if ($Service.Status -eq 'Running' -and -not $wasRunning) {
        # A new process: what Windows reports as the service's ProcessId and the process's start time.
        $Service.ProcessId = Get-Random -Minimum 1000 -Maximum 65000
        $Service.StartedAt = [DateTime]::UtcNow.ToString('o')
    } elseif ($Service.Status -ne 'Running') {
        $Service.ProcessId = 0
    }
    Write-LabJson "services/$($Service.Name).json" $Service
}

function ConvertTo-LabServiceObject($Service) {
    $object = [pscustomobject]@{
        Name = $Service['Name']; ServiceName = $Service['Name']; DisplayName = $Service['DisplayName']
        Status = $Service['Status']; StartType = $Service['StartType']; UserName = $Service['StartName']
        BinaryPathName = $Service['PathName']; CanStop = ($Service['Status'] -eq 'Running')
    }
    $object.PSObject.TypeNames.Insert(0, 'Lab.ServiceController')
    $object
}

function Get-Service {
    [CmdletBinding()]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)][Alias('ServiceName')][string[]]$Name, [string[]]$DisplayName)
    process {
        if (-not $Name -and -not $DisplayName) {
            foreach ($service in Get-LabServices) { ConvertTo-LabServiceObject $service }
            return
        }
        foreach ($n in $Name) {
            $service = Get-LabService $n
            if ($service) { ConvertTo-LabServiceObject $service; continue }
            $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.InvalidOperationException("Cannot find any service with service name '$n'.")), 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand', 'ObjectNotFound', $n)
            $PSCmdlet.WriteError($record)
        }
        foreach ($d in $DisplayName) {
            foreach ($service in Get-LabServices) { if ($service.DisplayName -like $d) { ConvertTo-LabServiceObject $service } }
        }
    }
}

function Get-LabServiceOrFail($Cmdlet, [string]$Name) {
    $service = Get-LabService $Name
    if (-not $service) {
        $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.InvalidOperationException("Cannot find any service with service name '$Name'.")), 'NoServiceFoundForGivenName', 'ObjectNotFound', $Name)
        $Cmdlet.ThrowTerminatingError($record)
    }
    $service
}

function Start-LabServiceCore($Cmdlet, $Service) {
    if ($Service.StartType -eq 'Disabled') {
        $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.InvalidOperationException("Service '$($Service.DisplayName) ($($Service.Name))' cannot be started due to the following error: Cannot start service $($Service.Name) on computer '.'.")), 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand', 'OpenError', $Service.Name)
        $Cmdlet.ThrowTerminatingError($record)
    }
    if ($Service.ContainsKey('StartFailure') -and $Service.StartFailure) {
        $Service.Status = 'Stopped'
        Save-LabService $Service
        Write-LabEvent "service $($Service.Name) failed to start: $($Service.StartFailure)"
        $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.InvalidOperationException("Service '$($Service.DisplayName) ($($Service.Name))' cannot be started due to the following error: $($Service.StartFailure)")), 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand', 'OpenError', $Service.Name)
        $Cmdlet.ThrowTerminatingError($record)
    }
    $Service.Status = 'Running'
    Save-LabService $Service
    Write-LabEvent "service $($Service.Name) started (account $($Service.StartName))"
    Invoke-LabServiceStarted $Service
}

function Start-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)][Alias('ServiceName')][string[]]$Name, [switch]$PassThru)
    process {
        foreach ($n in $Name) {
            $service = Get-LabServiceOrFail $PSCmdlet $n
            if ($service.Status -ne 'Running') { Start-LabServiceCore $PSCmdlet $service }
            if ($PassThru) { ConvertTo-LabServiceObject (Get-LabService $n) }
        }
    }
}

function Stop-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)][Alias('ServiceName')][string[]]$Name, [switch]$Force, [switch]$PassThru, [switch]$NoWait)
    process {
        foreach ($n in $Name) {
            $service = Get-LabServiceOrFail $PSCmdlet $n
            if ($service.Status -ne 'Stopped') {
                $service.Status = 'Stopped'
                Save-LabService $service
                Write-LabEvent "service $n stopped"
            }
            if ($PassThru) { ConvertTo-LabServiceObject (Get-LabService $n) }
        }
    }
}

function Restart-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)][Alias('ServiceName')][string[]]$Name, [switch]$Force, [switch]$PassThru)
    process {
        foreach ($n in $Name) {
            $service = Get-LabServiceOrFail $PSCmdlet $n
            $service.Status = 'Stopped'
            Save-LabService $service
            Write-LabEvent "service $n stopped (restart)"
            Start-LabServiceCore $PSCmdlet $service
            if ($PassThru) { ConvertTo-LabServiceObject (Get-LabService $n) }
        }
    }
}

function Set-Service {
    [CmdletBinding(SupportsShouldProcess)]
    param([Parameter(Position = 0, ValueFromPipelineByPropertyName)][Alias('ServiceName')][string]$Name, [string]$StartupType, [string]$Status, [pscredential]$Credential)
    $service = Get-LabServiceOrFail $PSCmdlet $Name
    if ($StartupType) { $service.StartType = $StartupType }
    if ($Credential) { $service.StartName = $Credential.UserName }
    Save-LabService $service
    if ($Status -eq 'Running') { Start-Service -Name $Name }
    if ($Status -eq 'Stopped') { Stop-Service -Name $Name }
}

# Get-CimInstance for the classes the scripts read: Win32_Service (filters Name='x' and PathName LIKE '%x%'), Win32_OperatingSystem, Win32_ComputerSystem.
function Get-CimInstance {
    [CmdletBinding()]
    param([Parameter(Position = 0)][Alias('Class')][string]$ClassName, [string]$Filter, [string]$Namespace, [string]$Query)
    switch ($ClassName) {
        'Win32_Service' {
            $name = $null
            if ($Filter -match "(^|\s)Name\s*=\s*'?([^' ]+)'?") { $name = $Matches[2] }
            # WQL LIKE on PathName: % is any run of characters, _ one character.
            $pathLike = $null
            if ($Filter -match "PathName\s+LIKE\s+'([^']*)'") { $pathLike = ($Matches[1] -replace '\*', '[*]' -replace '%', '*' -replace '_', '?') }
            foreach ($s in Get-LabServices) {
                if ($name -and $s.Name -ine $name) { continue }
                if ($pathLike -and -not ("$($s['PathName'])" -like $pathLike)) { continue }
                $mode = $s.StartType
                if ($mode -eq 'Automatic') { $mode = 'Auto' }
                $processId = 0
                if ($s['Status'] -eq 'Running' -and $s.ContainsKey('ProcessId') -and $s['ProcessId']) { $processId = [uint32]$s['ProcessId'] }
                [pscustomobject]@{ Name = $s['Name']; DisplayName = $s['DisplayName']; State = $s['Status']; StartMode = $mode; StartName = $s['StartName']; PathName = $s['PathName']; ProcessId = $processId }
            }
        }
        'Win32_Process' {
            # Only the services' processes are simulated (by ProcessId filter).
            $id = $null
            if ($Filter -match 'ProcessId\s*=\s*(\d+)') { $id = [uint32]$Matches[1] }
            foreach ($s in Get-LabServices) {
                if ($s['Status'] -ne 'Running' -or -not $s.ContainsKey('ProcessId') -or -not $s['ProcessId'] -or -not $s.ContainsKey('StartedAt')) { continue }
                # 60-lifecycle.ps1 reports a pid derived from the service name in Win32_Service: accept either.
                $ids = @([uint32]$s['ProcessId'])
                if (Get-Command Get-LabServicePid -ErrorAction SilentlyContinue) { $ids += [uint32](Get-LabServicePid $s['Name']) }
                if ($null -ne $id -and $ids -notcontains $id) { continue }
                # ConvertFrom-Json may already have made the round-trip string a DateTime (keeping its ticks).
                $started = $s['StartedAt']
                if ($started -isnot [datetime]) { $started = [DateTime]::Parse([string]$started, [Globalization.CultureInfo]::InvariantCulture, [Globalization.DateTimeStyles]::RoundtripKind) }
                $exe = ([string]$s['PathName']).Trim('"')
                $leaf = $null
                if ($exe) { $leaf = [System.IO.Path]::GetFileName($exe) }
                [pscustomobject]@{ ProcessId = $(if ($null -ne $id) { $id } else { [uint32]$s['ProcessId'] }); Name = $leaf; ExecutablePath = $exe; CreationDate = $started.ToLocalTime() }
            }
        }
        'Win32_OperatingSystem' {
            $server = Get-LabServer
            [pscustomobject]@{ Caption = $server.caption; ProductType = [uint32]$server.productType; Version = $server.osVersion; BuildNumber = ($server.osVersion -split '\.')[-1]; OperatingSystemSKU = 8 }
        }
        'Win32_ComputerSystem' {
            $server = Get-LabServer
            # A workgroup server reports its workgroup in Domain (WORKGROUP).
            $domain = $server.domain
            if (-not $server.partOfDomain) { $domain = 'WORKGROUP' }
            [pscustomobject]@{ Name = $server.computerName; Domain = $domain; PartOfDomain = [bool]$server.partOfDomain; TotalPhysicalMemory = [uint64]$server.memoryBytes }
        }
        default { throw "LabHost: Get-CimInstance class '$ClassName' is not simulated." }
    }
}
