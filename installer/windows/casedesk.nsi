; The Windows installer of casedesk: NSIS with the Modern UI, in Dutch, per machine.
;
; Built by installer/build-windows.ps1 on Windows (the real payload) and by
; installer/build-windows-installer.sh on Linux (the Linux bundle as a stand-in payload, to
; prove that this script compiles and lists every file). Defines it expects:
;   VERSION      e.g. 0.1.0 (from src/casedesk/__init__.py)
;   LISTS        folder with install-files.nsh and uninstall-files.nsh (make_file_lists.py)
;   OUTFILE      the setup .exe to write
;   ICON         resources\icons\casedesk.ico
;   UNCOMPRESSED (optional) store the files uncompressed, for tests
;
; Silent install for Intune or SCCM:   casedesk-VERSION-setup.exe /S
; Silent uninstall:                    "%ProgramFiles%\casedesk\uninstall.exe" /S
; Exit codes: 0 done, 1 cancelled or failed, 2 casedesk was still running (nothing changed).
; The dossiers are never touched: they live per user in %LOCALAPPDATA%\casedesk.

Unicode true
!ifdef UNCOMPRESSED
  SetCompress off  ; tests only: the same installer, minutes faster to build
!else
  SetCompressor /SOLID lzma
!endif
RequestExecutionLevel admin
ManifestDPIAware true

!ifndef VERSION
  !error "Geef de versie mee: makensis -DVERSION=0.1.0 ..."
!endif
!ifndef LISTS
  !error "Geef de map met de bestandslijsten mee: -DLISTS=..."
!endif
!ifndef OUTFILE
  !define OUTFILE "casedesk-${VERSION}-setup.exe"
!endif

!define PRODUCT "casedesk"
!define PUBLISHER "casedesk"
!define EXE "casedesk.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define SETTINGS_KEY "Software\${PRODUCT}"
!define DATA_HINT "%LOCALAPPDATA%\casedesk"
!define EXIT_STILL_RUNNING 2

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\${PRODUCT}"
InstallDirRegKey HKLM "${SETTINGS_KEY}" "InstallDir"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails nevershow
ShowUninstDetails nevershow

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING

!define MUI_WELCOMEPAGE_TEXT "Hiermee installeert u casedesk ${VERSION} op deze computer, voor alle gebruikers.$\r$\n$\r$\nDe dossiers van de gebruikers blijven staan waar ze staan; een nieuwere versie neemt ze over.$\r$\n$\r$\nSluit casedesk voordat u verdergaat."
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "casedesk nu starten"
!insertmacro MUI_PAGE_FINISH

!define MUI_UNCONFIRMPAGE_TEXT_TOP "casedesk wordt van deze computer verwijderd. De dossiers worden NIET verwijderd: die staan per gebruiker in ${DATA_HINT} (met de reservekopieën in de map backups)."
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!define MUI_FINISHPAGE_TITLE "casedesk is verwijderd"
!define MUI_FINISHPAGE_TEXT "Het programma is verwijderd. De dossiers en reservekopieën zijn bewaard in ${DATA_HINT} van elke gebruiker, bijvoorbeeld C:\Users\naam\AppData\Local\casedesk.$\r$\n$\r$\nHebt u ze niet meer nodig, maak dan eerst een reservekopie en verwijder daarna die map."
!insertmacro MUI_UNPAGE_FINISH

!insertmacro MUI_LANGUAGE "Dutch"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=${LANG_DUTCH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileDescription" "Installatie van casedesk ${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_DUTCH} "LegalCopyright" "EUPL-1.2"

; --- a running casedesk -------------------------------------------------------------------
; tasklist sees the processes of every session (a terminal server has several users), run as
; administrator. Replacing files under a running casedesk would break it mid-intake.

!macro CASEDESK_RUNNING RESULT
  nsExec::ExecToStack '"$SYSDIR\cmd.exe" /C "$SYSDIR\tasklist.exe" /NH /FI "IMAGENAME eq ${EXE}" | "$SYSDIR\find.exe" /I "${EXE}"'
  Pop ${RESULT}  ; exit code: 0 when find saw casedesk.exe in the list
  Pop $R9        ; the output, not needed
!macroend

!macro WAIT_UNTIL_CLOSED UN
  Function ${UN}WaitUntilClosed
    check:
      !insertmacro CASEDESK_RUNNING $R0
      ${If} $R0 == 0
        ${If} ${Silent}
          SetErrorLevel ${EXIT_STILL_RUNNING}
          Quit
        ${EndIf}
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "casedesk is nog geopend op deze computer (misschien door een andere gebruiker).$\r$\n$\r$\nSluit casedesk overal en kies daarna Opnieuw. Er is nog niets veranderd." IDRETRY check
        SetErrorLevel ${EXIT_STILL_RUNNING}
        Quit
      ${EndIf}
  FunctionEnd
!macroend
!insertmacro WAIT_UNTIL_CLOSED ""
!insertmacro WAIT_UNTIL_CLOSED "un."

Function .onInit
  SetShellVarContext all
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "casedesk werkt alleen op een 64-bits Windows." /SD IDOK
    SetErrorLevel 1
    Quit
  ${EndIf}
  SetRegView 64
  Call WaitUntilClosed
FunctionEnd

Function un.onInit
  SetShellVarContext all
  SetRegView 64
  Call un.WaitUntilClosed
FunctionEnd

; --- install ------------------------------------------------------------------------------

Section "casedesk" SectionProgram
  SectionIn RO
  ; An upgrade first removes the old version's files with its own uninstaller (which, like
  ; this one, leaves the dossiers alone), so no file of an older version stays behind.
  ReadRegStr $R0 HKLM "${UNINSTALL_KEY}" "UninstallString"
  ReadRegStr $R1 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $R0 != ""
  ${AndIf} ${FileExists} "$R1\uninstall.exe"
    DetailPrint "De vorige versie wordt eerst verwijderd (de dossiers blijven staan)."
    ExecWait '"$R1\uninstall.exe" /S _?=$R1' $R2
    Delete "$R1\uninstall.exe"
  ${EndIf}

  !include "${LISTS}\install-files.nsh"

  SetOutPath "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\casedesk.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "Intake, advies en actieplan voor zelfstandig ondernemers"

  WriteRegStr HKLM "${SETTINGS_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKLM "${SETTINGS_KEY}" "Version" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "casedesk"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${EXE}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "EstimatedSize" $0
SectionEnd

; --- uninstall ----------------------------------------------------------------------------
; Only what the installer put in $INSTDIR goes, file by file; the user's data folder
; (${DATA_HINT}) is not named here at all.

Section "Uninstall"
  Delete "$SMPROGRAMS\casedesk.lnk"
  !include "${LISTS}\uninstall-files.nsh"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
  DeleteRegKey HKLM "${SETTINGS_KEY}"
  DetailPrint "De dossiers zijn bewaard in ${DATA_HINT} van elke gebruiker."
SectionEnd
