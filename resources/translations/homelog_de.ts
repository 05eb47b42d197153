<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de" sourcelanguage="en">
  <context>
    <name>AccountForm</name>
    <message>
      <source>New account</source>
      <translation>Neues Konto</translation>
    </message>
    <message>
      <source>Edit {email}</source>
      <translation>{email} bearbeiten</translation>
    </message>
    <message>
      <source>Create</source>
      <translation>Anlegen</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>Speichern</translation>
    </message>
    <message>
      <source>&amp;Email:</source>
      <translation>&amp;E-Mail:</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Name:</translation>
    </message>
    <message>
      <source>The email address is required.</source>
      <translation>Die E-Mail-Adresse ist erforderlich.</translation>
    </message>
    <message>
      <source>The email address is longer than {limit} characters.</source>
      <translation>Die E-Mail-Adresse ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
      <source>The email address contains control characters.</source>
      <translation>Die E-Mail-Adresse enthält Steuerzeichen.</translation>
    </message>
    <message>
      <source>The name is longer than {limit} characters.</source>
      <translation>Der Name ist länger als {limit} Zeichen.</translation>
    </message>
    <message>
      <source>The name contains control characters.</source>
      <translation>Der Name enthält Steuerzeichen.</translation>
    </message>
  </context>
  <context>
    <name>AccountsTable</name>
    <message>
      <source>none</source>
      <translation>keins</translation>
    </message>
    <message>
      <source>never</source>
      <translation>nie</translation>
    </message>
    <message>
      <source>{text} (not a time)</source>
      <translation>{text} (keine Zeitangabe)</translation>
    </message>
    <message>
      <source>disabled</source>
      <translation>deaktiviert</translation>
    </message>
    <message>
      <source>locked until {time}</source>
      <translation>gesperrt bis {time}</translation>
    </message>
    <message>
      <source>must change password</source>
      <translation>muss Passwort ändern</translation>
    </message>
    <message>
      <source>, </source>
      <translation>, </translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>unbekannt</translation>
    </message>
    <message>
      <source>today</source>
      <translation>heute</translation>
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n Tag</numerusform>
        <numerusform>%n Tage</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n year(s)</source>
      <translation>
        <numerusform>%n Jahr</numerusform>
        <numerusform>%n Jahre</numerusform>
      </translation>
    </message>
    <message>
      <source>set</source>
      <translation>gesetzt</translation>
    </message>
    <message>
      <source>Administrator</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>Member</source>
      <translation>Mitglied</translation>
    </message>
    <message>
      <source>ID</source>
      <translation>ID</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>E-Mail</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>Passwort</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Rolle</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>Last sign-in</source>
      <translation>Letzte Anmeldung</translation>
    </message>
    <message>
      <source>Password age</source>
      <translation>Passwortalter</translation>
    </message>
    <message>
      <source>Created</source>
      <translation>Angelegt</translation>
    </message>
    <message>
      <source>Updated</source>
      <translation>Geändert</translation>
    </message>
    <message>
      <source>All accounts</source>
      <translation>Alle Konten</translation>
    </message>
    <message>
      <source>No accounts yet. Press Ctrl+N to add the first one.</source>
      <translation>Noch keine Konten. Mit Strg+N legen Sie das erste an.</translation>
    </message>
    <message>
      <source>Administrators</source>
      <translation>Administratoren</translation>
    </message>
    <message>
      <source>No account is an administrator.</source>
      <translation>Kein Konto ist Administrator.</translation>
    </message>
    <message>
      <source>Disabled</source>
      <translation>Deaktiviert</translation>
    </message>
    <message>
      <source>No account is disabled.</source>
      <translation>Kein Konto ist deaktiviert.</translation>
    </message>
    <message>
      <source>Locked</source>
      <translation>Gesperrt</translation>
    </message>
    <message>
      <source>No account is locked.</source>
      <translation>Kein Konto ist gesperrt.</translation>
    </message>
    <message>
      <source>Must change password</source>
      <translation>Muss Passwort ändern</translation>
    </message>
    <message>
      <source>No account must change its password.</source>
      <translation>Kein Konto muss sein Passwort ändern.</translation>
    </message>
    <message>
      <source>No password</source>
      <translation>Ohne Passwort</translation>
    </message>
    <message>
      <source>Every account has a password.</source>
      <translation>Jedes Konto hat ein Passwort.</translation>
    </message>
    <message>
      <source>Never signed in</source>
      <translation>Nie angemeldet</translation>
    </message>
    <message>
      <source>Every account has signed in at least once.</source>
      <translation>Jedes Konto hat sich mindestens einmal angemeldet.</translation>
    </message>
    <message>
      <source>This account has a password.</source>
      <translation>Dieses Konto hat ein Passwort.</translation>
    </message>
    <message>
      <source>No password: cannot sign in.</source>
      <translation>Kein Passwort: kann sich nicht anmelden.</translation>
    </message>
    <message>
      <source>Disabled: this account cannot sign in until an administrator enables it.</source>
      <translation>Deaktiviert: Dieses Konto kann sich erst wieder anmelden, wenn ein Administrator es aktiviert.</translation>
    </message>
    <message>
      <source>Locked after too many failed sign-ins, until {time} (local time).</source>
      <translation>Nach zu vielen fehlgeschlagenen Anmeldungen gesperrt bis {time} (Ortszeit).</translation>
    </message>
    <message>
      <source>Must choose a new password at the next sign-in.</source>
      <translation>Muss bei der nächsten Anmeldung ein neues Passwort wählen.</translation>
    </message>
    <message>
      <source>Password set {time}</source>
      <translation>Passwort gesetzt am {time}</translation>
    </message>
    <message>
      <source>No database open</source>
      <translation>Keine Datenbank geöffnet</translation>
    </message>
    <message numerus="yes">
      <source>{total} of %Ln account(s) match “{search}”</source>
      <translation>
        <numerusform>{total} von %Ln Konto passen zu „{search}“</numerusform>
        <numerusform>{total} von %Ln Konten passen zu „{search}“</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{total} of %Ln account(s)</source>
      <translation>
        <numerusform>{total} von %Ln Konto</numerusform>
        <numerusform>{total} von %Ln Konten</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%Ln account(s)</source>
      <translation>
        <numerusform>%Ln Konto</numerusform>
        <numerusform>%Ln Konten</numerusform>
      </translation>
    </message>
    <message>
      <source>No account matches the search{filter}.</source>
      <translation>Kein Konto passt zur Suche{filter}.</translation>
    </message>
    <message numerus="yes">
      <source>%n month(s)</source>
      <translation>
        <numerusform>%n Monat</numerusform>
        <numerusform>%n Monate</numerusform>
      </translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation>Konten</translation>
    </message>
  </context>
  <context>
    <name>Actions</name>
    <message>
      <source>The database is open read-only.</source>
      <translation>Die Datenbank ist schreibgeschützt geöffnet.</translation>
    </message>
    <message>
      <source>&amp;New database…</source>
      <translation>Neue &amp;Datenbank…</translation>
    </message>
    <message>
      <source>Create an empty database file</source>
      <translation>Eine leere Datenbankdatei anlegen</translation>
    </message>
    <message>
      <source>&amp;Open database…</source>
      <translation>Datenbank ö&amp;ffnen…</translation>
    </message>
    <message>
      <source>Open another database file</source>
      <translation>Eine andere Datenbankdatei öffnen</translation>
    </message>
    <message>
      <source>&amp;Sign in…</source>
      <translation>&amp;Anmelden…</translation>
    </message>
    <message>
      <source>Sign in to the database whose sign-in was cancelled</source>
      <translation>Bei der Datenbank anmelden, deren Anmeldung abgebrochen wurde</translation>
    </message>
    <message>
      <source>&amp;Database settings…</source>
      <translation>Datenbank-&amp;Einstellungen…</translation>
    </message>
    <message>
      <source>How new passwords of this database are hashed</source>
      <translation>Wie neue Passwörter dieser Datenbank gehasht werden</translation>
    </message>
    <message>
      <source>Sign o&amp;ut</source>
      <translation>Ab&amp;melden</translation>
    </message>
    <message>
      <source>Hide the accounts until an administrator signs in again</source>
      <translation>Die Konten ausblenden, bis sich wieder ein Administrator anmeldet</translation>
    </message>
    <message>
      <source>&amp;Back up…</source>
      <translation>&amp;Sichern…</translation>
    </message>
    <message>
      <source>Save a copy of the whole database in a new file</source>
      <translation>Eine Kopie der ganzen Datenbank in einer neuen Datei speichern</translation>
    </message>
    <message>
      <source>&amp;Restore…</source>
      <translation>&amp;Wiederherstellen…</translation>
    </message>
    <message>
      <source>Replace the database with a backup (the current one is kept)</source>
      <translation>Die Datenbank durch eine Sicherung ersetzen (die aktuelle bleibt erhalten)</translation>
    </message>
    <message>
      <source>&amp;Export…</source>
      <translation>E&amp;xportieren…</translation>
    </message>
    <message>
      <source>Write the accounts shown to a CSV or JSON file</source>
      <translation>Die angezeigten Konten in eine CSV- oder JSON-Datei schreiben</translation>
    </message>
    <message>
      <source>E&amp;xport selected…</source>
      <translation>Auswahl ex&amp;portieren…</translation>
    </message>
    <message>
      <source>Write the selected accounts to a CSV or JSON file</source>
      <translation>Die ausgewählten Konten in eine CSV- oder JSON-Datei schreiben</translation>
    </message>
    <message>
      <source>&amp;Import…</source>
      <translation>&amp;Importieren…</translation>
    </message>
    <message>
      <source>Add accounts from a CSV or JSON file, all or none</source>
      <translation>Konten aus einer CSV- oder JSON-Datei hinzufügen, alle oder keines</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>&amp;Beenden</translation>
    </message>
    <message>
      <source>Quit HomeLog Desktop</source>
      <translation>HomeLog Desktop beenden</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>&amp;Rückgängig</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>&amp;Wiederholen</translation>
    </message>
    <message>
      <source>&amp;New account…</source>
      <translation>&amp;Neues Konto…</translation>
    </message>
    <message>
      <source>Add an account</source>
      <translation>Ein Konto hinzufügen</translation>
    </message>
    <message>
      <source>&amp;Edit account…</source>
      <translation>Konto &amp;bearbeiten…</translation>
    </message>
    <message>
      <source>Edit the email and name of the selected account</source>
      <translation>E-Mail und Name des ausgewählten Kontos bearbeiten</translation>
    </message>
    <message>
      <source>&amp;Delete account…</source>
      <translation>Konto &amp;löschen…</translation>
    </message>
    <message>
      <source>Delete the selected account</source>
      <translation>Das ausgewählte Konto löschen</translation>
    </message>
    <message>
      <source>&amp;Set password…</source>
      <translation>&amp;Passwort setzen…</translation>
    </message>
    <message>
      <source>Set a new password for the selected account</source>
      <translation>Ein neues Passwort für das ausgewählte Konto setzen</translation>
    </message>
    <message>
      <source>&amp;Remove password…</source>
      <translation>Passwort &amp;entfernen…</translation>
    </message>
    <message>
      <source>Remove the password of the selected account</source>
      <translation>Das Passwort des ausgewählten Kontos entfernen</translation>
    </message>
    <message>
      <source>&amp;Check password…</source>
      <translation>Passwort p&amp;rüfen…</translation>
    </message>
    <message>
      <source>Check whether a password is the selected account's</source>
      <translation>Prüfen, ob ein Passwort das des ausgewählten Kontos ist</translation>
    </message>
    <message>
      <source>Make &amp;administrator</source>
      <translation>Zum &amp;Administrator machen</translation>
    </message>
    <message>
      <source>Let the selected account sign in here and manage the accounts</source>
      <translation>Das ausgewählte Konto darf sich hier anmelden und die Konten verwalten</translation>
    </message>
    <message>
      <source>Make &amp;member</source>
      <translation>Zum &amp;Mitglied machen</translation>
    </message>
    <message>
      <source>Make the selected administrator a member again</source>
      <translation>Den ausgewählten Administrator wieder zum Mitglied machen</translation>
    </message>
    <message>
      <source>D&amp;isable account</source>
      <translation>Konto &amp;deaktivieren</translation>
    </message>
    <message>
      <source>Keep the selected account from signing in (it keeps its password)</source>
      <translation>Das ausgewählte Konto von der Anmeldung ausschließen (es behält sein Passwort)</translation>
    </message>
    <message>
      <source>Ena&amp;ble account</source>
      <translation>Konto a&amp;ktivieren</translation>
    </message>
    <message>
      <source>Let the selected disabled account sign in again</source>
      <translation>Das ausgewählte deaktivierte Konto darf sich wieder anmelden</translation>
    </message>
    <message>
      <source>&amp;Unlock account</source>
      <translation>Konto ent&amp;sperren</translation>
    </message>
    <message>
      <source>End the lock after too many failed sign-ins, and forget those failures</source>
      <translation>Die Sperre nach zu vielen fehlgeschlagenen Anmeldungen aufheben und diese Fehlversuche vergessen</translation>
    </message>
    <message>
      <source>Re&amp;quire a new password…</source>
      <translation>Neues Passwort &amp;verlangen…</translation>
    </message>
    <message>
      <source>Ask the selected accounts to choose a new password at their next sign-in</source>
      <translation>Die ausgewählten Konten müssen bei der nächsten Anmeldung ein neues Passwort wählen</translation>
    </message>
    <message>
      <source>&amp;Find…</source>
      <translation>&amp;Suchen…</translation>
    </message>
    <message>
      <source>Search accounts</source>
      <translation>Konten durchsuchen</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
      <source>Read the accounts again</source>
      <translation>Die Konten neu einlesen</translation>
    </message>
    <message>
      <source>&amp;History…</source>
      <translation>&amp;Verlauf…</translation>
    </message>
    <message>
      <source>Every change to an account and every sign-in: who, when, what</source>
      <translation>Jede Änderung an einem Konto und jede Anmeldung: wer, wann, was</translation>
    </message>
    <message>
      <source>History of this a&amp;ccount…</source>
      <translation>Verlauf dieses &amp;Kontos…</translation>
    </message>
    <message>
      <source>What happened to the selected account</source>
      <translation>Was mit dem ausgewählten Konto geschehen ist</translation>
    </message>
    <message>
      <source>Sign-in r&amp;eadiness…</source>
      <translation>A&amp;nmeldebereitschaft…</translation>
    </message>
    <message>
      <source>Which accounts can sign in, and why the others cannot</source>
      <translation>Welche Konten sich anmelden können und warum die anderen nicht</translation>
    </message>
    <message>
      <source>&amp;About HomeLog Desktop</source>
      <translation>&amp;Über HomeLog Desktop</translation>
    </message>
    <message>
      <source>Version, database in use and licences</source>
      <translation>Version, verwendete Datenbank und Lizenzen</translation>
    </message>
  </context>
  <context>
    <name>CheckPassword</name>
    <message>
      <source>Check password of {account}</source>
      <translation>Passwort von {account} prüfen</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>Prüfen</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>Schließen</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Passwort:</translation>
    </message>
    <message>
      <source>Type a password and press Check.</source>
      <translation>Geben Sie ein Passwort ein und klicken Sie auf „Prüfen“.</translation>
    </message>
    <message>
      <source>This is the account's password.</source>
      <translation>Das ist das Passwort des Kontos.</translation>
    </message>
    <message>
      <source>This is not the account's password.</source>
      <translation>Das ist nicht das Passwort des Kontos.</translation>
    </message>
  </context>
  <context>
    <name>Dialogs</name>
    <message>
      <source>Save</source>
      <translation>Speichern</translation>
    </message>
  </context>
  <context>
    <name>Formats</name>
    <message>
      <source>yyyy-MM-dd HH:mm</source>
      <translation>dd.MM.yyyy HH:mm</translation>
    </message>
    <message>
      <source>yyyy-MM-dd HH:mm:ss</source>
      <translation>dd.MM.yyyy HH:mm:ss</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>The language changes when HomeLog Desktop is started again.</source>
      <translation>Die Sprache wechselt beim nächsten Start von HomeLog Desktop.</translation>
    </message>
    <message>
      <source>Accounts</source>
      <translation>Konten</translation>
    </message>
    <message>
      <source>Not signed in: the accounts of {file} are shown once an administrator signs in.</source>
      <translation>Nicht angemeldet: Die Konten von {file} werden angezeigt, sobald sich ein Administrator anmeldet.</translation>
    </message>
    <message>
      <source>No database is open.</source>
      <translation>Keine Datenbank ist geöffnet.</translation>
    </message>
    <message>
      <source>Search by email or name  (Ctrl+F)</source>
      <translation>Nach E-Mail oder Name suchen  (Strg+F)</translation>
    </message>
    <message>
      <source>Search accounts</source>
      <translation>Konten durchsuchen</translation>
    </message>
    <message>
      <source>Lists only the accounts whose email or name holds the text; Escape clears</source>
      <translation>Zeigt nur die Konten, deren E-Mail oder Name den Text enthält; Esc leert das Feld</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>Anzeigen</translation>
    </message>
    <message>
      <source>Show only the accounts in this state</source>
      <translation>Nur die Konten in diesem Zustand anzeigen</translation>
    </message>
    <message>
      <source>&amp;Show:</source>
      <translation>An&amp;zeigen:</translation>
    </message>
    <message>
      <source>⚠ Other users can read this file</source>
      <translation>⚠ Andere Benutzer können diese Datei lesen</translation>
    </message>
    <message>
      <source>Signed in as {email}</source>
      <translation>Angemeldet als {email}</translation>
    </message>
    <message>
      <source>Not signed in</source>
      <translation>Nicht angemeldet</translation>
    </message>
    <message>
      <source> (read-only)</source>
      <translation> (schreibgeschützt)</translation>
    </message>
    <message>
      <source>; {count} selected</source>
      <translation>; {count} ausgewählt</translation>
    </message>
  </context>
  <context>
    <name>Menus</name>
    <message>
      <source>&amp;File</source>
      <translation>&amp;Datei</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
      <source>&amp;Account</source>
      <translation>&amp;Konto</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>&amp;Ansicht</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>&amp;Hilfe</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>Sp&amp;rache</translation>
    </message>
    <message>
      <source>&amp;System language</source>
      <translation>S&amp;ystemsprache</translation>
    </message>
  </context>
  <context>
    <name>PasswordDialog</name>
    <message>
      <source>Your password was set by another administrator and must be changed before you continue.</source>
      <translation>Ihr Passwort wurde von einem anderen Administrator gesetzt und muss geändert werden, bevor Sie fortfahren.</translation>
    </message>
    <message>
      <source>Choose a new password</source>
      <translation>Neues Passwort wählen</translation>
    </message>
    <message>
      <source>met</source>
      <translation>erfüllt</translation>
    </message>
    <message>
      <source>not met</source>
      <translation>nicht erfüllt</translation>
    </message>
    <message>
      <source>{rule}: {state}</source>
      <translation>{rule}: {state}</translation>
    </message>
    <message>
      <source>Set password for {account}</source>
      <translation>Passwort für {account} setzen</translation>
    </message>
    <message>
      <source>Set password</source>
      <translation>Passwort setzen</translation>
    </message>
    <message>
      <source>Strength:</source>
      <translation>Stärke:</translation>
    </message>
    <message>
      <source>&amp;Temporary: to be changed at the next sign-in</source>
      <translation>&amp;Vorläufig: bei der nächsten Anmeldung zu ändern</translation>
    </message>
    <message>
      <source>The account must choose its own password the next time it signs in here</source>
      <translation>Das Konto muss bei seiner nächsten Anmeldung hier ein eigenes Passwort wählen</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Passwort:</translation>
    </message>
    <message>
      <source>&amp;Confirm:</source>
      <translation>&amp;Bestätigen:</translation>
    </message>
    <message>
      <source>&amp;Generate</source>
      <translation>&amp;Erzeugen</translation>
    </message>
    <message>
      <source>Fill both fields with a new random password that meets every rule</source>
      <translation>Beide Felder mit einem neuen Zufallspasswort füllen, das alle Regeln erfüllt</translation>
    </message>
    <message>
      <source> characters</source>
      <translation> Zeichen</translation>
    </message>
    <message>
      <source>Length of generated passwords</source>
      <translation>Länge erzeugter Passwörter</translation>
    </message>
    <message>
      <source>C&amp;opy</source>
      <translation>&amp;Kopieren</translation>
    </message>
    <message>
      <source>Copy the password to the clipboard once; it is cleared from there after {seconds} s or when this dialog closes</source>
      <translation>Das Passwort einmal in die Zwischenablage kopieren; es wird dort nach {seconds} s oder beim Schließen dieses Dialogs gelöscht</translation>
    </message>
    <message>
      <source>Password strength</source>
      <translation>Passwortstärke</translation>
    </message>
    <message>
      <source>From 0 (very weak) to {top} (very strong)</source>
      <translation>Von 0 (sehr schwach) bis {top} (sehr stark)</translation>
    </message>
    <message>
      <source>A rule the new password must meet</source>
      <translation>Eine Regel, die das neue Passwort erfüllen muss</translation>
    </message>
    <message>
      <source>{strength}: {time} to crack from a stolen database.</source>
      <translation>{strength}: {time} zum Knacken aus einer gestohlenen Datenbank.</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>Kopiert</translation>
    </message>
    <message>
      <source>Type the password again to confirm it.</source>
      <translation>Geben Sie das Passwort zur Bestätigung noch einmal ein.</translation>
    </message>
    <message>
      <source>Both entries match</source>
      <translation>Beide Eingaben stimmen überein</translation>
    </message>
    <message>
      <source>The entries do not match</source>
      <translation>Die Eingaben stimmen nicht überein</translation>
    </message>
    <message numerus="yes">
      <source>%n character(s), {bytes} bytes in UTF-8</source>
      <translation>
        <numerusform>%n Zeichen, {bytes} Bytes in UTF-8</numerusform>
        <numerusform>%n Zeichen, {bytes} Bytes in UTF-8</numerusform>
      </translation>
    </message>
    <message>
      <source>. home-log's JSON sign-in accepts at most {limit} characters</source>
      <translation>. Die JSON-Anmeldung von home-log nimmt höchstens {limit} Zeichen an</translation>
    </message>
  </context>
  <context>
    <name>PasswordRules</name>
    <message>
      <source>At most {limit} bytes in UTF-8</source>
      <translation>Höchstens {limit} Bytes in UTF-8</translation>
    </message>
    <message>
      <source>The password is longer than {limit} bytes in UTF-8, the most bcrypt can use.</source>
      <translation>Das Passwort ist länger als {limit} Bytes in UTF-8, mehr kann bcrypt nicht verwenden.</translation>
    </message>
    <message>
      <source>At most {limit} characters</source>
      <translation>Höchstens {limit} Zeichen</translation>
    </message>
    <message>
      <source>The password is longer than {limit} characters, the most home-log accepts.</source>
      <translation>Das Passwort ist länger als {limit} Zeichen, mehr nimmt home-log nicht an.</translation>
    </message>
    <message>
      <source>At least {count} characters</source>
      <translation>Mindestens {count} Zeichen</translation>
    </message>
    <message>
      <source>The password must have at least {count} characters.</source>
      <translation>Das Passwort muss mindestens {count} Zeichen haben.</translation>
    </message>
    <message>
      <source>An uppercase letter</source>
      <translation>Ein Großbuchstabe</translation>
    </message>
    <message>
      <source>The password needs an uppercase letter.</source>
      <translation>Das Passwort braucht einen Großbuchstaben.</translation>
    </message>
    <message>
      <source>A lowercase letter</source>
      <translation>Ein Kleinbuchstabe</translation>
    </message>
    <message>
      <source>The password needs a lowercase letter.</source>
      <translation>Das Passwort braucht einen Kleinbuchstaben.</translation>
    </message>
    <message>
      <source>A digit</source>
      <translation>Eine Ziffer</translation>
    </message>
    <message>
      <source>The password needs a digit.</source>
      <translation>Das Passwort braucht eine Ziffer.</translation>
    </message>
    <message>
      <source>No space at the start or end</source>
      <translation>Kein Leerzeichen am Anfang oder Ende</translation>
    </message>
    <message>
      <source>The password must not start or end with a space.</source>
      <translation>Das Passwort darf nicht mit einem Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
      <source>No character three times in a row</source>
      <translation>Kein Zeichen dreimal hintereinander</translation>
    </message>
    <message>
      <source>The password must not repeat a character three times in a row.</source>
      <translation>Das Passwort darf kein Zeichen dreimal hintereinander wiederholen.</translation>
    </message>
    <message>
      <source>No NUL character</source>
      <translation>Kein NUL-Zeichen</translation>
    </message>
    <message>
      <source>The password must not contain a NUL character.</source>
      <translation>Das Passwort darf kein NUL-Zeichen enthalten.</translation>
    </message>
  </context>
  <context>
    <name>PasswordStrength</name>
    <message>
      <source>Weak</source>
      <translation>Schwach</translation>
    </message>
    <message>
      <source>Fair</source>
      <translation>Mäßig</translation>
    </message>
    <message>
      <source>Good</source>
      <translation>Gut</translation>
    </message>
    <message>
      <source>Strong</source>
      <translation>Stark</translation>
    </message>
    <message>
      <source>Very strong</source>
      <translation>Sehr stark</translation>
    </message>
    <message>
      <source>Avoid the account's email address and name.</source>
      <translation>Vermeiden Sie die E-Mail-Adresse und den Namen des Kontos.</translation>
    </message>
    <message>
      <source>Type a password or generate one.</source>
      <translation>Geben Sie ein Passwort ein oder erzeugen Sie eines.</translation>
    </message>
    <message>
      <source>no time</source>
      <translation>keine Zeit</translation>
    </message>
  </context>
  <context>
    <name>SignIn</name>
    <message>
      <source>Sign in — {file}</source>
      <translation>Anmelden — {file}</translation>
    </message>
    <message>
      <source>Sign in</source>
      <translation>Anmelden</translation>
    </message>
    <message>
      <source>{file} has administrators. Sign in as one of them to see and manage its accounts.</source>
      <translation>{file} hat Administratoren. Melden Sie sich als einer von ihnen an, um die Konten zu sehen und zu verwalten.</translation>
    </message>
    <message>
      <source>&amp;Email:</source>
      <translation>&amp;E-Mail:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Passwort:</translation>
    </message>
  </context>
  <context>
    <name>Widgets</name>
    <message>
      <source>Show password</source>
      <translation>Passwort anzeigen</translation>
    </message>
    <message>
      <source>Show the password</source>
      <translation>Das Passwort anzeigen</translation>
    </message>
    <message>
      <source>Shows or hides the characters typed in the password fields</source>
      <translation>Zeigt oder verbirgt die in die Passwortfelder eingegebenen Zeichen</translation>
    </message>
    <message>
      <source>Hide the password</source>
      <translation>Das Passwort verbergen</translation>
    </message>
    <message>
      <source>Hide password</source>
      <translation>Passwort verbergen</translation>
    </message>
    <message>
      <source>name@example.org</source>
      <translation>name@beispiel.de</translation>
    </message>
    <message>
      <source>optional</source>
      <translation>optional</translation>
    </message>
  </context>
</TS>