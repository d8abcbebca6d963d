# Builds the real Windows installer of casedesk: PyInstaller on Windows, then makensis.
#
# NOT RUN in casedesk's own CI or development machines (they are Linux): this script is
# written to the same steps that are tested on Linux (the spec, the file lists, the .nsi),
# but has not itself been run. Run it on a 64-bit Windows 10/11 build machine with:
#   - Python 3.12 (64-bit) on PATH as `py -3.12`
#   - NSIS 3.x (makensis.exe on PATH, or in "C:\Program Files (x86)\NSIS")
# From the repository root, in PowerShell:
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1
# Result: dist\casedesk-VERSION-setup.exe, after a smoke test of the bundle.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")

$version = (Select-String -Path "src\casedesk\__init__.py" -Pattern '^__version__ = "(.*)"$').Matches[0].Groups[1].Value
Write-Host "casedesk $version"

if (-not (Test-Path ".venv-windows\Scripts\python.exe")) { py -3.12 -m venv .venv-windows }
$python = ".venv-windows\Scripts\python.exe"
& $python -m pip install --quiet --upgrade pip
& $python -m pip install --quiet -e ".[dev]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

& $python -m PyInstaller --noconfirm --clean --distpath dist --workpath build\pyinstaller installer\casedesk.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The bundle is windowed (no console), so the smoke test reports by exit code only.
$smoke = Start-Process -FilePath "dist\casedesk\casedesk.exe" -ArgumentList "--smoke" -Wait -PassThru
if ($smoke.ExitCode -ne 0) { throw "casedesk --smoke failed with exit code $($smoke.ExitCode)" }

$lists = Join-Path $env:TEMP "casedesk-nsis-lists"
& $python installer\windows\make_file_lists.py dist\casedesk $lists
if ($LASTEXITCODE -ne 0) { throw "make_file_lists failed" }

$makensis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "C:\Program Files (x86)\NSIS\makensis.exe" }
& $makensis /V2 /INPUTCHARSET UTF8 "/DVERSION=$version" "/DLISTS=$lists" `
  "/DOUTFILE=$(Resolve-Path dist)\casedesk-$version-setup.exe" `
  "/DICON=$(Resolve-Path resources\icons\casedesk.ico)" installer\windows\casedesk.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Write-Host "Gebouwd: dist\casedesk-$version-setup.exe"
