; Inno Setup 6 script: the Windows installer of HomeLog Desktop (see packaging/README.md).
;
; On Windows, from the checkout, after building the bundle dist\homelog-desktop\ with
; packaging\homelog-desktop.spec:
;     iscc /DAppVersion=0.1.0 packaging\windows\homelog-desktop.iss
; makes dist\homelog-desktop-0.1.0-setup.exe. To sign the installer and its uninstaller, define a
; sign tool named "signtool" (iscc "/Ssigntool=signtool.exe sign /fd SHA256 /tr <timestamp URL>
; /td SHA256 /a $f" /DSign ...); sign the two programs in the bundle before running iscc.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "HomeLog Desktop"
#define AppExe "homelog-desktop.exe"
#define Bundle "..\..\dist\homelog-desktop"

[Setup]
; The AppId identifies the app for upgrades and uninstall: never change it.
AppId={{0FB5BA1D-2A6C-423F-9130-4FB0DBC9BDB2}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=HomeLog Desktop maintainers
VersionInfoVersion={#AppVersion}
; Per-user install by default (no administrator rights needed); the user may choose all users.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=homelog-desktop-{#AppVersion}-setup
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The app must not be running while its files are replaced.
CloseApplications=yes
#ifdef Sign
SignTool=signtool
SignedUninstaller=yes
#endif

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: homelog-desktop.exe, homelog-admin.exe and _internal\.
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; User data (databases in %APPDATA%\home-log\HomeLog Desktop, settings in the registry) is the
; user's and stays when the app is uninstalled.
