; 联建台账: the Windows installer (Inno Setup 6.1 or newer). NOT YET BUILT OR TRIED: there is no
; Windows PC here (docs/windows.md, "An installer"). Build the folder first (docs/windows.md,
; "Building it"), then, from the repository's top:
;
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" build\windows\lianjian.iss
;
; which writes build\out\packages\lianjian-VERSION-setup.exe. It needs Inno Setup's Simplified
; Chinese messages, ChineseSimplified.isl (an unofficial translation: jrsoftware.org/files/istrans/),
; copied into Inno Setup's Languages folder.
;
; What it does:
; - installs the folder build\out\dist\lianjian for this user, without administrator rights, in
;   %LOCALAPPDATA%\Programs\联建台账 (an administrator may choose all users: Program Files);
; - on an update, first deletes the old program's _internal\ (stale files there can break the new
;   version, docs/windows.md), then copies the new folder; the same AppId finds the old place;
; - never touches the data folder, %LOCALAPPDATA%\Lianjian (database, backups, settings, this
;   PC's sync key, the town's templates), nor a portable data\ beside the program: it deletes only
;   _internal\ and the files it installed; uninstalling leaves the data folder where it is;
; - closes a running 联建台账 first (it asks), and offers to start the new one at the end.

#define AppName "联建台账"
#define DistDir AddBackslash(SourcePath) + "..\out\dist\lianjian"
#if !FileExists(DistDir + "\lianjian.exe")
  #error build\out\dist\lianjian\lianjian.exe is missing: build the folder first
#endif
; The version written into lianjian.exe by build\version_info.py (e.g. 0.1.0.0).
#define AppVersion GetVersionNumbersString(DistDir + "\lianjian.exe")

[Setup]
; Never change AppId: it is how an update finds the installed program.
AppId={{6B0E5B8C-3F2A-4D1E-9C47-5A8D2E7F1B30}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=联建台账项目
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
UsePreviousAppDir=yes
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile=..\..\resources\icons\lianjian.ico
UninstallDisplayIcon={app}\lianjian.exe
UninstallDisplayName={#AppName}
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
Compression=lzma2/ultra64
SolidCompression=yes
OutputDir=..\out\packages
OutputBaseFilename=lianjian-{#AppVersion}-setup

[Languages]
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; The old program's libraries, before the new ones are copied: the program folder is replaced,
; never patched. Nothing of the data folder is named here, nor anywhere in this script.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\lianjian.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\lianjian.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\lianjian.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
