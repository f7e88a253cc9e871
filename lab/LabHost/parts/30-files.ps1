# File versions. On Windows, (Get-Item x).VersionInfo reads the PE version resource. Lab stand-in
# binaries are text files; a first line "LAB-BINARY {json}" carries what the resource would say
# (ProductName, FileVersion, ProductVersion, CompanyName, FileDescription). Other files fall back to .NET.

function Get-LabBinaryHeader([string]$Path) {
    if (-not [System.IO.File]::Exists($Path)) { return $null }
    $reader = [System.IO.StreamReader]::new($Path)
    try { $first = $reader.ReadLine() } finally { $reader.Dispose() }
    if ($first -and $first.StartsWith('LAB-BINARY ')) { return ConvertFrom-Json -InputObject $first.Substring(11) -AsHashtable }
    $null
}

Update-TypeData -TypeName System.IO.FileInfo -MemberName VersionInfo -MemberType ScriptProperty -Force -Value {
    # Index access: the caller may run under Set-StrictMode, where a missing hashtable key read as a property throws.
    $header = Get-LabBinaryHeader $this.FullName
    if (-not $header) { return [System.Diagnostics.FileVersionInfo]::GetVersionInfo($this.FullName) }
    $version = [string]$header['FileVersion']
    [pscustomobject]@{
        FileName = $this.FullName; FileVersion = $version; ProductVersion = [string]$header['ProductVersion']
        ProductName = [string]$header['ProductName']; CompanyName = [string]$header['CompanyName']; FileDescription = [string]$header['FileDescription']
        FileMajorPart = [int](($version -split '\.')[0]); FileMinorPart = [int](($version -split '\.')[1])
        FileBuildPart = [int](($version -split '\.')[2]); FilePrivatePart = [int](($version -split '\.')[3])
    }
}
