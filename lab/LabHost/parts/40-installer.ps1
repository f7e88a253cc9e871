# The agent installer, run for real against the simulated server. lab/installer.mjs writes stand-in
# installers: a LAB-BINARY header (version resource, see 30-files.ps1) with "LabInstaller": true, a
# payload, and optionally a last line "LAB-SIGNATURE {json}" standing in for the Authenticode
# signature (Signer, Subject, Thumbprint, Digest = SHA-256 of every byte before that line, optional
# Status override). Stand-ins here: Get-AuthenticodeSignature, Start-Process (lab installers only),
# whoami.exe (elevation), and the InstallationType registry value from lab/server.json.
# State: lab/installer-exit-codes.json (queue of exit codes, consumed one per run; empty = 0),
# lab/agent-install.json (what the installer did), lab/commandlines.log (every installer command line).

# The agent's footprint as agent-facts.md gives it (lab/README.md, "Simulated facts", has the sources).
$script:LabAgentFolder = 'Microsoft Azure AD Connect Provisioning Agent'
$script:LabUpdaterFolder = 'Microsoft Azure AD Connect Provisioning Agent Updater'
$script:LabAgentKey = 'HKLM:\SOFTWARE\Microsoft\Azure AD Connect Agents\Azure AD Connect Provisioning Agent'
$script:LabAgentService = 'AADConnectProvisioningAgent'
$script:LabAgentExe = 'AADConnectProvisioningAgent.exe'
$script:LabUpdaterExe = 'AzureADConnectAgentUpdater.exe'
$script:LabUpdaterService = 'AzureADConnectAgentUpdater'
$script:LabUninstallKey = 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall'
# Product codes of the three Programs-and-Features entries: made up (the real ones are UNDOCUMENTED).
$script:LabProductCodes = @{
    Package = '{6F9D7A1B-3C2E-4C1E-9A7E-0A6E17B0D1E5}'
    Agent   = '{B1E0C7A4-5D2F-4E8B-9C61-7A3F2D9E0B14}'
    Updater = '{4A7C2E91-8B3D-4F06-A5E2-C19D7B0F3A62}'
}
$script:LabKeepsConfigFrom = [version]'1.1.1365.0'

# Undocumented variants the lab can play (lab/agent-variant.json, written by setAgentVariant in
# lab/installer.mjs): installDir (another folder), installDirTrailingBackslash, updaterServiceName
# (same executable, another short name), fileVersion (differs from the product version),
# programDataFolderName.
function Get-LabAgentVariant {
    $variant = Read-LabJson 'lab/agent-variant.json' @{}
    if ($null -eq $variant) { $variant = @{} }
    $variant
}

function Get-LabVariantValue($Variant, [string]$Name, $Default) {
    if ($Variant.ContainsKey($Name) -and $null -ne $Variant[$Name] -and "$($Variant[$Name])" -ne '') { return $Variant[$Name] }
    $Default
}

