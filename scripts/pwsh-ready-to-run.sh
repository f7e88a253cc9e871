#!/usr/bin/env bash
# Prints the folder of a `pwsh` that starts about twice as fast as the one the dotnet global tool
# installs, making it first if needed; prints nothing and exits non-zero if it cannot.
#
#   dir="$(bash scripts/pwsh-ready-to-run.sh)" && export PATH="$dir:$PATH"
#
# Why: the global tool (dotnet tool install --global PowerShell) ships PowerShell's assemblies as IL
# only, so every engine start compiles PowerShell's own start-up code again (official PowerShell
# packages ship it precompiled). The lab starts hundreds of engines per test run, and that compiling
# was about half of each engine's CPU time. This makes a copy of the same PowerShell with its core
# assemblies precompiled by crossgen2 (ReadyToRun, the SDK's own compiler for .NET 10, from NuGet):
# the same IL and the same behaviour, only the machine code is made ahead of time.
#
# The copy lives in ${XDG_CACHE_HOME:-~/.cache}/entra-provisioning-agent/, one folder per
# PowerShell and .NET version, so later runs reuse it. Argument: the pwsh to copy (default: the
# first pwsh on PATH, else ~/.dotnet/tools/pwsh).
set -euo pipefail

log() { echo "pwsh-ready-to-run: $*" >&2; }

source_pwsh="${1:-}"
if [[ -z "$source_pwsh" ]]; then
  source_pwsh="$(command -v pwsh || true)"
  [[ -z "$source_pwsh" && -x "$HOME/.dotnet/tools/pwsh" ]] && source_pwsh="$HOME/.dotnet/tools/pwsh"
fi
[[ -n "$source_pwsh" ]] || { log "no pwsh found"; exit 1; }
dotnet="$(command -v dotnet || true)"
[[ -n "$dotnet" ]] || { log "dotnet not found"; exit 1; }

mapfile -t facts < <("$source_pwsh" -NoLogo -NoProfile -NonInteractive -Command \
  '$PSHOME; $PSVersionTable.PSVersion.ToString(); [System.Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory(); [Environment]::Version.ToString(); [System.Runtime.InteropServices.RuntimeInformation]::RuntimeIdentifier
   $pe = [System.Reflection.PortableExecutable.PEReader]::new([System.IO.File]::OpenRead((Join-Path $PSHOME "System.Management.Automation.dll")))
   $pe.PEHeaders.CorHeader.ManagedNativeHeaderDirectory.Size -ne 0; $pe.Dispose()')
pshome="${facts[0]:-}" ps_version="${facts[1]:-}" runtime_dir="${facts[2]:-}" runtime_version="${facts[3]:-}" rid="${facts[4]:-}"
# Official PowerShell packages (GitHub's runner images among them) ship precompiled already.
if [[ "${facts[5]:-}" == "True" ]]; then
  dirname "$source_pwsh"
  exit 0
fi
if [[ ! -f "$pshome/pwsh.dll" || ! -f "$pshome/System.Management.Automation.dll" || -z "$runtime_version" || "$rid" != linux-* ]]; then
  log "not a framework-dependent PowerShell on Linux ($source_pwsh: PSHOME '$pshome', runtime '$rid' $runtime_version)"
  exit 1
fi

# v3: Newtonsoft.Json and two more assemblies precompiled (v2: the launcher turns off tiered PGO);
# a change to what is made here needs a new name.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/entra-provisioning-agent/pwsh-$ps_version-dotnet-$runtime_version-$rid-r2r-v3"
works() { [[ "$("$1/pwsh" -NoLogo -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()' 2>/dev/null)" == "$ps_version" ]]; }
if [[ -x "$cache/bin/pwsh" ]] && works "$cache/bin"; then
  echo "$cache/bin"
  exit 0
fi

mkdir -p "$(dirname "$cache")"
work="$(mktemp -d "$cache.tmp.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# crossgen2 of the very .NET version PowerShell runs on, restored from NuGet like any package.
mkdir -p "$work/restore"
cat > "$work/restore/crossgen2.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net${runtime_version%%.*}.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Microsoft.NETCore.App.Crossgen2.$rid" Version="[$runtime_version]" /></ItemGroup>
</Project>
EOF
if ! "$dotnet" restore "$work/restore/crossgen2.csproj" --verbosity quiet >"$work/restore.log" 2>&1; then
  log "could not restore Microsoft.NETCore.App.Crossgen2.$rid $runtime_version: $(tail -n 3 "$work/restore.log" | tr '\n' ' ')"
  exit 1
fi
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
crossgen2="$packages/microsoft.netcore.app.crossgen2.${rid,,}/$runtime_version/tools/crossgen2"
[[ -x "$crossgen2" ]] || { log "crossgen2 missing after restore: $crossgen2"; exit 1; }

cp -R "$pshome/." "$work/pwsh"
# The assemblies every engine start runs code from; precompiling the others measured no faster
# (Microsoft.CodeAnalysis is loaded at every start too, but none of its code runs). Newtonsoft.Json
# is what ConvertTo-Json and ConvertFrom-Json run: every lab engine uses them.
for assembly in System.Management.Automation Microsoft.PowerShell.ConsoleHost Microsoft.PowerShell.Commands.Utility \
  Microsoft.PowerShell.Commands.Management Microsoft.PowerShell.Security pwsh Newtonsoft.Json \
  Microsoft.PowerShell.MarkdownRender runtimes/unix/lib/netstandard1.6/Microsoft.Management.Infrastructure; do
  # Another PowerShell version may lay its files out otherwise: an assembly not found stays as it is.
  [[ -f "$pshome/$assembly.dll" ]] || { log "$assembly.dll not found under $pshome; left as IL"; continue; }
  if ! "$crossgen2" -r "$runtime_dir" -r "$pshome/*.dll" --targetos linux --targetarch "${rid#linux-}" -O \
    "$pshome/$assembly.dll" -o "$work/pwsh/$assembly.dll" >"$work/crossgen2.log" 2>&1; then
    log "crossgen2 failed on $assembly.dll: $(tail -n 3 "$work/crossgen2.log" | tr '\n' ' ')"
    exit 1
  fi
done

mkdir -p "$work/bin"
# exec: the engine keeps the process the caller started, so signals and exit codes reach it.
# Tiered PGO instruments hot methods to optimise them later, which a short-lived engine never
# profits from: off, the whole test run took 10 % less CPU (398 s instead of 441 s, 1161 tests).
printf '#!/bin/sh\nDOTNET_TieredPGO="${DOTNET_TieredPGO:-0}" exec "%s" "%s/pwsh/pwsh.dll" "$@"\n' "$dotnet" "$cache" > "$work/bin/pwsh"
chmod +x "$work/bin/pwsh"
rm -rf "$work/restore" "$work"/*.log
rm -rf "$cache"
mv "$work" "$cache"
trap - EXIT
if ! works "$cache/bin"; then
  log "the precompiled copy does not start; removed"
  rm -rf "$cache"
  exit 1
fi
echo "$cache/bin"
