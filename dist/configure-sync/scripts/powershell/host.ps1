# The action's one PowerShell session. Node starts this file once per run and sends requests on
# standard input, one JSON document a line:
#   {"id":1,"script":"<absolute path of a .ps1>","params":{...},"secrets":{"Name":"value"}}
# Each script runs in its own scope with params as named parameters and every secret as a
# SecureString parameter, so secrets never touch a command line or a file. Everything the host
# writes for Node is one line that starts with the session marker (from the environment):
#   <marker>{"type":"log","level":"info|warning|verbose","message":"..."}
#   <marker>{"type":"result","id":1,"ok":true,"value":...}
#   <marker>{"type":"result","id":1,"ok":false,"error":{"message":"...","code":"...","script":"...","line":0}}
# Must stay valid Windows PowerShell 5.1.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version 2.0

$marker = $env:EPA_SESSION_MARKER
if (-not $marker) { [Console]::Error.WriteLine('EPA_SESSION_MARKER is not set; this script is started by the action.'); exit 2 }
Remove-Item Env:\EPA_SESSION_MARKER

$utf8 = New-Object System.Text.UTF8Encoding($false)
[Console]::OutputEncoding = $utf8
$stdout = New-Object System.IO.StreamWriter([Console]::OpenStandardOutput(), $utf8)
$stdout.AutoFlush = $true
$stdin = New-Object System.IO.StreamReader([Console]::OpenStandardInput(), $utf8)

# Windows PowerShell 5.1 serialises arrays as {"value":[...],"Count":n} because of this type data.
if (Get-TypeData -TypeName System.Array) { Remove-TypeData -TypeName System.Array }

function ConvertTo-EpaJson([object]$Value) {
    $json = ConvertTo-Json -InputObject $Value -Depth 12 -Compress
    # Plain ASCII on the wire: no console code page can garble it.
    [regex]::Replace($json, '[^\x00-\x7F]', { param($m) '\u{0:x4}' -f [int][char]$m.Value })
}

function Write-EpaEvent([hashtable]$Event) {
    $stdout.WriteLine($marker + (ConvertTo-EpaJson $Event))
}

# For scripts: fail with a stable code Node can act on, and a one-line message for the user.
function Fail([string]$Code, [string]$Message) {
    $exception = New-Object System.InvalidOperationException($Message)
    $record = New-Object System.Management.Automation.ErrorRecord($exception, $Code, 'InvalidOperation', $null)
    throw $record
}

# For scripts: run a native program and fail unless its exit code is one the caller accepts
# (Windows PowerShell 5.1 has no $PSNativeCommandUseErrorActionPreference).
function Invoke-Native([string]$FilePath, [string[]]$Arguments = @(), [int[]]$AllowedExitCodes = @(0)) {
    # 5.1 turns stderr lines into terminating errors under 'Stop' when 2>&1 is used.
    $ErrorActionPreference = 'Continue'
    $output = & $FilePath @Arguments 2>&1 | ForEach-Object { "$_" }
    $code = $LASTEXITCODE
    if ($AllowedExitCodes -notcontains $code) {
        $tail = ($output | Select-Object -Last 5) -join ' | '
        Fail 'NativeCommandFailed' ("'{0}' exited with code {1}. {2}" -f (Split-Path -Leaf $FilePath), $code, $tail)
    }
    [pscustomobject]@{ ExitCode = $code; Output = @($output) }
}

function Get-EpaErrorRecordInfo($Record, [string]$Script) {
    $code = $Record.FullyQualifiedErrorId
    if ($code -and $code.Contains(',')) { $code = $code.Split(',')[0] }
    $message = $Record.Exception.Message
    # `throw 'text'` makes the text its own error id; that is not a code (and may hold data).
    if ($code -eq $message -or -not $code) { $code = 'ScriptError' }
    if (-not $message) { $message = "$Record" }
    $line = 0
    if ($Record.InvocationInfo) { $line = $Record.InvocationInfo.ScriptLineNumber }
    @{ message = $message; code = $code; script = (Split-Path -Leaf $Script); line = $line }
}

function Invoke-EpaRequest($Request) {
    $parameters = @{}
    if ($Request.params) {
        foreach ($p in $Request.params.PSObject.Properties) {
            $value = $p.Value
            # JSON arrays arrive as object[]; scripts declare [string[]] etc. and PowerShell converts.
            $parameters[$p.Name] = $value
        }
    }
    if ($Request.secrets) {
        foreach ($s in $Request.secrets.PSObject.Properties) {
            $secure = New-Object System.Security.SecureString
            foreach ($c in ([string]$s.Value).ToCharArray()) { $secure.AppendChar($c) }
            $secure.MakeReadOnly()
            $parameters[$s.Name] = $secure
        }
    }
    $values = New-Object System.Collections.ArrayList
    & $Request.script @parameters *>&1 | ForEach-Object {
        $item = $_
        if ($item -is [System.Management.Automation.InformationRecord]) {
            Write-EpaEvent @{ type = 'log'; level = 'info'; message = "$($item.MessageData)" }
        } elseif ($item -is [System.Management.Automation.WarningRecord]) {
            Write-EpaEvent @{ type = 'log'; level = 'warning'; message = $item.Message }
        } elseif ($item -is [System.Management.Automation.VerboseRecord] -or $item -is [System.Management.Automation.DebugRecord]) {
            Write-EpaEvent @{ type = 'log'; level = 'verbose'; message = $item.Message }
        } elseif ($item -is [System.Management.Automation.ErrorRecord]) {
            # A non-terminating error the script chose to tolerate: show it, do not fail.
            Write-EpaEvent @{ type = 'log'; level = 'warning'; message = $item.Exception.Message }
        } else {
            [void]$values.Add($item)
        }
    }
    if ($values.Count -eq 0) { return $null }
    if ($values.Count -eq 1) { return $values[0] }
    return ,($values.ToArray())
}

while ($true) {
    $line = $stdin.ReadLine()
    if ($null -eq $line) { break }
    if ($line.Trim() -eq '') { continue }
    $id = $null
    $request = $null
    try {
        $request = ConvertFrom-Json -InputObject $line
        $id = $request.id
        $value = Invoke-EpaRequest $request
        $response = @{ type = 'result'; id = $id; ok = $true; value = $value }
    } catch {
        $script = ''
        if ($request -and $request.script) { $script = $request.script }
        $response = @{ type = 'result'; id = $id; ok = $false; error = (Get-EpaErrorRecordInfo $_ $script) }
    }
    $request = $null
    try {
        Write-EpaEvent $response
    } catch {
        Write-EpaEvent @{ type = 'result'; id = $id; ok = $false; error = @{ message = "The script's result could not be written as JSON: $($_.Exception.Message)"; code = 'ResultNotSerializable'; script = ''; line = 0 } }
    }
}
