# Windows services as files: services/<Name>.json with Name, DisplayName, Status (Running|Stopped),
# StartType (Automatic|Manual|Disabled), StartName (the account), PathName, and optional
# StartFailure (text: the service will not start and Start-Service fails with it).

function Get-LabService([string]$Name) {
    $file = Get-LabPath "services/$Name.json"
    if (-not (Test-Path -LiteralPath $file)) {
        $match = Get-ChildItem -LiteralPath (Get-LabPath 'services') -Filter '*.json' | Where-Object { $_.BaseName -ieq $Name } | Select-Object -First 1
        if (-not $match) { return $null }
        $file = $match.FullName
    }
    ConvertFrom-Json -InputObject ([System.IO.File]::ReadAllText($file)) -AsHashtable
}

function Save-LabService($Service) {
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
            Get-ChildItem -LiteralPath (Get-LabPath 'services') -Filter '*.json' | ForEach-Object { ConvertTo-LabServiceObject (Get-LabService $_.BaseName) }
            return
        }
        foreach ($n in $Name) {
            $service = Get-LabService $n
            if ($service) { ConvertTo-LabServiceObject $service; continue }
            $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.InvalidOperationException("Cannot find any service with service name '$n'.")), 'NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand', 'ObjectNotFound', $n)
            $PSCmdlet.WriteError($record)
        }
        foreach ($d in $DisplayName) {
            Get-ChildItem -LiteralPath (Get-LabPath 'services') -Filter '*.json' | ForEach-Object { Get-LabService $_.BaseName } |
                Where-Object { $_.DisplayName -like $d } | ForEach-Object { ConvertTo-LabServiceObject $_ }
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
    $Service.StartedAt = [DateTime]::UtcNow.ToString('o')
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
            $files = Get-ChildItem -LiteralPath (Get-LabPath 'services') -Filter '*.json'
            foreach ($file in $files) {
                $s = Get-LabService $file.BaseName
                if ($name -and $s.Name -ine $name) { continue }
                if ($pathLike -and -not ("$($s['PathName'])" -like $pathLike)) { continue }
                $mode = $s.StartType
                if ($mode -eq 'Automatic') { $mode = 'Auto' }
                [pscustomobject]@{ Name = $s['Name']; DisplayName = $s['DisplayName']; State = $s['Status']; StartMode = $mode; StartName = $s['StartName']; PathName = $s['PathName'] }
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
