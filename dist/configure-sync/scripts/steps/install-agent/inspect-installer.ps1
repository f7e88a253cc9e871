# What the installer file is, before anything runs it: its Authenticode signature and its version.
param([Parameter(Mandatory = $true)][string]$Path)
$ErrorActionPreference = 'Stop'

if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { Fail 'InstallerMissing' "The installer '$Path' does not exist." }

$signature = Get-AuthenticodeSignature -LiteralPath $Path
$subject = $null
$thumbprint = $null
if ($null -ne $signature.SignerCertificate) {
    $subject = "$($signature.SignerCertificate.Subject)"
    $thumbprint = "$($signature.SignerCertificate.Thumbprint)"
}

$info = (Get-Item -LiteralPath $Path).VersionInfo
$fileVersion = $null
$productVersion = $null
if ($info.FileVersion) { $fileVersion = ("$($info.FileVersion)".Trim() -split '\s')[0] }
if ($info.ProductVersion) { $productVersion = ("$($info.ProductVersion)".Trim() -split '\s')[0] }

@{
    status         = "$($signature.Status)"
    statusMessage  = "$($signature.StatusMessage)"
    signerSubject  = $subject
    thumbprint     = $thumbprint
    fileVersion    = $fileVersion
    productVersion = $productVersion
    productName    = "$($info.ProductName)"
    size           = (Get-Item -LiteralPath $Path).Length
}
