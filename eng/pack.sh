#!/usr/bin/env bash
# Makes the NuGet packages (PromptGen, PromptGen.Sdk, PromptGen.Cli, with .snupkg symbols) in artifacts/packages.
# Extra arguments go to dotnet pack, e.g.  eng/pack.sh -p:VersionSuffix=preview.1
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet pack PromptGen.sln -c Release -o artifacts/packages "$@"
ls -1 artifacts/packages