# Where the agent is: the folder its registry key names (an upgrade stays there), else where a new
# install goes (the variant's folder or the documented default).
function Get-LabAgentDir {
    $key = Resolve-LabRegistryKey $script:LabAgentKey
    if ($key.Exists) {
        $values = Read-LabRegistryValues $key.Folder
        $name = Find-LabRegistryValueName $values 'InstallDir'
        if ($null -ne $name -and $values[$name]) { return ([string]$values[$name]).TrimEnd('\', '/') }
    }
    $variant = Get-LabAgentVariant
    $dir = Get-LabVariantValue $variant 'installDir' $null
    if ($dir) {
        if (-not [System.IO.Path]::IsPathRooted($dir)) { $dir = Get-LabPath $dir }
        return $dir
    }
    Join-Path $env:ProgramFiles $script:LabAgentFolder
}

# The updater service: the one running the updater executable, whatever its name.
function Get-LabUpdaterService {
    foreach ($service in Get-LabServices) {
        if ($service -and "$($service['PathName'])" -match ([regex]::Escape($script:LabUpdaterExe) + '"?$')) { return $service }
    }
    $null
}

# A real server always has these values; a lab server gets them from lab/server.json once.
function Initialize-LabWindowsVersion {
    $key = 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'
    $folder = (Resolve-LabRegistryKey $key).Folder
    $values = Read-LabRegistryValues $folder
    if ($null -ne (Find-LabRegistryValueName $values 'InstallationType')) { return }
    $server = Get-LabServer
    Set-LabRegistryValue $key 'InstallationType' ([string]$server.installationType)
    Set-LabRegistryValue $key 'ProductName' ([string]$server.caption)
    Set-LabRegistryValue $key 'CurrentBuild' ([string](($server.osVersion -split '\.')[-1]))
}
Initialize-LabWindowsVersion

# whoami.exe /groups: the token's groups; the mandatory label says whether the session is elevated
# (lab/server.json "elevated"). Only the CSV/no-header form the action uses is simulated in full.
function whoami.exe {
    $server = Get-LabServer
    $argsText = ($args -join ' ').ToLowerInvariant()
    if ($argsText -notmatch '/groups') {
        $global:LASTEXITCODE = 0
        return ('{0}\runner' -f ($server.domain -split '\.')[0])
    }
    $label = '"Mandatory Label\Medium Mandatory Level","Label","S-1-16-8192",""'
    if ($server.elevated) { $label = '"Mandatory Label\High Mandatory Level","Label","S-1-16-12288",""' }
    $lines = @(
        '"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"',
        '"BUILTIN\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"',
        '"NT AUTHORITY\SERVICE","Well-known group","S-1-5-6","Mandatory group, Enabled by default, Enabled group"',
        $label
    )
    if ($argsText -notmatch '/nh') { $lines = @('"Group Name","Type","SID","Attributes"') + $lines }
    $global:LASTEXITCODE = 0
    $lines
}

function Get-LabInstallerHeader([string]$Path) {
    $header = Get-LabBinaryHeader $Path
    if ($header -and $header.ContainsKey('LabInstaller') -and $header.LabInstaller) { return $header }
    $null
}

# The signature block at the end of a file and the digest of everything before it, streamed.
function Read-LabSignature([string]$Path) {
    $stream = [System.IO.File]::OpenRead($Path)
    try {
        $tailLength = [int][Math]::Min($stream.Length, 8192)
        $tail = New-Object byte[] $tailLength
        [void]$stream.Seek(-$tailLength, 'End')
        $read = 0
        while ($read -lt $tailLength) { $read += $stream.Read($tail, $read, $tailLength - $read) }
        $text = [System.Text.Encoding]::ASCII.GetString($tail)
        $at = $text.LastIndexOf("`nLAB-SIGNATURE ")
        if ($at -lt 0) { return $null }
        $signedLength = $stream.Length - $tailLength + $at + 1
        $json = $text.Substring($at + 15).Trim()
        $signature = ConvertFrom-Json -InputObject $json -AsHashtable
        [void]$stream.Seek(0, 'Begin')
        $sha = [System.Security.Cryptography.SHA256]::Create()
        $buffer = New-Object byte[] 1048576
        $left = $signedLength
        while ($left -gt 0) {
            $n = $stream.Read($buffer, 0, [int][Math]::Min($buffer.Length, $left))
            if ($n -le 0) { break }
            [void]$sha.TransformBlock($buffer, 0, $n, $null, 0)
            $left -= $n
        }
        [void]$sha.TransformFinalBlock($buffer, 0, 0)
        $signature['ActualDigest'] = ([System.BitConverter]::ToString($sha.Hash) -replace '-', '').ToLowerInvariant()
        $signature
    } finally {
        $stream.Dispose()
    }
}

# Get-AuthenticodeSignature (Microsoft.PowerShell.Security; Windows only, absent on Linux): a
# Signature object with Status (SignatureStatus), StatusMessage, SignerCertificate (Subject, Issuer,
# Thumbprint, NotBefore, NotAfter), Path and SignatureType. Files without a signature block are NotSigned.
function Get-AuthenticodeSignature {
    [CmdletBinding(DefaultParameterSetName = 'ByPath')]
    param(
        [Parameter(ParameterSetName = 'ByPath', Position = 0, Mandatory = $true, ValueFromPipeline = $true, ValueFromPipelineByPropertyName = $true)][string[]]$FilePath,
        [Parameter(ParameterSetName = 'ByLiteralPath', Mandatory = $true, ValueFromPipelineByPropertyName = $true)][Alias('PSPath')][string[]]$LiteralPath
    )
    process {
        $targets = if ($PSCmdlet.ParameterSetName -eq 'ByPath') { $FilePath } else { $LiteralPath }
        foreach ($target in $targets) {
            $full = $target
            if ($PSCmdlet.ParameterSetName -eq 'ByPath') {
                $resolved = @(Resolve-Path -Path $target -ErrorAction SilentlyContinue)
                if ($resolved.Count) { $full = $resolved[0].ProviderPath }
            }
            if (-not [System.IO.File]::Exists($full)) {
                $record = New-Object System.Management.Automation.ErrorRecord((New-Object System.Management.Automation.ItemNotFoundException("Cannot find path '$target' because it does not exist.")), 'FileNotFound,Microsoft.PowerShell.Commands.GetAuthenticodeSignatureCommand', 'ObjectNotFound', $target)
                $PSCmdlet.WriteError($record)
                continue
            }
            $signature = Read-LabSignature $full
            $status = [System.Management.Automation.SignatureStatus]::NotSigned
            $message = "The file $full is not digitally signed. You cannot run this script on the current system."
            $certificate = $null
            if ($signature) {
                $certificate = [pscustomobject]@{
                    Subject = [string]$signature.Subject; Issuer = 'CN=Lab Code Signing PCA, O=Lab, C=US'
                    Thumbprint = [string]$signature.Thumbprint; NotBefore = [datetime]'2024-01-01'; NotAfter = [datetime]'2030-01-01'
                }
                if ($signature.ActualDigest -ne $signature.Digest) {
                    $status = [System.Management.Automation.SignatureStatus]::HashMismatch
                    $message = 'The contents of the file have changed since it was signed: its hash does not match the hash in the signature.'
                } elseif ($signature.ContainsKey('Status') -and $signature.Status) {
                    $status = [System.Management.Automation.SignatureStatus]$signature.Status
                    $message = 'A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.'
                } else {
                    $status = [System.Management.Automation.SignatureStatus]::Valid
                    $message = 'Signature verified.'
                }
            }
            [pscustomobject]@{
                SignerCertificate = $certificate; TimeStamperCertificate = $null; Status = $status; StatusMessage = $message
                Path = $full; SignatureType = 'Authenticode'; IsOSBinary = $false
            }
        }
    }
}

function Split-LabCommandLine([string]$Text) {
    foreach ($m in [regex]::Matches($Text, '"([^"]*)"|(\S+)')) {
        if ($m.Groups[1].Success) { $m.Groups[1].Value } else { $m.Groups[2].Value }
    }
}

function Get-LabNextInstallerExitCode {
    $queue = @(Read-LabJson 'lab/installer-exit-codes.json' @() | Where-Object { $null -ne $_ })
    if ($queue.Count -eq 0) { return 0 }
    $next = [int]$queue[0]
    $rest = @()
    if ($queue.Count -gt 1) { $rest = @($queue[1..($queue.Count - 1)]) }
    Write-LabJson 'lab/installer-exit-codes.json' $rest
    $next
}

function Get-LabDefaultAgentConfig {
    $lines = @(
        '<?xml version="1.0" encoding="utf-8"?>',
        '<configuration>',
        '  <configSections>',
        '    <section name="agentSettings" type="System.Configuration.NameValueSectionHandler" />',
        '  </configSections>',
        '  <startup useLegacyV2RuntimeActivationPolicy="true">',
        '    <supportedRuntime version="v4.0" sku=".NETFramework,Version=v4.7.1" />',
        '  </startup>',
        '  <runtime>',
        '    <assemblyBinding xmlns="urn:schemas-microsoft-com:asm.v1">',
        '      <dependentAssembly>',
        '        <assemblyIdentity name="Newtonsoft.Json" publicKeyToken="30ad4fe6b2a6aeed" culture="neutral" />',
        '        <bindingRedirect oldVersion="0.0.0.0-13.0.0.0" newVersion="13.0.0.0" />',
        '      </dependentAssembly>',
        '      <dependentAssembly>',
        '        <assemblyIdentity name="System.Runtime.CompilerServices.Unsafe" publicKeyToken="b03f5f7f11d50a3a" culture="neutral" />',
        '        <bindingRedirect oldVersion="0.0.0.0-6.0.0.0" newVersion="6.0.0.0" />',
        '      </dependentAssembly>',
        '    </assemblyBinding>',
        '  </runtime>',
        '  <appSettings>',
        '    <add key="TraceFilename" value="ProvisioningAgent.log" />',
        '    <add key="TraceFolder" value="%ProgramData%\Microsoft\Azure AD Connect Provisioning Agent\Trace" />',
        '    <!-- Lab stand-in: values are illustrative, the structure is what matters. -->',
        '    <add key="ConnectorHeartbeatIntervalSeconds" value="300" />',
        '  </appSettings>',
        '  <system.diagnostics>',
        '    <sources>',
        '      <source name="AADConnectProvisioningAgent" switchValue="Information">',
        '        <listeners>',
        '          <add name="traceFile" type="System.Diagnostics.TextWriterTraceListener" initializeData="ProvisioningAgent.log" />',
        '        </listeners>',
        '      </source>',
        '    </sources>',
        '    <trace autoflush="true" />',
        '  </system.diagnostics>',
        '</configuration>'
    )
    ($lines -join "`r`n") + "`r`n"
}

function Write-LabBinary([string]$Path, [hashtable]$Header, [string]$Body) {
    [void][System.IO.Directory]::CreateDirectory([System.IO.Path]::GetDirectoryName($Path))
    $json = ConvertTo-Json -InputObject $Header -Compress
    [System.IO.File]::WriteAllText($Path, "LAB-BINARY $json`n$Body`n")
}

# What a successful run of the bundle leaves on the server. Used by the simulated installer and by
# installAgent() in lab/installer.mjs, so the layout lives in one place. -Version is the agent's
# product version; -BundleVersion the package's (they are equal unless the installer says otherwise).
function Install-LabAgent {
    param([Parameter(Mandatory = $true)][string]$Version, [string]$Environment = 'Default', [string]$Account, [string]$BundleVersion)
    if (-not $BundleVersion) { $BundleVersion = $Version }
    $variant = Get-LabAgentVariant
    $dir = Get-LabAgentDir
    $exe = Join-Path $dir $script:LabAgentExe
    $config = Join-Path $dir "$($script:LabAgentExe).config"
    $previous = $null
    $header = Get-LabBinaryHeader $exe
    if ($header) { $previous = [string]$header['ProductVersion']; if (-not $previous) { $previous = [string]$header['FileVersion'] } }

    $updater = Get-LabUpdaterService
    foreach ($service in @((Get-LabService $script:LabAgentService), $updater)) {
        if ($service -and $service.Status -ne 'Stopped') {
            $service.Status = 'Stopped'
            Save-LabService $service
            Write-LabEvent "installer: service $($service.Name) stopped"
        }
    }

    $company = 'Microsoft Corporation'
    $fileVersion = [string](Get-LabVariantValue $variant 'fileVersion' $Version)
    Write-LabBinary $exe @{ ProductName = 'Microsoft Azure AD Connect Provisioning Agent'; FileVersion = $fileVersion; ProductVersion = $Version; CompanyName = $company; FileDescription = 'Microsoft Azure AD Connect Provisioning Agent' } 'lab stand-in for the agent service executable'
    Write-LabBinary (Join-Path $dir 'Microsoft.CloudSync.PowerShell.dll') @{ ProductName = 'Microsoft Azure AD Connect Provisioning Agent'; FileVersion = $fileVersion; ProductVersion = $Version; CompanyName = $company; FileDescription = 'Microsoft.CloudSync.PowerShell' } 'lab stand-in for the CloudSync PowerShell module'
    $updaterVersion = '1.1.96.0'
    $updaterExe = Join-Path (Join-Path $env:ProgramFiles $script:LabUpdaterFolder) $script:LabUpdaterExe
    Write-LabBinary $updaterExe @{ ProductName = 'Microsoft Azure AD Connect Agent Updater'; FileVersion = $updaterVersion; ProductVersion = $updaterVersion; CompanyName = $company; FileDescription = 'Microsoft Azure AD Connect Agent Updater' } 'lab stand-in for the agent updater'

    # Upgrades to versions before 1.1.1365.0 reset config customisations; later ones keep them.
    $resetConfig = -not [System.IO.File]::Exists($config)
    if (-not $resetConfig -and $previous -and $previous -ne $Version -and [version]$Version -lt $script:LabKeepsConfigFrom) { $resetConfig = $true }
    if ($resetConfig) {
        [System.IO.File]::WriteAllText($config, (Get-LabDefaultAgentConfig), (New-Object System.Text.UTF8Encoding($true)))
        Write-LabEvent "installer: wrote the default $([System.IO.Path]::GetFileName($config))"
    }

    # The agent's registry key and values [ms-code]; TenantID comes only with registration.
    $programData = [string](Get-LabVariantValue $variant 'programDataFolderName' 'Azure AD Connect Provisioning Agent')
    $installDirValue = $dir
    if ($variant.ContainsKey('installDirTrailingBackslash') -and $variant.installDirTrailingBackslash) { $installDirValue = "$dir\" }
    Set-LabRegistryValue $script:LabAgentKey 'ServiceName' $script:LabAgentService
    Set-LabRegistryValue $script:LabAgentKey 'InstallDir' $installDirValue
    Set-LabRegistryValue $script:LabAgentKey 'ServiceProcessName' $script:LabAgentExe
    Set-LabRegistryValue $script:LabAgentKey 'ProgramDataFolderName' $programData
    [void][System.IO.Directory]::CreateDirectory((Join-Path (Join-Path (Join-Path $env:ProgramData 'Microsoft') $programData) 'Trace'))

    # An upgrade keeps the service's account (a gMSA stays a gMSA) and anything else set on it.
    $agent = Get-LabService $script:LabAgentService
    if (-not $agent) { $agent = @{ Name = $script:LabAgentService; StartName = "NT SERVICE\$($script:LabAgentService)" } }
    if ($Account) { $agent.StartName = $Account }
    $agent.DisplayName = 'Microsoft Entra Provisioning Agent'
    $agent.StartType = 'Automatic'
    $agent.PathName = '"' + $exe + '"'
    $agent.Status = 'Running'
    Save-LabService $agent
    # The updater keeps the name it has; a new one gets the public short name (or the variant's).
    if (-not $updater) { $updater = @{ Name = [string](Get-LabVariantValue $variant 'updaterServiceName' $script:LabUpdaterService); StartName = 'LocalSystem' } }
    $updater.DisplayName = 'Microsoft Entra Connect Agent Updater'
    $updater.StartType = 'Automatic'
    $updater.PathName = '"' + $updaterExe + '"'
    $updater.Status = 'Running'
    Save-LabService $updater

    # The three Programs-and-Features entries [doc: how-to-automatic-upgrade.md]; how they uninstall is UNDOCUMENTED.
    $cache = Join-Path (Join-Path $env:ProgramData 'Package Cache') $script:LabProductCodes.Package
    $cachedBundle = Join-Path $cache 'AADConnectProvisioningAgentSetup.exe'
    Write-LabBinary $cachedBundle @{ ProductName = 'Microsoft Entra Provisioning Agent Package'; FileVersion = $BundleVersion; ProductVersion = $BundleVersion; CompanyName = $company; FileDescription = 'Microsoft Entra Provisioning Agent Package' } 'lab stand-in for the cached bundle'
    $entries = @(
        @{ code = $script:LabProductCodes.Package; name = 'Microsoft Entra Provisioning Agent Package'; version = $BundleVersion; uninstall = ('"{0}" /uninstall' -f $cachedBundle); quiet = ('"{0}" /uninstall /quiet' -f $cachedBundle) },
        @{ code = $script:LabProductCodes.Agent; name = 'Microsoft Entra Provisioning Agent'; version = $Version; uninstall = ('MsiExec.exe /X{0}' -f $script:LabProductCodes.Agent); quiet = $null },
        @{ code = $script:LabProductCodes.Updater; name = 'Microsoft Entra Connect Agent Updater'; version = $updaterVersion; uninstall = ('MsiExec.exe /X{0}' -f $script:LabProductCodes.Updater); quiet = $null }
    )
    foreach ($e in $entries) {
        $key = "$($script:LabUninstallKey)\$($e.code)"
        Set-LabRegistryValue $key 'DisplayName' $e.name
        Set-LabRegistryValue $key 'DisplayVersion' $e.version
        Set-LabRegistryValue $key 'Publisher' $company
        Set-LabRegistryValue $key 'UninstallString' $e.uninstall
        if ($e.quiet) { Set-LabRegistryValue $key 'QuietUninstallString' $e.quiet }
    }

    $state = Read-LabJson 'lab/agent-install.json' @{}
    $history = @()
    if ($state.ContainsKey('history')) { $history = @($state.history) }
    $history += @{ version = $Version; previous = $previous; environment = $Environment; at = [DateTime]::UtcNow.ToString('o') }
    Write-LabJson 'lab/agent-install.json' @{ version = $Version; environment = $Environment; history = $history }
    if ($previous) { Write-LabEvent "installer: agent $previous -> $Version (ENVIRONMENTNAME=$Environment)" } else { Write-LabEvent "installer: agent $Version installed (ENVIRONMENTNAME=$Environment)" }
}

# One run of a stand-in installer: log the command line, take the next exit code, write the bundle
# log where /log says (else %TEMP%), and on success install the agent.
function Invoke-LabInstaller([string]$Path, [string[]]$Arguments) {
    $header = Get-LabInstallerHeader $Path
    $commandLine = ($Arguments -join ' ')
    Add-Content -LiteralPath (Get-LabPath 'lab/commandlines.log') -Value ('{0} {1}' -f [System.IO.Path]::GetFileName($Path), $commandLine)
    $tokens = @(Split-LabCommandLine $commandLine)
    $quiet = $false
    $log = $null
    $environment = 'Default'
    for ($i = 0; $i -lt $tokens.Count; $i++) {
        $t = $tokens[$i]
        if ($t -match '^[/-](quiet|q|silent|s|passive)$') { $quiet = $true }
        elseif ($t -match '^[/-](log|l)$' -and $i + 1 -lt $tokens.Count) { $log = $tokens[$i + 1]; $i++ }
        elseif ($t -match '^ENVIRONMENTNAME=(.*)$') { $environment = $Matches[1] }
    }
    if (-not $log) { $log = Join-Path $env:TEMP ('Microsoft_Azure_AD_Connect_Provisioning_Agent_Package_{0:yyyyMMddHHmmss}.log' -f (Get-Date)) }
    $version = [string]$header.FileVersion
    # The agent version the bundle carries: its own unless the stand-in says otherwise (UNDOCUMENTED that they are equal).
    $agentVersion = $version
    if ($header.ContainsKey('LabAgentVersion') -and $header.LabAgentVersion) { $agentVersion = [string]$header.LabAgentVersion }
    $code = 1602
    if ($quiet) { $code = Get-LabNextInstallerExitCode }
    # A test can hold the installer mid-run: while lab/installer-hold exists it waits, after saying
    # so in lab/installer-running (to act while an installer runs, e.g. send the runner's stop signal).
    $hold = Get-LabPath 'lab/installer-hold'
    if (Test-Path -LiteralPath $hold) {
        Write-LabEvent 'installer: running, held by the test'
        [System.IO.File]::WriteAllText((Get-LabPath 'lab/installer-running'), 'running')
        while (Test-Path -LiteralPath $hold) { Start-Sleep -Milliseconds 50 }
    }
    $exe = Join-Path (Get-LabAgentDir) $script:LabAgentExe
    $installed = Get-LabBinaryHeader $exe

    $t0 = '[1A2C:0B10][{0:yyyy-MM-ddTHH:mm:ss}]' -f (Get-Date)
    $lines = New-Object System.Collections.ArrayList
    [void]$lines.Add("$t0 i001: Burn v3.14.1.8722, Windows v10.0 (Build 20348: Service Pack 0), path: $Path")
    [void]$lines.Add("$t0 i009: Command Line: '$commandLine'")
    [void]$lines.Add("$t0 i000: Setting string variable 'ENVIRONMENTNAME' to value '$environment'")
    [void]$lines.Add("$t0 i100: Detect begin, 1 packages")
    if ($installed) { [void]$lines.Add("$t0 i102: Detected related bundle, version: $($installed.FileVersion), operation: MajorUpgrade") }
    [void]$lines.Add("$t0 i101: Detected package: AADConnectProvisioningAgent, state: $(if ($installed) { "Present" } else { "Absent" }), cached: None")
    [void]$lines.Add("$t0 i199: Detect complete, result: 0x0")
    if (-not $quiet) {
        [void]$lines.Add("$t0 e000: The user interface could not be shown in a non-interactive session; installation cancelled.")
    } else {
        [void]$lines.Add("$t0 i200: Plan begin, 1 packages, action: Install")
        [void]$lines.Add("$t0 i299: Plan complete, result: 0x0")
        [void]$lines.Add("$t0 i300: Apply begin")
        [void]$lines.Add("$t0 i323: Registering package dependency provider: {AADConnectProvisioningAgent}, version: $version")
    }
    $restart = 'None'
    switch ($code) {
        0 { }
        3010 { $restart = 'Required' }
        1641 { $restart = 'Initiated' }
        1602 { }
        1618 {
            [void]$lines.Add("$t0 e000: Error 0x80070652: Failed to install MSI package.")
            [void]$lines.Add("$t0 e000: Error 0x80070652: Another installation is already in progress. Complete that installation before proceeding with this install.")
        }
        default {
            [void]$lines.Add("$t0 e000: Error 0x80070643: Failed to install MSI package.")
            [void]$lines.Add("$t0 e000: Error 0x80070643: Failed to configure per-machine MSI package.")
            [void]$lines.Add("$t0 i319: Applied execute package: AADConnectProvisioningAgent, result: 0x80070643, restart: None")
            [void]$lines.Add("$t0 e000: Product: Microsoft Azure AD Connect Provisioning Agent -- Installation failed.")
        }
    }
    $success = @(0, 3010, 1641) -contains $code
    if ($success -and $header.ContainsKey('LabInstallsNothing') -and $header.LabInstallsNothing) {
        [void]$lines.Add("$t0 i000: A newer related bundle is installed; nothing to do.")
        Write-LabEvent 'installer: nothing installed (LabInstallsNothing)'
    } elseif ($success) {
        Install-LabAgent -Version $agentVersion -BundleVersion $version -Environment $environment
        [void]$lines.Add("$t0 i319: Applied execute package: AADConnectProvisioningAgent, result: 0x0, restart: $restart")
    }
    [void]$lines.Add(("{0} i399: Apply complete, result: 0x{1:x}, restart: {2}" -f $t0, $code, $restart))
    [void]$lines.Add(("{0} i500: Shutting down, exit code: 0x{1:x}" -f $t0, $code))
    $logDir = Split-Path -Parent $log
    if ($logDir -and -not (Test-Path -LiteralPath $logDir)) { [void](New-Item -ItemType Directory -Path $logDir -Force) }
    [System.IO.File]::WriteAllLines($log, [string[]]$lines.ToArray())
    if ($code -eq 3010) { Write-LabEvent 'installer: reboot required' }
    if ($code -eq 1641) { Write-LabEvent 'installer: reboot initiated' }
    Write-LabEvent "installer: $([System.IO.Path]::GetFileName($Path)) exited with $code"
    $code
}

# Start-Process: stand-in installers run in the lab; everything else goes to the real cmdlet.
function Start-Process {
    [CmdletBinding(DefaultParameterSetName = 'Default')]
    param(
        [Parameter(Mandatory = $true, Position = 0)][Alias('PSPath', 'Path')][string]$FilePath,
        [Parameter(Position = 1)][Alias('Args')][string[]]$ArgumentList,
        [pscredential]$Credential, [string]$WorkingDirectory, [switch]$LoadUserProfile, [switch]$NoNewWindow,
        [switch]$PassThru, [string]$RedirectStandardError, [string]$RedirectStandardInput, [string]$RedirectStandardOutput,
        [string]$Verb, [System.Diagnostics.ProcessWindowStyle]$WindowStyle, [switch]$Wait, [switch]$UseNewEnvironment
    )
    $full = $FilePath
    if (-not [System.IO.Path]::IsPathRooted($full)) { $full = Join-Path (Get-Location).ProviderPath $FilePath }
    if (-not [System.IO.File]::Exists($full) -or -not (Get-LabInstallerHeader $full)) {
        return Microsoft.PowerShell.Management\Start-Process @PSBoundParameters
    }
    $started = Get-Date
    $code = Invoke-LabInstaller -Path $full -Arguments @($ArgumentList)
    if ($PassThru) {
        $process = [pscustomobject]@{
            Id = Get-Random -Minimum 1000 -Maximum 60000; ProcessName = [System.IO.Path]::GetFileNameWithoutExtension($full)
            Path = $full; ExitCode = $code; HasExited = $true; StartTime = $started; ExitTime = (Get-Date)
        }
        $process | Add-Member -MemberType ScriptMethod -Name WaitForExit -Value { param($Milliseconds) $true }
        $process
    }
}
