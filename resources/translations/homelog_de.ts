<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de" sourcelanguage="en">
  <context>
    <name>Account</name>
    <message>
      <source>1 data source</source>
      <translation>1 Datenquelle</translation>
    </message>
    <message>
      <source>{count} data sources</source>
      <translation>{count} Datenquellen</translation>
    </message>
    <message>
      <source>1 reading</source>
      <translation>1 Messwert</translation>
    </message>
    <message>
      <source>{count} readings</source>
      <translation>{count} Messwerte</translation>
    </message>
    <message>
      <source>It owns {sources} and created {readings}; they stay in home-log without this account.</source>
      <translation>Es besitzt {sources} und hat {readings} angelegt; sie bleiben ohne dieses Konto in home-log erhalten.</translation>
    </message>
    <message>
      <source>It owns {sources}; they stay in home-log without this account.</source>
      <translation>Es besitzt {sources}; sie bleiben ohne dieses Konto in home-log erhalten.</translation>
    </message>
    <message>
      <source>It created {readings}; they stay in home-log without this account.</source>
      <translation>Es hat {readings} angelegt; sie bleiben ohne dieses Konto in home-log erhalten.</translation>
    </message>
  </context>
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
    <message>
      <source>Counting accounts…</source>
      <translation>Konten werden gezählt…</translation>
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
      <source>&amp;Connect to server…</source>
      <translation>Mit Se&amp;rver verbinden…</translation>
    </message>
    <message>
      <source>Open a database on a PostgreSQL server</source>
      <translation>Eine Datenbank auf einem PostgreSQL-Server öffnen</translation>
    </message>
    <message>
      <source>Open recen&amp;t</source>
      <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
      <source>Open a database used before</source>
      <translation>Eine zuvor verwendete Datenbank öffnen</translation>
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
      <source>Bring back the accounts of a backup (a file is replaced by it, the current one kept; on a server nothing is deleted)</source>
      <translation>Die Konten einer Sicherung zurückholen (eine Datei wird durch sie ersetzt, die aktuelle bleibt erhalten; auf einem Server wird nichts gelöscht)</translation>
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
    <name>Backup</name>
    <message>
      <source>1 account, {passwords} with a password</source>
      <translation>1 Konto, {passwords} mit Passwort</translation>
    </message>
    <message>
      <source>{accounts} accounts, {passwords} with a password</source>
      <translation>{accounts} Konten, {passwords} mit Passwort</translation>
    </message>
  </context>
  <context>
    <name>Bulk</name>
    <message>
      <source>Disable {accounts}: {named}?</source>
      <translation>{accounts} deaktivieren: {named}?</translation>
    </message>
    <message>
      <source>Enable {accounts}: {named}?</source>
      <translation>{accounts} aktivieren: {named}?</translation>
    </message>
    <message>
      <source>Unlock {accounts}: {named}?</source>
      <translation>{accounts} entsperren: {named}?</translation>
    </message>
    <message>
      <source>Require a new password of {accounts}: {named}?</source>
      <translation>Von {accounts} ein neues Passwort verlangen: {named}?</translation>
    </message>
    <message>
      <source>Make members of {accounts}: {named}?</source>
      <translation>{accounts} zu Mitgliedern machen: {named}?</translation>
    </message>
    <message>
      <source>Delete {accounts}: {named}?</source>
      <translation>{accounts} löschen: {named}?</translation>
    </message>
    <message>
      <source>These accounts include every enabled administrator ({named}): disable them all and nobody could manage the accounts any more. Leave at least one of them out of the selection.</source>
      <translation>Diese Konten umfassen alle aktivierten Administratoren ({named}): Werden sie alle deaktiviert, könnte niemand mehr die Konten verwalten. Lassen Sie mindestens einen von ihnen aus der Auswahl heraus.</translation>
    </message>
    <message>
      <source>These accounts include every enabled administrator ({named}): make members of them all and nobody could manage the accounts any more. Leave at least one of them out of the selection.</source>
      <translation>Diese Konten umfassen alle aktivierten Administratoren ({named}): Werden sie alle zu Mitgliedern gemacht, könnte niemand mehr die Konten verwalten. Lassen Sie mindestens einen von ihnen aus der Auswahl heraus.</translation>
    </message>
    <message>
      <source>These accounts include every enabled administrator ({named}): delete them all and nobody could manage the accounts any more. Leave at least one of them out of the selection.</source>
      <translation>Diese Konten umfassen alle aktivierten Administratoren ({named}): Werden sie alle gelöscht, könnte niemand mehr die Konten verwalten. Lassen Sie mindestens einen von ihnen aus der Auswahl heraus.</translation>
    </message>
    <message>
      <source>{named} and {rest} more</source>
      <translation>{named} und {rest} weitere</translation>
    </message>
    <message>
      <source>1 account</source>
      <translation>1 Konto</translation>
    </message>
    <message>
      <source>{count} accounts</source>
      <translation>{count} Konten</translation>
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
    <message>
      <source>Database settings</source>
      <translation>Datenbank-Einstellungen</translation>
    </message>
    <message>
      <source>bcrypt (cost {bcrypt_cost})</source>
      <translation>bcrypt (Kosten {bcrypt_cost})</translation>
    </message>
    <message>
      <source>Argon2id (as home-log's backend)</source>
      <translation>Argon2id (wie das Backend von home-log)</translation>
    </message>
    <message>
      <source>New passwords are &amp;hashed with:</source>
      <translation>Neue Passwörter &amp;hashen mit:</translation>
    </message>
    <message>
      <source>This database is set to {_initial}.</source>
      <translation>Diese Datenbank ist auf {_initial} eingestellt.</translation>
    </message>
    <message>
      <source>No setting yet: {scheme} was chosen because the database holds home-log's Argon2 hashes.</source>
      <translation>Noch keine Einstellung: {scheme} wurde gewählt, weil die Datenbank Argon2-Hashes von home-log enthält.</translation>
    </message>
    <message>
      <source>No setting yet: {scheme} is the default.</source>
      <translation>Noch keine Einstellung: {scheme} ist die Voreinstellung.</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>About {app}</source>
      <translation>Über {app}</translation>
    </message>
    <message>
      <source>Version {version}</source>
      <translation>Version {version}</translation>
    </message>
    <message>
      <source>Database: {path}</source>
      <translation>Datenbank: {path}</translation>
    </message>
    <message>
      <source>No database open</source>
      <translation>Keine Datenbank geöffnet</translation>
    </message>
    <message>
      <source>A desktop account manager for home-log, released under the MIT licence. It includes these components:</source>
      <translation>Eine Kontenverwaltung für home-log auf dem Desktop, veröffentlicht unter der MIT-Lizenz. Sie enthält diese Komponenten:</translation>
    </message>
    <message>
      <source>The full licence texts come with the program; on Debian and Ubuntu they are in /usr/share/doc/homelog-desktop/copyright.</source>
      <translation>Die vollständigen Lizenztexte liegen dem Programm bei; unter Debian und Ubuntu stehen sie in /usr/share/doc/homelog-desktop/copyright.</translation>
    </message>
    <message>
      <source>The file will hold every exported account's password hash. Anyone who gets it can try to guess the passwords on their own computer, without limit: keep it private, and delete it once it has been used.</source>
      <translation>Die Datei wird den Passwort-Hash jedes exportierten Kontos enthalten. Wer sie bekommt, kann auf dem eigenen Rechner unbegrenzt versuchen, die Passwörter zu erraten: Halten Sie sie geheim und löschen Sie sie, sobald sie verwendet wurde.</translation>
    </message>
    <message>
      <source>Export accounts</source>
      <translation>Konten exportieren</translation>
    </message>
    <message>
      <source>CSV (spreadsheets)</source>
      <translation>CSV (Tabellenkalkulation)</translation>
    </message>
    <message>
      <source>JSON</source>
      <translation>JSON</translation>
    </message>
    <message>
      <source>Include password hashes</source>
      <translation>Passwort-Hashes einschließen</translation>
    </message>
    <message>
      <source>Needed to move accounts with their passwords to another database. Anyone with the file can try to guess the passwords: keep it private.</source>
      <translation>Nötig, um Konten mit ihren Passwörtern in eine andere Datenbank zu übertragen. Wer die Datei hat, kann versuchen, die Passwörter zu erraten: Halten Sie sie geheim.</translation>
    </message>
    <message>
      <source>Passwords themselves are never exported.</source>
      <translation>Die Passwörter selbst werden nie exportiert.</translation>
    </message>
    <message>
      <source>&amp;Format:</source>
      <translation>&amp;Format:</translation>
    </message>
    <message>
      <source>Choose file…</source>
      <translation>Datei wählen…</translation>
    </message>
    <message>
      <source>HomeLog databases (*.db *.sqlite *.sqlite3);;All files (*)</source>
      <translation>HomeLog-Datenbanken (*.db *.sqlite *.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
      <source>Set up an administrator — {database_name}</source>
      <translation>Administrator einrichten — {database_name}</translation>
    </message>
    <message>
      <source>Continue</source>
      <translation>Weiter</translation>
    </message>
    <message>
      <source>{database_name} has no administrator yet. Administrators are the accounts allowed to manage the others here; from now on one of them signs in whenever this database is opened.</source>
      <translation>{database_name} hat noch keinen Administrator. Administratoren sind die Konten, die hier die anderen verwalten dürfen; von nun an meldet sich einer von ihnen an, wann immer diese Datenbank geöffnet wird.</translation>
    </message>
    <message>
      <source>&amp;Create a new administrator account</source>
      <translation>Neues Administratorkonto &amp;anlegen</translation>
    </message>
    <message>
      <source>&amp;Make an existing account the administrator</source>
      <translation>Ein bestehendes Konto zum Administrator &amp;machen</translation>
    </message>
    <message>
      <source>The database has no account yet</source>
      <translation>Die Datenbank hat noch kein Konto</translation>
    </message>
    <message>
      <source>&amp;Name:</source>
      <translation>&amp;Name:</translation>
    </message>
    <message>
      <source>C&amp;onfirm:</source>
      <translation>B&amp;estätigen:</translation>
    </message>
    <message>
      <source>&amp;Email:</source>
      <translation>&amp;E-Mail:</translation>
    </message>
    <message>
      <source>&amp;Password:</source>
      <translation>&amp;Passwort:</translation>
    </message>
    <message>
      <source>Create administrator</source>
      <translation>Administrator anlegen</translation>
    </message>
    <message>
      <source>Check password and continue</source>
      <translation>Passwort prüfen und weiter</translation>
    </message>
    <message>
      <source>The account's current password is checked before it becomes an administrator.</source>
      <translation>Das aktuelle Passwort des Kontos wird geprüft, bevor es Administrator wird.</translation>
    </message>
    <message>
      <source>Type the same password again in Confirm.</source>
      <translation>Geben Sie dasselbe Passwort unter „Bestätigen“ noch einmal ein.</translation>
    </message>
    <message>
      <source>Ready: this account will be an administrator.</source>
      <translation>Bereit: Dieses Konto wird Administrator.</translation>
    </message>
    <message>
      <source>Skip them (keep the accounts as they are)</source>
      <translation>Überspringen (die Konten bleiben, wie sie sind)</translation>
    </message>
    <message>
      <source>Update them (email, name, and password if the file has one)</source>
      <translation>Aktualisieren (E-Mail, Name und Passwort, falls die Datei eines hat)</translation>
    </message>
    <message>
      <source>Stop: import nothing</source>
      <translation>Abbrechen: nichts importieren</translation>
    </message>
    <message>
      <source>Row</source>
      <translation>Zeile</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>E-Mail</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>Details</translation>
    </message>
    <message>
      <source>the file</source>
      <translation>die Datei</translation>
    </message>
    <message>
      <source>Import {name}</source>
      <translation>{name} importieren</translation>
    </message>
    <message>
      <source>Accounts that already &amp;exist:</source>
      <translation>Bereits &amp;vorhandene Konten:</translation>
    </message>
    <message>
      <source>Rows of the file</source>
      <translation>Zeilen der Datei</translation>
    </message>
    <message>
      <source>Each row of the file with what the import does with it</source>
      <translation>Jede Zeile der Datei und was der Import mit ihr macht</translation>
    </message>
    <message>
      <source>&amp;Import</source>
      <translation>&amp;Importieren</translation>
    </message>
    <message>
      <source>Nothing will be imported: correct the rows marked “error” in the file, then import it again.</source>
      <translation>Es wird nichts importiert: Korrigieren Sie die mit „Fehler“ markierten Zeilen in der Datei und importieren Sie sie erneut.</translation>
    </message>
    <message>
      <source>Nothing is written until you press Import; then all rows are written together.</source>
      <translation>Nichts wird geschrieben, bevor Sie auf „Importieren“ klicken; dann werden alle Zeilen gemeinsam geschrieben.</translation>
    </message>
    <message>
      <source>There is nothing to import.</source>
      <translation>Es gibt nichts zu importieren.</translation>
    </message>
    <message>
      <source>{count} rows: {summary}.
{verdict}</source>
      <translation>{count} Zeilen: {summary}.
{verdict}</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>Abbrechen</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>Wird abgebrochen…</translation>
    </message>
    <message>
      <source>&amp;Refresh</source>
      <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
      <source>All actions</source>
      <translation>Alle Aktionen</translation>
    </message>
    <message>
      <source>History of {email}</source>
      <translation>Verlauf von {email}</translation>
    </message>
    <message>
      <source>History</source>
      <translation>Verlauf</translation>
    </message>
    <message>
      <source>Read the newest entries again (F5)</source>
      <translation>Die neuesten Einträge neu lesen (F5)</translation>
    </message>
    <message>
      <source>Email contains…</source>
      <translation>E-Mail enthält…</translation>
    </message>
    <message>
      <source>Entries about this account, or done by it as administrator</source>
      <translation>Einträge zu diesem Konto oder von ihm als Administrator vorgenommen</translation>
    </message>
    <message>
      <source>&amp;Verify trail</source>
      <translation>Protokoll &amp;prüfen</translation>
    </message>
    <message>
      <source>Check that no entry of the trail was changed or removed</source>
      <translation>Prüfen, dass kein Eintrag des Protokolls geändert oder entfernt wurde</translation>
    </message>
    <message>
      <source>&amp;Account:</source>
      <translation>&amp;Konto:</translation>
    </message>
    <message>
      <source>A&amp;ction:</source>
      <translation>A&amp;ktion:</translation>
    </message>
    <message>
      <source>; and {count} more</source>
      <translation>; und {count} weitere</translation>
    </message>
    <message>
      <source>Changed outside this app (no entry of the trail says so): {shown}{more}.</source>
      <translation>Außerhalb dieser App geändert (kein Eintrag des Protokolls nennt es): {shown}{more}.</translation>
    </message>
    <message>
      <source>homelog-admin report lists every such account.</source>
      <translation>homelog-admin report listet jedes solche Konto auf.</translation>
    </message>
    <message>
      <source>Reading the history…</source>
      <translation>Verlauf wird gelesen…</translation>
    </message>
    <message>
      <source>{_shown_text} Reading older entries…</source>
      <translation>{_shown_text} Ältere Einträge werden gelesen…</translation>
    </message>
    <message>
      <source>The history could not be read: {text}</source>
      <translation>Der Verlauf konnte nicht gelesen werden: {text}</translation>
    </message>
    <message>
      <source>No entries match.</source>
      <translation>Keine Einträge passen.</translation>
    </message>
    <message>
      <source>The history is empty.</source>
      <translation>Der Verlauf ist leer.</translation>
    </message>
    <message numerus="yes">
      <source>The newest {shown} of %Ln entry(ies); scroll down for older ones.</source>
      <translation>
        <numerusform>Die neuesten {shown} von %Ln Eintrag; für ältere nach unten scrollen.</numerusform>
        <numerusform>Die neuesten {shown} von %Ln Einträgen; für ältere nach unten scrollen.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>All %Ln entry(ies).</source>
      <translation>
        <numerusform>%Ln Eintrag.</numerusform>
        <numerusform>Alle %Ln Einträge.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{shown} of %Ln entry(ies).</source>
      <translation>
        <numerusform>{shown} von %Ln Eintrag.</numerusform>
        <numerusform>{shown} von %Ln Einträgen.</numerusform>
      </translation>
    </message>
    <message>
      <source>Checking every entry of the trail…</source>
      <translation>Jeder Eintrag des Protokolls wird geprüft…</translation>
    </message>
    <message numerus="yes">
      <source>The trail is intact (%Ln entry(ies)).</source>
      <translation>
        <numerusform>Das Protokoll ist unversehrt (%Ln Eintrag).</numerusform>
        <numerusform>Das Protokoll ist unversehrt (%Ln Einträge).</numerusform>
      </translation>
    </message>
    <message>
      <source>Every entry is as it was written, and none is missing.</source>
      <translation>Jeder Eintrag ist so, wie er geschrieben wurde, und keiner fehlt.</translation>
    </message>
    <message>
      <source>Entry #{first_bad} was changed or removed.</source>
      <translation>Eintrag Nr. {first_bad} wurde geändert oder entfernt.</translation>
    </message>
    <message>
      <source>The trail's hash chain is broken there: that entry was edited or deleted outside this app (or entries after it were removed). homelog-admin audit verify reports the same.</source>
      <translation>Die Hash-Kette des Protokolls ist dort unterbrochen: Dieser Eintrag wurde außerhalb dieser App bearbeitet oder gelöscht (oder spätere Einträge wurden entfernt). homelog-admin audit verify meldet dasselbe.</translation>
    </message>
    <message>
      <source>The trail could not be checked: {text}</source>
      <translation>Das Protokoll konnte nicht geprüft werden: {text}</translation>
    </message>
    <message>
      <source>no administrator</source>
      <translation>kein Administrator</translation>
    </message>
    <message>
      <source>Not done by a signed-in administrator: a sign-in attempt, the first-run setup, or homelog-admin without --actor.</source>
      <translation>Nicht von einem angemeldeten Administrator: ein Anmeldeversuch, die Ersteinrichtung oder homelog-admin ohne --actor.</translation>
    </message>
    <message>
      <source>(unknown email)</source>
      <translation>(unbekannte E-Mail)</translation>
    </message>
    <message>
      <source>When</source>
      <translation>Wann</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>Aktion</translation>
    </message>
    <message>
      <source>Account</source>
      <translation>Konto</translation>
    </message>
    <message>
      <source>By</source>
      <translation>Von</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>Geändert</translation>
    </message>
    <message>
      <source>, </source>
      <translation>, </translation>
    </message>
    <message>
      <source>{strftime} UTC (entry #{id})</source>
      <translation>{strftime} UTC (Eintrag Nr. {id})</translation>
    </message>
    <message>
      <source>An action this version does not know: {action}</source>
      <translation>Eine Aktion, die diese Version nicht kennt: {action}</translation>
    </message>
    <message>
      <source>{text} (account id {target_id})</source>
      <translation>{text} (Konto-ID {target_id})</translation>
    </message>
    <message>
      <source>A sign-in with an email that belongs to no account.</source>
      <translation>Eine Anmeldung mit einer E-Mail, die zu keinem Konto gehört.</translation>
    </message>
    <message>
      <source>{text}, as named on the command line ({actor_via}), not signed in</source>
      <translation>{text}, auf der Befehlszeile genannt ({actor_via}), nicht angemeldet</translation>
    </message>
    <message>
      <source>Role</source>
      <translation>Rolle</translation>
    </message>
    <message>
      <source>Can sign in</source>
      <translation>Anmeldbar</translation>
    </message>
    <message>
      <source>Why not</source>
      <translation>Warum nicht</translation>
    </message>
    <message>
      <source>To do</source>
      <translation>Zu tun</translation>
    </message>
    <message>
      <source>Hash scheme</source>
      <translation>Verfahren</translation>
    </message>
    <message>
      <source>(no account) user id {user_id}</source>
      <translation>(kein Konto) Benutzer-ID {user_id}</translation>
    </message>
    <message>
      <source>(deleted) {account}</source>
      <translation>(gelöscht) {account}</translation>
    </message>
    <message>
      <source>user id {id}</source>
      <translation>Benutzer-ID {id}</translation>
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
      <source>Yes</source>
      <translation>Ja</translation>
    </message>
    <message>
      <source>No</source>
      <translation>Nein</translation>
    </message>
    <message>
      <source>The password row of user id {user_id} belongs to no account; nobody can sign in with it.</source>
      <translation>Die Passwortzeile der Benutzer-ID {user_id} gehört zu keinem Konto; niemand kann sich damit anmelden.</translation>
    </message>
    <message>
      <source>User id {user_id} ({unknown}) was deleted by another program: {join}.</source>
      <translation>Benutzer-ID {user_id} ({unknown}) wurde von einem anderen Programm gelöscht: {join}.</translation>
    </message>
    <message>
      <source>address unknown</source>
      <translation>Adresse unbekannt</translation>
    </message>
    <message>
      <source>{email} can sign in.</source>
      <translation>{email} kann sich anmelden.</translation>
    </message>
    <message>
      <source>{email} cannot sign in: {problems}.</source>
      <translation>{email} kann sich nicht anmelden: {problems}.</translation>
    </message>
    <message>
      <source> To do: {notes}.</source>
      <translation> Zu tun: {notes}.</translation>
    </message>
    <message>
      <source>A password row for user id {user_id}, which is no account: left behind by a deletion outside this app. It can be removed.</source>
      <translation>Eine Passwortzeile für Benutzer-ID {user_id}, die kein Konto ist: übrig geblieben nach einer Löschung außerhalb dieser App. Sie kann entfernt werden.</translation>
    </message>
    <message>
      <source>{text} (account id {user_id})</source>
      <translation>{text} (Konto-ID {user_id})</translation>
    </message>
    <message>
      <source>There are no accounts.</source>
      <translation>Es gibt keine Konten.</translation>
    </message>
    <message>
      <source>The only account can sign in.</source>
      <translation>Das einzige Konto kann sich anmelden.</translation>
    </message>
    <message>
      <source>All {ready} accounts can sign in.</source>
      <translation>Alle {ready} Konten können sich anmelden.</translation>
    </message>
    <message numerus="yes">
      <source>{ready} of %Ln account(s) can sign in; {cannot} cannot.</source>
      <translation>
        <numerusform>{ready} von %Ln Konto kann sich anmelden; {cannot} nicht.</numerusform>
        <numerusform>{ready} von %Ln Konten können sich anmelden; {cannot} nicht.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source> %Ln more (needs/need) attention (see To do).</source>
      <translation>
        <numerusform> %Ln weiteres braucht Aufmerksamkeit (siehe „Zu tun“).</numerusform>
        <numerusform> %Ln weitere brauchen Aufmerksamkeit (siehe „Zu tun“).</numerusform>
      </translation>
    </message>
    <message>
      <source> 1 password row belongs to no account.</source>
      <translation> 1 Passwortzeile gehört zu keinem Konto.</translation>
    </message>
    <message>
      <source> {orphans} password rows belong to no account.</source>
      <translation> {orphans} Passwortzeilen gehören zu keinem Konto.</translation>
    </message>
    <message>
      <source>Sign-in readiness</source>
      <translation>Anmeldebereitschaft</translation>
    </message>
    <message>
      <source>Read every account again (F5)</source>
      <translation>Alle Konten neu lesen (F5)</translation>
    </message>
    <message>
      <source>&amp;Only accounts that cannot sign in or need attention</source>
      <translation>&amp;Nur Konten, die sich nicht anmelden können oder Aufmerksamkeit brauchen</translation>
    </message>
    <message>
      <source>locked until 2026-12-31 23:59:59</source>
      <translation>gesperrt bis 31.12.2026 23:59:59</translation>
    </message>
    <message>
      <source>Reading the accounts…</source>
      <translation>Konten werden gelesen…</translation>
    </message>
    <message>
      <source>Reading the accounts… {count} so far.</source>
      <translation>Konten werden gelesen… bisher {count}.</translation>
    </message>
    <message>
      <source>The accounts could not be read.</source>
      <translation>Die Konten konnten nicht gelesen werden.</translation>
    </message>
    <message>
      <source>Nothing needs attention.</source>
      <translation>Nichts braucht Aufmerksamkeit.</translation>
    </message>
    <message>
      <source>Showing {shown} of {read}.</source>
      <translation>{shown} von {read} angezeigt.</translation>
    </message>
    <message>
      <source>Account files (*.csv *.json);;CSV files (*.csv);;JSON files (*.json)</source>
      <translation>Kontodateien (*.csv *.json);;CSV-Dateien (*.csv);;JSON-Dateien (*.json)</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
      <source>JSON files (*.json)</source>
      <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
      <source>Connect to server</source>
      <translation>Mit Server verbinden</translation>
    </message>
    <message>
      <source>Connect</source>
      <translation>Verbinden</translation>
    </message>
    <message>
      <source>A home-log database on a PostgreSQL server. The password is not typed here: it is read from ~/.pgpass or PGPASSWORD, else the system keyring, else asked for.</source>
      <translation>Eine home-log-Datenbank auf einem PostgreSQL-Server. Das Passwort wird hier nicht eingegeben: Es wird aus ~/.pgpass oder PGPASSWORD gelesen, sonst aus dem Schlüsselbund des Systems, sonst wird danach gefragt.</translation>
    </message>
    <message>
      <source>Use a &amp;service from pg_service.conf</source>
      <translation>Einen Dienst aus pg_service.conf &amp;verwenden</translation>
    </message>
    <message>
      <source>S&amp;ervice:</source>
      <translation>Di&amp;enst:</translation>
    </message>
    <message>
      <source>&amp;Host:</source>
      <translation>&amp;Host:</translation>
    </message>
    <message>
      <source>P&amp;ort:</source>
      <translation>P&amp;ort:</translation>
    </message>
    <message>
      <source>&amp;Database:</source>
      <translation>&amp;Datenbank:</translation>
    </message>
    <message>
      <source>&amp;User:</source>
      <translation>&amp;Benutzer:</translation>
    </message>
    <message>
      <source>SSL &amp;mode:</source>
      <translation>SSL-&amp;Modus:</translation>
    </message>
    <message>
      <source>&amp;Root certificate:</source>
      <translation>&amp;Stammzertifikat:</translation>
    </message>
    <message>
      <source>Password — {where}</source>
      <translation>Passwort — {where}</translation>
    </message>
    <message>
      <source>The server asks for the password of {where}.</source>
      <translation>Der Server fragt nach dem Passwort für {where}.</translation>
    </message>
    <message>
      <source>&amp;Save password in the system keyring</source>
      <translation>Passwort im &amp;Schlüsselbund des Systems speichern</translation>
    </message>
    <message>
      <source>Restore from a backup</source>
      <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
      <source>Restore the accounts of {name} into {location}?</source>
      <translation>Die Konten aus {name} in {location} wiederherstellen?</translation>
    </message>
    <message>
      <source>{name} holds {description}.</source>
      <translation>{name} enthält {description}.</translation>
    </message>
    <message>
      <source>Accounts added:</source>
      <translation>Hinzugefügte Konten:</translation>
    </message>
    <message>
      <source>Accounts updated to the backup's:</source>
      <translation>Auf den Stand der Sicherung gebrachte Konten:</translation>
    </message>
    <message>
      <source>Accounts left alone (the same in both):</source>
      <translation>Unveränderte Konten (in beiden gleich):</translation>
    </message>
    <message>
      <source>Accounts only on the server (left as they are):</source>
      <translation>Nur auf dem Server vorhandene Konten (bleiben, wie sie sind):</translation>
    </message>
    <message>
      <source>Nothing is deleted. The accounts are written together when you press Restore, or not at all.</source>
      <translation>Nichts wird gelöscht. Die Konten werden zusammen geschrieben, wenn Sie auf Wiederherstellen drücken, oder gar nicht.</translation>
    </message>
    <message>
      <source>Nothing can be restored: the backup's {email} is held by another account on the server (addresses held by others: {count}). Change or remove that account first.</source>
      <translation>Nichts kann wiederhergestellt werden: {email} aus der Sicherung gehört auf dem Server einem anderen Konto (von anderen belegte Adressen: {count}). Ändern oder entfernen Sie zuerst dieses Konto.</translation>
    </message>
    <message>
      <source>There is nothing to restore: the server holds every account of the backup as it is.</source>
      <translation>Es gibt nichts wiederherzustellen: Der Server enthält jedes Konto der Sicherung genau so.</translation>
    </message>
    <message>
      <source>&amp;Restore</source>
      <translation>&amp;Wiederherstellen</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>This account has no password to check against.</source>
      <translation>Dieses Konto hat kein Passwort, gegen das geprüft werden könnte.</translation>
    </message>
    <message>
      <source>{what} is not valid text: it holds bytes that are not UTF-8. Nothing was changed.</source>
      <translation>{what} ist kein gültiger Text: Er enthält Bytes, die kein UTF-8 sind. Nichts wurde geändert.</translation>
    </message>
    <message>
      <source>No account was named: give an account id or an email address.</source>
      <translation>Kein Konto angegeben: Nennen Sie eine Konto-ID oder eine E-Mail-Adresse.</translation>
    </message>
    <message>
      <source>The first line of standard input is longer than {limit} bytes: it is not a password.</source>
      <translation>Die erste Zeile der Standardeingabe ist länger als {limit} Bytes: Das ist kein Passwort.</translation>
    </message>
    <message>
      <source>The stored password hash is damaged and cannot be checked.</source>
      <translation>Der gespeicherte Passwort-Hash ist beschädigt und kann nicht geprüft werden.</translation>
    </message>
    <message>
      <source>The stored password uses a hash format this app cannot check ({scheme}): only bcrypt and Argon2 hashes can be checked.</source>
      <translation>Das gespeicherte Passwort verwendet ein Hash-Format, das diese App nicht prüfen kann ({scheme}): Nur bcrypt- und Argon2-Hashes können geprüft werden.</translation>
    </message>
    <message>
      <source>No account {what} was found. It may have been deleted.</source>
      <translation>Kein Konto {what} gefunden. Es wurde vielleicht gelöscht.</translation>
    </message>
    <message>
      <source>with id {account_id}</source>
      <translation>mit der ID {account_id}</translation>
    </message>
    <message>
      <source>with the email {email}</source>
      <translation>mit der E-Mail {email}</translation>
    </message>
    <message>
      <source>An account with the email {email} already exists.</source>
      <translation>Ein Konto mit der E-Mail {email} existiert bereits.</translation>
    </message>
    <message>
      <source>The account {label} was deleted elsewhere since you opened it.</source>
      <translation>Das Konto {label} wurde an anderer Stelle gelöscht, seit Sie es geöffnet haben.</translation>
    </message>
    <message>
      <source>The account {label} was changed elsewhere since you opened it ({shown}). Your change was not saved: check the new values, then save again.</source>
      <translation>Das Konto {label} wurde an anderer Stelle geändert, seit Sie es geöffnet haben ({shown}). Ihre Änderung wurde nicht gespeichert: Prüfen Sie die neuen Werte und speichern Sie dann erneut.</translation>
    </message>
    <message>
      <source>be deleted</source>
      <translation>gelöscht werden</translation>
    </message>
    <message>
      <source>be disabled</source>
      <translation>deaktiviert werden</translation>
    </message>
    <message>
      <source>become a member</source>
      <translation>Mitglied werden</translation>
    </message>
    <message>
      <source>This is the last administrator: it cannot {change}, or nobody could manage the accounts any more. Make another account an administrator first.</source>
      <translation>Dies ist der letzte Administrator: Er kann nicht {change}, sonst könnte niemand mehr die Konten verwalten. Machen Sie zuerst ein anderes Konto zum Administrator.</translation>
    </message>
    <message>
      <source>{warning} Confirm to make it an administrator (homelog-admin: --confirm-mixed-script).</source>
      <translation>{warning} Bestätigen Sie, um es zum Administrator zu machen (homelog-admin: --confirm-mixed-script).</translation>
    </message>
    <message>
      <source>This database has an administrator now (set up elsewhere meanwhile): sign in as one, or ask one to make you an administrator.</source>
      <translation>Diese Datenbank hat jetzt einen Administrator (inzwischen an anderer Stelle eingerichtet): Melden Sie sich als einer an oder bitten Sie einen, Sie zum Administrator zu machen.</translation>
    </message>
    <message>
      <source>--actor {given}: {actor} is not an enabled administrator ({why}).</source>
      <translation>--actor {given}: {actor} ist kein aktivierter Administrator ({why}).</translation>
    </message>
    <message>
      <source>{actor} is no longer an enabled administrator here ({why}); nothing was changed.</source>
      <translation>{actor} ist hier kein aktivierter Administrator mehr ({why}); nichts wurde geändert.</translation>
    </message>
    <message>
      <source>The import was cancelled; nothing was written.</source>
      <translation>Der Import wurde abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
      <source>Another program added one of these accounts meanwhile; nothing was imported.</source>
      <translation>Ein anderes Programm hat inzwischen eines dieser Konten hinzugefügt; nichts wurde importiert.</translation>
    </message>
    <message>
      <source>{file} is open read-only: changes cannot be saved.</source>
      <translation>{file} ist schreibgeschützt geöffnet: Änderungen können nicht gespeichert werden.</translation>
    </message>
    <message>
      <source>{path} is locked by another program. Try again in a moment.</source>
      <translation>{path} ist von einem anderen Programm gesperrt. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
      <source>The disk is full: the backup copy and the work after it need {needed}, and {free} are free. Nothing was written.</source>
      <translation>Der Datenträger ist voll: Die Sicherungskopie und die Arbeit danach brauchen {needed}, frei sind {free}. Nichts wurde geschrieben.</translation>
    </message>
    <message>
      <source>The disk is full; the change was not saved.</source>
      <translation>Der Datenträger ist voll; die Änderung wurde nicht gespeichert.</translation>
    </message>
    <message>
      <source>The disk is full: {path} could not be written, and nothing was changed.</source>
      <translation>Der Datenträger ist voll: {path} konnte nicht geschrieben werden, und nichts wurde geändert.</translation>
    </message>
    <message>
      <source>{path} could not be read or written (a disk or file system error).</source>
      <translation>{path} konnte nicht gelesen oder geschrieben werden (ein Fehler des Datenträgers oder Dateisystems).</translation>
    </message>
    <message>
      <source>{path} is damaged or is not a HomeLog database.</source>
      <translation>{path} ist beschädigt oder keine HomeLog-Datenbank.</translation>
    </message>
    <message>
      <source>{path} is damaged ({why}).</source>
      <translation>{path} ist beschädigt ({why}).</translation>
    </message>
    <message>
      <source>{path} holds text that is not valid UTF-8 (written by another program), so it cannot be read here; repair it with the sqlite3 tool.</source>
      <translation>{path} enthält Text, der kein gültiges UTF-8 ist (von einem anderen Programm geschrieben), und kann daher hier nicht gelesen werden; reparieren Sie die Datei mit dem Werkzeug sqlite3.</translation>
    </message>
    <message>
      <source>{path} is not a HomeLog database ({why}).</source>
      <translation>{path} ist keine HomeLog-Datenbank ({why}).</translation>
    </message>
    <message>
      <source>{path} was written by a newer version of HomeLog Desktop (schema {revision}); update the app to restore it.</source>
      <translation>{path} wurde von einer neueren Version von HomeLog Desktop geschrieben (Schema {revision}); aktualisieren Sie die App, um sie wiederherzustellen.</translation>
    </message>
    <message>
      <source>{path} was written by a newer version of HomeLog Desktop (schema {revision}). Update the app to open it.</source>
      <translation>{path} wurde von einer neueren Version von HomeLog Desktop geschrieben (Schema {revision}). Aktualisieren Sie die App, um sie zu öffnen.</translation>
    </message>
    <message>
      <source>{file} was closed.</source>
      <translation>{file} wurde geschlossen.</translation>
    </message>
    <message>
      <source>{path} can be read by other users of this computer, password hashes included; run {command} to make it yours only.</source>
      <translation>{path} kann von anderen Benutzern dieses Computers gelesen werden, Passwort-Hashes eingeschlossen; führen Sie {command} aus, damit nur Sie sie lesen können.</translation>
    </message>
    <message>
      <source>its details were written to {log_file}</source>
      <translation>die Einzelheiten stehen in {log_file}</translation>
    </message>
    <message>
      <source>its details are in the log</source>
      <translation>die Einzelheiten stehen im Protokoll</translation>
    </message>
    <message>
      <source>An unexpected error happened ({kind}): this is a bug in HomeLog Desktop, not something you did; {where}.</source>
      <translation>Ein unerwarteter Fehler ist aufgetreten ({kind}): Das ist ein Fehler in HomeLog Desktop, nicht etwas, das Sie getan haben; {where}.</translation>
    </message>
    <message>
      <source>an operating system error</source>
      <translation>ein Fehler des Betriebssystems</translation>
    </message>
    <message>
      <source>The database server of {where} cannot be reached: check that it is running and that the host and port are right.</source>
      <translation>Der Datenbankserver von {where} ist nicht erreichbar: Prüfen Sie, ob er läuft und ob Host und Port stimmen.</translation>
    </message>
    <message>
      <source>The database server of {where} does not offer SSL, and the SSL mode asks for it: turn SSL on at the server, or choose an SSL mode that allows a connection without it.</source>
      <translation>Der Datenbankserver von {where} bietet kein SSL an, der SSL-Modus verlangt es aber: Schalten Sie SSL am Server ein, oder wählen Sie einen SSL-Modus, der eine Verbindung ohne SSL erlaubt.</translation>
    </message>
    <message>
      <source>No {where} is defined: check its name in pg_service.conf (or the file PGSERVICEFILE names).</source>
      <translation>{where} ist nicht definiert: Prüfen Sie den Namen in pg_service.conf (oder in der Datei, die PGSERVICEFILE nennt).</translation>
    </message>
    <message>
      <source>The server refused the sign-in to {where}: the user name or password is wrong, or this user may not connect from here.</source>
      <translation>Der Server hat die Anmeldung bei {where} abgelehnt: Benutzername oder Passwort sind falsch, oder dieser Benutzer darf sich von hier aus nicht verbinden.</translation>
    </message>
    <message>
      <source>The server has no database {where}: check its name.</source>
      <translation>Der Server hat keine Datenbank {where}: Prüfen Sie den Namen.</translation>
    </message>
    <message>
      <source>{where} is busy: another administrator or program holds what this change needs. Nothing was changed; try again in a moment.</source>
      <translation>{where} ist belegt: Ein anderer Administrator oder ein anderes Programm hält, was diese Änderung braucht. Es wurde nichts geändert; versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
      <source>{where} accepts no changes (a read-only server or session): nothing was changed.</source>
      <translation>{where} nimmt keine Änderungen an (ein schreibgeschützter Server oder eine schreibgeschützte Sitzung): Es wurde nichts geändert.</translation>
    </message>
    <message>
      <source>The user HomeLog Desktop connects to {where} as lacks a privilege this needs{missing}: nothing was changed. The database owner can grant it (see the README on privileges).</source>
      <translation>Dem Benutzer, als der HomeLog Desktop sich mit {where} verbindet, fehlt ein dafür nötiges Recht{missing}: Es wurde nichts geändert. Der Eigentümer der Datenbank kann es erteilen (siehe den Abschnitt über Rechte in der README).</translation>
    </message>
    <message>
      <source>The connection to {where} was lost; nothing half done was kept. Try again once the server is back.</source>
      <translation>Die Verbindung zu {where} ist abgebrochen; nichts halb Erledigtes wurde behalten. Versuchen Sie es erneut, sobald der Server wieder erreichbar ist.</translation>
    </message>
    <message>
      <source>The connection to {where} was lost while the change was being saved: it may or may not have been saved. It was not tried again; once the server is back, look at the accounts before doing it again.</source>
      <translation>Die Verbindung zu {where} ist abgebrochen, während die Änderung gespeichert wurde: Sie wurde vielleicht gespeichert, vielleicht nicht. Sie wurde nicht erneut versucht; sehen Sie sich die Konten an, sobald der Server wieder erreichbar ist, bevor Sie sie wiederholen.</translation>
    </message>
    <message>
      <source>A host is a name or an address, such as db.example.org or 192.168.1.10.</source>
      <translation>Ein Host ist ein Name oder eine Adresse, etwa db.example.org oder 192.168.1.10.</translation>
    </message>
  </context>
  <context>
    <name>Files</name>
    <message>
      <source>a read-only database cannot be created</source>
      <translation>eine schreibgeschützte Datenbank kann nicht angelegt werden</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist.</source>
      <translation>Der Ordner {folder} existiert nicht.</translation>
    </message>
    <message>
      <source>{path} does not exist.</source>
      <translation>{path} existiert nicht.</translation>
    </message>
    <message>
      <source>{path} does not exist, and {why}.</source>
      <translation>{path} existiert nicht, und {why}.</translation>
    </message>
    <message>
      <source>a folder</source>
      <translation>ein Ordner</translation>
    </message>
    <message>
      <source>{path} does not exist or is not a file.</source>
      <translation>{path} existiert nicht oder ist keine Datei.</translation>
    </message>
    <message>
      <source>{path} is {kind}, not a database file.</source>
      <translation>{path} ist {kind}, keine Datenbankdatei.</translation>
    </message>
    <message>
      <source>{path} is {kind}, not a regular file: nothing was written to it. Choose a file name.</source>
      <translation>{path} ist {kind}, keine gewöhnliche Datei: Es wurde nichts hineingeschrieben. Wählen Sie einen Dateinamen.</translation>
    </message>
    <message>
      <source>{path} is a symbolic link: nothing is written through a link. Choose the file itself or a new name.</source>
      <translation>{path} ist eine symbolische Verknüpfung: Durch eine Verknüpfung wird nie geschrieben. Wählen Sie die Datei selbst oder einen neuen Namen.</translation>
    </message>
    <message>
      <source>{path} belongs to another user: it was left as it is. Choose another name.</source>
      <translation>{path} gehört einem anderen Benutzer: Die Datei blieb, wie sie ist. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
      <source>{path} has other names (hard links): it was left as it is. Choose another name.</source>
      <translation>{path} hat weitere Namen (harte Verknüpfungen): Die Datei blieb, wie sie ist. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
      <source>{path} cannot be opened.</source>
      <translation>{path} kann nicht geöffnet werden.</translation>
    </message>
    <message>
      <source>{path} cannot be created: {reason}.</source>
      <translation>{path} kann nicht angelegt werden: {reason}.</translation>
    </message>
    <message>
      <source>{path} cannot be read: {reason}.</source>
      <translation>{path} kann nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
      <source>{path} cannot be written: {reason}.</source>
      <translation>{path} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
      <source>{path} already exists; a backup never overwrites a file. Choose another name.</source>
      <translation>{path} existiert bereits; eine Sicherung überschreibt nie eine Datei. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
      <source>{path} already exists; choose another name.</source>
      <translation>{path} existiert bereits; wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
      <source>{path} is in use by another program; close it and try again.</source>
      <translation>{path} wird von einem anderen Programm verwendet; schließen Sie es und versuchen Sie es erneut.</translation>
    </message>
    <message>
      <source>{wal} is left over from another database; move it away before restoring.</source>
      <translation>{wal} stammt noch von einer anderen Datenbank; verschieben Sie die Datei vor dem Wiederherstellen.</translation>
    </message>
    <message>
      <source>{path} is the database itself; choose a backup file to restore from.</source>
      <translation>{path} ist die Datenbank selbst; wählen Sie eine Sicherungsdatei zum Wiederherstellen.</translation>
    </message>
    <message>
      <source>a device</source>
      <translation>ein Gerät</translation>
    </message>
    <message>
      <source>a named pipe</source>
      <translation>eine benannte Pipe</translation>
    </message>
    <message>
      <source>a socket</source>
      <translation>ein Socket</translation>
    </message>
    <message>
      <source>a symbolic link</source>
      <translation>eine symbolische Verknüpfung</translation>
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
    <name>History</name>
    <message>
      <source>Account created</source>
      <translation>Konto angelegt</translation>
    </message>
    <message>
      <source>Account changed</source>
      <translation>Konto geändert</translation>
    </message>
    <message>
      <source>Account deleted</source>
      <translation>Konto gelöscht</translation>
    </message>
    <message>
      <source>Account restored</source>
      <translation>Konto wiederhergestellt</translation>
    </message>
    <message>
      <source>Account imported</source>
      <translation>Konto importiert</translation>
    </message>
    <message>
      <source>Password set</source>
      <translation>Passwort gesetzt</translation>
    </message>
    <message>
      <source>Password removed</source>
      <translation>Passwort entfernt</translation>
    </message>
    <message>
      <source>Password hash upgraded</source>
      <translation>Passwort-Hash erneuert</translation>
    </message>
    <message>
      <source>Must-change flag changed</source>
      <translation>Änderungspflicht geändert</translation>
    </message>
    <message>
      <source>Hash scheme changed</source>
      <translation>Hash-Verfahren geändert</translation>
    </message>
    <message>
      <source>Made administrator</source>
      <translation>Zum Administrator gemacht</translation>
    </message>
    <message>
      <source>Made member</source>
      <translation>Zum Mitglied gemacht</translation>
    </message>
    <message>
      <source>Role changed</source>
      <translation>Rolle geändert</translation>
    </message>
    <message>
      <source>Account disabled</source>
      <translation>Konto deaktiviert</translation>
    </message>
    <message>
      <source>Account enabled</source>
      <translation>Konto aktiviert</translation>
    </message>
    <message>
      <source>Locked after failed sign-ins</source>
      <translation>Nach Fehlversuchen gesperrt</translation>
    </message>
    <message>
      <source>Unlocked</source>
      <translation>Entsperrt</translation>
    </message>
    <message>
      <source>State of a deleted account removed</source>
      <translation>Zustand eines gelöschten Kontos entfernt</translation>
    </message>
    <message>
      <source>Signed in</source>
      <translation>Angemeldet</translation>
    </message>
    <message>
      <source>Sign-in failed</source>
      <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
      <source>Sign-in refused</source>
      <translation>Anmeldung verweigert</translation>
    </message>
    <message>
      <source>Password checked</source>
      <translation>Passwort geprüft</translation>
    </message>
    <message>
      <source>name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>failed sign-ins</source>
      <translation>fehlgeschlagene Anmeldungen</translation>
    </message>
    <message>
      <source>lock</source>
      <translation>Sperre</translation>
    </message>
    <message>
      <source>must change password</source>
      <translation>muss Passwort ändern</translation>
    </message>
    <message>
      <source>the password matched</source>
      <translation>das Passwort stimmte</translation>
    </message>
    <message>
      <source>the password did not match</source>
      <translation>das Passwort stimmte nicht</translation>
    </message>
    <message>
      <source>refused: the account is locked</source>
      <translation>verweigert: das Konto ist gesperrt</translation>
    </message>
    <message>
      <source>the stored hash cannot be checked</source>
      <translation>der gespeicherte Hash kann nicht geprüft werden</translation>
    </message>
    <message>
      <source>Sign-ins and password checks</source>
      <translation>Anmeldungen und Passwortprüfungen</translation>
    </message>
    <message>
      <source>Password changes</source>
      <translation>Passwortänderungen</translation>
    </message>
    <message>
      <source>Account changes</source>
      <translation>Kontoänderungen</translation>
    </message>
    <message>
      <source>Roles, disabling and locks</source>
      <translation>Rollen, Deaktivierungen und Sperren</translation>
    </message>
  </context>
  <context>
    <name>Import</name>
    <message>
      <source>1 row has an error; nothing was imported.</source>
      <translation>1 Zeile enthält einen Fehler; nichts wurde importiert.</translation>
    </message>
    <message>
      <source>{count} rows have errors; nothing was imported.</source>
      <translation>{count} Zeilen enthalten Fehler; nichts wurde importiert.</translation>
    </message>
    <message>
      <source>Dry run: {summary}; nothing was written.</source>
      <translation>Probelauf: {summary}; nichts wurde geschrieben.</translation>
    </message>
    <message>
      <source>Nothing to import: {summary}.</source>
      <translation>Nichts zu importieren: {summary}.</translation>
    </message>
    <message>
      <source>Imported: {created} created, {updated} updated, {skipped} skipped.</source>
      <translation>Importiert: {created} angelegt, {updated} geändert, {skipped} übersprungen.</translation>
    </message>
    <message>
      <source>{create} to create, {update} to update, {skip} skipped, 1 error</source>
      <translation>{create} anzulegen, {update} zu ändern, {skip} übersprungen, 1 Fehler</translation>
    </message>
    <message>
      <source>{create} to create, {update} to update, {skip} skipped, {errors} errors</source>
      <translation>{create} anzulegen, {update} zu ändern, {skip} übersprungen, {errors} Fehler</translation>
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
    <name>Messages</name>
    <message>
      <source>bcrypt (cost {cost})</source>
      <translation>bcrypt (Kosten {cost})</translation>
    </message>
    <message>
      <source>Argon2id</source>
      <translation>Argon2id</translation>
    </message>
    <message>
      <source>Delete {email}</source>
      <translation>{email} löschen</translation>
    </message>
    <message>
      <source>Creating {values}…</source>
      <translation>{values} wird angelegt…</translation>
    </message>
    <message>
      <source>Created {email}.</source>
      <translation>{email} angelegt.</translation>
    </message>
    <message>
      <source>Loading…</source>
      <translation>Wird geladen…</translation>
    </message>
    <message>
      <source>Saving {values}…</source>
      <translation>{values} wird gespeichert…</translation>
    </message>
    <message>
      <source>Saved {email}.</source>
      <translation>{email} gespeichert.</translation>
    </message>
    <message>
      <source>Checking the account…</source>
      <translation>Konto wird geprüft…</translation>
    </message>
    <message>
      <source>Looking for data that refers to the account…</source>
      <translation>Daten, die auf das Konto verweisen, werden gesucht…</translation>
    </message>
    <message>
      <source>Its password is deleted with it.</source>
      <translation>Sein Passwort wird mitgelöscht.</translation>
    </message>
    <message>
      <source>You can undo this (Ctrl+Z) until you close the window.</source>
      <translation>Sie können das rückgängig machen (Strg+Z), bis Sie das Fenster schließen.</translation>
    </message>
    <message>
      <source>Delete account</source>
      <translation>Konto löschen</translation>
    </message>
    <message>
      <source>Delete the account {account}?</source>
      <translation>Das Konto {account} löschen?</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>Löschen</translation>
    </message>
    <message>
      <source>Deleting {email}…</source>
      <translation>{email} wird gelöscht…</translation>
    </message>
    <message>
      <source>Deleted {email}. Ctrl+Z brings it back.</source>
      <translation>{email} gelöscht. Strg+Z holt es zurück.</translation>
    </message>
    <message>
      <source>Restoring {email}…</source>
      <translation>{email} wird wiederhergestellt…</translation>
    </message>
    <message>
      <source>Restored {email}.</source>
      <translation>{email} wiederhergestellt.</translation>
    </message>
    <message>
      <source>{action} {command}</source>
      <translation>{action}: {command}</translation>
    </message>
    <message>
      <source>New database</source>
      <translation>Neue Datenbank</translation>
    </message>
    <message>
      <source>Open database</source>
      <translation>Datenbank öffnen</translation>
    </message>
    <message>
      <source>{path} already exists. Use Open database to open it.</source>
      <translation>{path} existiert bereits. Öffnen Sie sie mit „Datenbank öffnen“.</translation>
    </message>
    <message>
      <source>Reading the settings…</source>
      <translation>Einstellungen werden gelesen…</translation>
    </message>
    <message>
      <source>Saving the settings…</source>
      <translation>Einstellungen werden gespeichert…</translation>
    </message>
    <message>
      <source>New passwords are now hashed with {hash_scheme_name}.</source>
      <translation>Neue Passwörter werden jetzt mit {hash_scheme_name} gehasht.</translation>
    </message>
    <message>
      <source>Hashing the password of {email}…</source>
      <translation>Passwort von {email} wird gehasht…</translation>
    </message>
    <message>
      <source>Password set for {email}.</source>
      <translation>Passwort für {email} gesetzt.</translation>
    </message>
    <message>
      <source>Remove password</source>
      <translation>Passwort entfernen</translation>
    </message>
    <message>
      <source>Remove the password of {account}?</source>
      <translation>Das Passwort von {account} entfernen?</translation>
    </message>
    <message>
      <source>The account stays, but cannot sign in with a password until a new one is set.</source>
      <translation>Das Konto bleibt bestehen, kann sich aber erst wieder mit einem Passwort anmelden, wenn ein neues gesetzt ist.</translation>
    </message>
    <message>
      <source>Removing the password of {email}…</source>
      <translation>Passwort von {email} wird entfernt…</translation>
    </message>
    <message>
      <source>Password removed from {email}.</source>
      <translation>Passwort von {email} entfernt.</translation>
    </message>
    <message>
      <source>Checking the password of {email}…</source>
      <translation>Passwort von {email} wird geprüft…</translation>
    </message>
    <message>
      <source>Signed out: {text}</source>
      <translation>Abgemeldet: {text}</translation>
    </message>
    <message>
      <source>Opening {file}…</source>
      <translation>{file} wird geöffnet…</translation>
    </message>
    <message>
      <source>Connecting to {server}…</source>
      <translation>Verbindung zu {server} wird hergestellt…</translation>
    </message>
    <message>
      <source>Not signed in: {file} was not opened.</source>
      <translation>Nicht angemeldet: {file} wurde nicht geöffnet.</translation>
    </message>
    <message>
      <source>Waiting for a sign-in to {file}…</source>
      <translation>Warten auf eine Anmeldung bei {file}…</translation>
    </message>
    <message>
      <source> The file as it was is kept as {name}.</source>
      <translation> Die Datei im vorherigen Zustand bleibt als {name} erhalten.</translation>
    </message>
    <message>
      <source>The database was upgraded; the file as it was is kept as {name}.</source>
      <translation>Die Datenbank wurde aktualisiert; die Datei im vorherigen Zustand bleibt als {name} erhalten.</translation>
    </message>
    <message>
      <source>{file} cannot be written: it is open read-only.</source>
      <translation>{file} kann nicht geschrieben werden: Sie ist schreibgeschützt geöffnet.</translation>
    </message>
    <message>
      <source>Signed out.</source>
      <translation>Abgemeldet.</translation>
    </message>
    <message>
      <source>Signed out: {email} is no longer an enabled administrator here ({problem}).</source>
      <translation>Abgemeldet: {email} ist hier kein aktivierter Administrator mehr ({problem}).</translation>
    </message>
    <message>
      <source>Make member</source>
      <translation>Zum Mitglied machen</translation>
    </message>
    <message>
      <source>Make your own account a member?</source>
      <translation>Das eigene Konto zum Mitglied machen?</translation>
    </message>
    <message>
      <source>You are signed out at once (only administrators manage the accounts), and cannot sign in here again unless another administrator makes you one.</source>
      <translation>Sie werden sofort abgemeldet (nur Administratoren verwalten die Konten) und können sich hier erst wieder anmelden, wenn ein anderer Administrator Sie dazu macht.</translation>
    </message>
    <message>
      <source>Disable</source>
      <translation>Deaktivieren</translation>
    </message>
    <message>
      <source>Disable accounts</source>
      <translation>Konten deaktivieren</translation>
    </message>
    <message>
      <source>They cannot sign in until enabled again; they keep their passwords.</source>
      <translation>Sie können sich erst nach erneuter Aktivierung anmelden; ihre Passwörter behalten sie.</translation>
    </message>
    <message>
      <source>Disabled {count}.</source>
      <translation>{count} deaktiviert.</translation>
    </message>
    <message>
      <source>Enable accounts</source>
      <translation>Konten aktivieren</translation>
    </message>
    <message>
      <source>Enable</source>
      <translation>Aktivieren</translation>
    </message>
    <message>
      <source>They can sign in again.</source>
      <translation>Sie können sich wieder anmelden.</translation>
    </message>
    <message>
      <source>Enabled {count}.</source>
      <translation>{count} aktiviert.</translation>
    </message>
    <message>
      <source>Unlock accounts</source>
      <translation>Konten entsperren</translation>
    </message>
    <message>
      <source>Unlock</source>
      <translation>Entsperren</translation>
    </message>
    <message>
      <source>Their locks end and their failed sign-ins are forgotten.</source>
      <translation>Ihre Sperren enden und ihre fehlgeschlagenen Anmeldungen werden vergessen.</translation>
    </message>
    <message>
      <source>Unlocked {count}.</source>
      <translation>{count} entsperrt.</translation>
    </message>
    <message>
      <source>Require a new password</source>
      <translation>Neues Passwort verlangen</translation>
    </message>
    <message>
      <source>Require</source>
      <translation>Verlangen</translation>
    </message>
    <message>
      <source>Each must choose a new password at its next sign-in.</source>
      <translation>Jedes muss bei seiner nächsten Anmeldung ein neues Passwort wählen.</translation>
    </message>
    <message>
      <source>{count} must choose a new password at their next sign-in.</source>
      <translation>{count}: bei der nächsten Anmeldung muss ein neues Passwort gewählt werden.</translation>
    </message>
    <message>
      <source>Make members</source>
      <translation>Zu Mitgliedern machen</translation>
    </message>
    <message>
      <source>Administrators among them can no longer manage the accounts.</source>
      <translation>Administratoren darunter können die Konten nicht mehr verwalten.</translation>
    </message>
    <message>
      <source>Made {count} members.</source>
      <translation>{count} zu Mitgliedern gemacht.</translation>
    </message>
    <message>
      <source>Delete accounts</source>
      <translation>Konten löschen</translation>
    </message>
    <message>
      <source>Their passwords are deleted with them; home-log's data that refers to them stays, without the reference. You can undo this (Ctrl+Z) until you close the window.</source>
      <translation>Ihre Passwörter werden mitgelöscht; Daten von home-log, die auf sie verweisen, bleiben ohne den Verweis erhalten. Sie können das rückgängig machen (Strg+Z), bis Sie das Fenster schließen.</translation>
    </message>
    <message>
      <source>Deleted {count}. Ctrl+Z brings them back.</source>
      <translation>{count} gelöscht. Strg+Z holt sie zurück.</translation>
    </message>
    <message>
      <source>Your own account is among them: you are signed out at once.</source>
      <translation>Ihr eigenes Konto ist darunter: Sie werden sofort abgemeldet.</translation>
    </message>
    <message numerus="yes">
      <source>%Ln account(s)</source>
      <translation>
        <numerusform>%Ln Konto</numerusform>
        <numerusform>%Ln Konten</numerusform>
      </translation>
    </message>
    <message>
      <source>Delete {accounts}</source>
      <translation>{accounts} löschen</translation>
    </message>
    <message>
      <source>Checking the selected accounts…</source>
      <translation>Ausgewählte Konten werden geprüft…</translation>
    </message>
    <message>
      <source>Reading the selected accounts…</source>
      <translation>Ausgewählte Konten werden gelesen…</translation>
    </message>
    <message>
      <source>{verb} {accounts}…</source>
      <translation>{verb}: {accounts}…</translation>
    </message>
    <message>
      <source>Requiring a new password of {accounts}…</source>
      <translation>Neues Passwort wird von {accounts} verlangt…</translation>
    </message>
    <message numerus="yes">
      <source> (%Ln already (was/were).)</source>
      <translation>
        <numerusform> (bei %Ln schon so.)</numerusform>
        <numerusform> (bei %Ln schon so.)</numerusform>
      </translation>
    </message>
    <message>
      <source>Reading the {accounts} selected…</source>
      <translation>Die {accounts} ausgewählten werden gelesen…</translation>
    </message>
    <message>
      <source>Cancelled: nothing was changed.</source>
      <translation>Abgebrochen: Nichts wurde geändert.</translation>
    </message>
    <message>
      <source>Restoring {accounts}…</source>
      <translation>{accounts} werden wiederhergestellt…</translation>
    </message>
    <message>
      <source>Restored {accounts}.</source>
      <translation>{accounts} wiederhergestellt.</translation>
    </message>
    <message>
      <source>Deleting {accounts}…</source>
      <translation>{accounts} werden gelöscht…</translation>
    </message>
    <message>
      <source>Disable your own account?</source>
      <translation>Das eigene Konto deaktivieren?</translation>
    </message>
    <message>
      <source>You are signed out at once, and cannot sign in again until another administrator enables it.</source>
      <translation>Sie werden sofort abgemeldet und können sich erst wieder anmelden, wenn ein anderer Administrator das Konto aktiviert.</translation>
    </message>
    <message>
      <source>This is the last administrator: it cannot {verb}, or nobody could manage the accounts any more. Make another account an administrator first.</source>
      <translation>Dies ist der letzte Administrator: Er kann nicht {verb}, sonst könnte niemand mehr die Konten verwalten. Machen Sie zuerst ein anderes Konto zum Administrator.</translation>
    </message>
    <message>
      <source>an administrator</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>a member</source>
      <translation>Mitglied</translation>
    </message>
    <message>
      <source>Make administrator</source>
      <translation>Zum Administrator machen</translation>
    </message>
    <message>
      <source>Make this account an administrator only if you know it is the one you mean.</source>
      <translation>Machen Sie dieses Konto nur dann zum Administrator, wenn Sie sicher sind, dass es das gemeinte ist.</translation>
    </message>
    <message>
      <source>Making {email} </source>
      <translation>{email} wird </translation>
    </message>
    <message>
      <source>{email} is now </source>
      <translation>{email} ist jetzt </translation>
    </message>
    <message>
      <source>become a member</source>
      <translation>Mitglied werden</translation>
    </message>
    <message>
      <source>Disabling {email}…</source>
      <translation>{email} wird deaktiviert…</translation>
    </message>
    <message>
      <source>{email} is disabled: it cannot sign in.</source>
      <translation>{email} ist deaktiviert: Das Konto kann sich nicht anmelden.</translation>
    </message>
    <message>
      <source>be disabled</source>
      <translation>deaktiviert werden</translation>
    </message>
    <message>
      <source>Enabling {email}…</source>
      <translation>{email} wird aktiviert…</translation>
    </message>
    <message>
      <source>{email} is enabled: it can sign in again.</source>
      <translation>{email} ist aktiviert: Das Konto kann sich wieder anmelden.</translation>
    </message>
    <message>
      <source>Unlocking {email}…</source>
      <translation>{email} wird entsperrt…</translation>
    </message>
    <message>
      <source>{email} is unlocked.</source>
      <translation>{email} ist entsperrt.</translation>
    </message>
    <message>
      <source>This account is not an administrator. Only administrators can manage the accounts; ask one to make you an administrator.</source>
      <translation>Dieses Konto ist kein Administrator. Nur Administratoren können die Konten verwalten; bitten Sie einen, Sie zum Administrator zu machen.</translation>
    </message>
    <message>
      <source>{file} has no administrator; it is open read-only, so one cannot be set up now.</source>
      <translation>{file} hat keinen Administrator; die Datei ist schreibgeschützt geöffnet, daher kann jetzt keiner eingerichtet werden.</translation>
    </message>
    <message>
      <source>{email} is now an administrator, and signed in.</source>
      <translation>{email} ist jetzt Administrator und angemeldet.</translation>
    </message>
    <message>
      <source>ID</source>
      <translation>ID</translation>
    </message>
    <message>
      <source>email</source>
      <translation>E-Mail</translation>
    </message>
    <message>
      <source>name</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>password</source>
      <translation>Passwort</translation>
    </message>
    <message>
      <source>created</source>
      <translation>Anlegedatum</translation>
    </message>
    <message>
      <source>updated</source>
      <translation>Änderungsdatum</translation>
    </message>
    <message>
      <source>Import cancelled; nothing was written.</source>
      <translation>Import abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
      <source> matching “{search}”</source>
      <translation>, die zu „{search}“ passen</translation>
    </message>
    <message>
      <source>sorted by {column} (descending)</source>
      <translation>sortiert nach {column} (absteigend)</translation>
    </message>
    <message>
      <source>sorted by {column}</source>
      <translation>sortiert nach {column}</translation>
    </message>
    <message numerus="yes">
      <source>the %Ln selected account(s)</source>
      <translation>
        <numerusform>das %Ln ausgewählte Konto</numerusform>
        <numerusform>die %Ln ausgewählten Konten</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>the %Ln account(s)</source>
      <translation>
        <numerusform>das %Ln Konto</numerusform>
        <numerusform>die %Ln Konten</numerusform>
      </translation>
    </message>
    <message>
      <source>Exports {accounts}{search}, {order}, as shown.</source>
      <translation>Exportiert {accounts}{search}, {order}, wie angezeigt.</translation>
    </message>
    <message>
      <source>Wait until the current operation has finished, then try again.</source>
      <translation>Warten Sie, bis der laufende Vorgang beendet ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
      <source>Back up the database</source>
      <translation>Datenbank sichern</translation>
    </message>
    <message>
      <source>Backing up to {name}…</source>
      <translation>Sicherung nach {name}…</translation>
    </message>
    <message>
      <source>Backed up {file} to {written}.</source>
      <translation>{file} nach {written} gesichert.</translation>
    </message>
    <message>
      <source>Restore from a backup</source>
      <translation>Aus einer Sicherung wiederherstellen</translation>
    </message>
    <message>
      <source>Checking {name}…</source>
      <translation>{name} wird geprüft…</translation>
    </message>
    <message>
      <source>Replace every account in {name} with those in {source}?</source>
      <translation>Alle Konten in {name} durch die in {source} ersetzen?</translation>
    </message>
    <message>
      <source>{name} holds {description}. The database as it is now is kept next to it as {stem}.before-restore-….db.</source>
      <translation>{name} enthält {description}. Die Datenbank im jetzigen Zustand bleibt daneben als {stem}.before-restore-….db erhalten.</translation>
    </message>
    <message>
      <source>Restore</source>
      <translation>Wiederherstellen</translation>
    </message>
    <message>
      <source>Restoring from {name}…</source>
      <translation>Wiederherstellung aus {name}…</translation>
    </message>
    <message>
      <source>{failure} The database was not replaced.</source>
      <translation>{failure} Die Datenbank wurde nicht ersetzt.</translation>
    </message>
    <message>
      <source> The replaced database was kept as {name}.</source>
      <translation> Die ersetzte Datenbank bleibt als {name} erhalten.</translation>
    </message>
    <message>
      <source>Restored {name} from {name2} ({description}).{kept}</source>
      <translation>{name} aus {name2} wiederhergestellt ({description}).{kept}</translation>
    </message>
    <message>
      <source>Exporting to {name}…</source>
      <translation>Export nach {name}…</translation>
    </message>
    <message>
      <source>Export cancelled; no file was written.</source>
      <translation>Export abgebrochen; keine Datei wurde geschrieben.</translation>
    </message>
    <message numerus="yes">
      <source>Exported %Ln account(s) to {target}.</source>
      <translation>
        <numerusform>%Ln Konto nach {target} exportiert.</numerusform>
        <numerusform>%Ln Konten nach {target} exportiert.</numerusform>
      </translation>
    </message>
    <message>
      <source>Export accounts</source>
      <translation>Konten exportieren</translation>
    </message>
    <message>
      <source>{name} already exists. Replace it?</source>
      <translation>{name} existiert bereits. Ersetzen?</translation>
    </message>
    <message>
      <source>Its content is replaced once the export is complete.</source>
      <translation>Ihr Inhalt wird ersetzt, sobald der Export abgeschlossen ist.</translation>
    </message>
    <message>
      <source>Replace</source>
      <translation>Ersetzen</translation>
    </message>
    <message>
      <source>Import accounts</source>
      <translation>Konten importieren</translation>
    </message>
    <message>
      <source>Reading {name}…</source>
      <translation>{name} wird gelesen…</translation>
    </message>
    <message>
      <source>The database changed meanwhile; nothing was imported.</source>
      <translation>Die Datenbank hat sich inzwischen geändert; nichts wurde importiert.</translation>
    </message>
    <message>
      <source>Importing {name}…</source>
      <translation>{name} wird importiert…</translation>
    </message>
    <message>
      <source> The database before the import was kept as {name}.</source>
      <translation> Die Datenbank vor dem Import bleibt als {name} erhalten.</translation>
    </message>
    <message>
      <source>{first}; {then}</source>
      <translation>{first}; {then}</translation>
    </message>
    <message>
      <source>This system has no keyring to keep passwords in, so the password is asked for each time (or keep it in ~/.pgpass).</source>
      <translation>Dieses System hat keinen Schlüsselbund für Passwörter; das Passwort wird daher jedes Mal abgefragt (oder legen Sie es in ~/.pgpass ab).</translation>
    </message>
    <message>
      <source>Connection to {server} lost; reconnecting…</source>
      <translation>Verbindung zu {server} unterbrochen; neuer Verbindungsversuch…</translation>
    </message>
    <message>
      <source>Connection to {server} is back.</source>
      <translation>Verbindung zu {server} wiederhergestellt.</translation>
    </message>
    <message>
      <source>No recent databases</source>
      <translation>Keine zuletzt verwendeten Datenbanken</translation>
    </message>
    <message>
      <source>Restore cancelled; nothing was written.</source>
      <translation>Wiederherstellung abgebrochen; nichts wurde geschrieben.</translation>
    </message>
    <message>
      <source>The database changed meanwhile; nothing was restored.</source>
      <translation>Die Datenbank hat sich inzwischen geändert; nichts wurde wiederhergestellt.</translation>
    </message>
    <message>
      <source>Restoring {name} into {location}…</source>
      <translation>{name} wird in {location} wiederhergestellt…</translation>
    </message>
    <message>
      <source>Restored {name} into {location}: {added} added, {updated} updated, {unchanged} left alone.</source>
      <translation>{name} in {location} wiederhergestellt: {added} hinzugefügt, {updated} aktualisiert, {unchanged} unverändert.</translation>
    </message>
  </context>
  <context>
    <name>OutsideChanges</name>
    <message>
      <source>{email}: {differences}</source>
      <translation>{email}: {differences}</translation>
    </message>
    <message>
      <source>is {role}, the trail says {said}</source>
      <translation>ist {role}, laut Protokoll {said}</translation>
    </message>
    <message>
      <source>is disabled, the trail says enabled</source>
      <translation>ist deaktiviert, laut Protokoll aktiviert</translation>
    </message>
    <message>
      <source>is enabled, the trail says disabled</source>
      <translation>ist aktiviert, laut Protokoll deaktiviert</translation>
    </message>
    <message>
      <source>is locked until {until}, the trail shows no lock</source>
      <translation>ist gesperrt bis {until}, das Protokoll zeigt keine Sperre</translation>
    </message>
    <message>
      <source>is locked until {until}, longer than the lock the trail shows</source>
      <translation>ist gesperrt bis {until}, länger als die Sperre im Protokoll</translation>
    </message>
    <message>
      <source>an administrator</source>
      <translation>Administrator</translation>
    </message>
    <message>
      <source>a member</source>
      <translation>Mitglied</translation>
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
    <message>
      <source>Add another word or two. Uncommon words are better.</source>
      <translation>Fügen Sie ein oder zwei Wörter hinzu. Ungewöhnliche Wörter sind besser.</translation>
    </message>
    <message>
      <source>Capitalization doesn't help very much.</source>
      <translation>Großschreibung hilft nicht viel.</translation>
    </message>
    <message>
      <source>Reversed words aren't much harder to guess.</source>
      <translation>Rückwärts geschriebene Wörter sind kaum schwerer zu erraten.</translation>
    </message>
    <message>
      <source>Predictable substitutions like '@' instead of 'a' don't help very much.</source>
      <translation>Vorhersehbare Ersetzungen wie „@“ statt „a“ helfen nicht viel.</translation>
    </message>
    <message>
      <source>Use a few words, avoid common phrases.</source>
      <translation>Verwenden Sie mehrere Wörter, aber keine gängigen Redewendungen.</translation>
    </message>
    <message>
      <source>No need for symbols, digits, or uppercase letters.</source>
      <translation>Sonderzeichen, Ziffern oder Großbuchstaben sind nicht nötig.</translation>
    </message>
    <message>
      <source>Straight rows of keys are easy to guess.</source>
      <translation>Gerade Tastenreihen sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>Short keyboard patterns are easy to guess.</source>
      <translation>Kurze Tastaturmuster sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>This is a top-10 common password.</source>
      <translation>Das ist eines der 10 häufigsten Passwörter.</translation>
    </message>
    <message>
      <source>This is similar to a commonly used password.</source>
      <translation>Das ähnelt einem häufig verwendeten Passwort.</translation>
    </message>
    <message>
      <source>A word by itself is easy to guess.</source>
      <translation>Ein einzelnes Wort ist leicht zu erraten.</translation>
    </message>
    <message>
      <source>All-uppercase is almost as easy to guess as all-lowercase.</source>
      <translation>Nur Großbuchstaben sind fast so leicht zu erraten wie nur Kleinbuchstaben.</translation>
    </message>
    <message>
      <source>Use a longer keyboard pattern with more turns.</source>
      <translation>Verwenden Sie ein längeres Tastaturmuster mit mehr Richtungswechseln.</translation>
    </message>
    <message>
      <source>Repeats like "aaa" are easy to guess.</source>
      <translation>Wiederholungen wie „aaa“ sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>Repeats like "abcabcabc" are only slightly harder to guess than "abc".</source>
      <translation>Wiederholungen wie „abcabcabc“ sind kaum schwerer zu erraten als „abc“.</translation>
    </message>
    <message>
      <source>This is a top-100 common password.</source>
      <translation>Das ist eines der 100 häufigsten Passwörter.</translation>
    </message>
    <message>
      <source>This is a very common password.</source>
      <translation>Das ist ein sehr häufiges Passwort.</translation>
    </message>
    <message>
      <source>Names and surnames by themselves are easy to guess.</source>
      <translation>Vor- und Nachnamen allein sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>Common names and surnames are easy to guess.</source>
      <translation>Häufige Vor- und Nachnamen sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>Avoid repeated words and characters.</source>
      <translation>Vermeiden Sie wiederholte Wörter und Zeichen.</translation>
    </message>
    <message>
      <source>Sequences like "abc" or "6543" are easy to guess.</source>
      <translation>Folgen wie „abc“ oder „6543“ sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>Avoid sequences.</source>
      <translation>Vermeiden Sie Folgen.</translation>
    </message>
    <message>
      <source>Recent years are easy to guess.</source>
      <translation>Jahreszahlen der letzten Zeit sind leicht zu erraten.</translation>
    </message>
    <message>
      <source>Dates are often easy to guess.</source>
      <translation>Datumsangaben sind oft leicht zu erraten.</translation>
    </message>
    <message>
      <source>Avoid recent years.</source>
      <translation>Vermeiden Sie Jahreszahlen der letzten Zeit.</translation>
    </message>
    <message>
      <source>Avoid years that are associated with you.</source>
      <translation>Vermeiden Sie Jahreszahlen, die mit Ihnen zu tun haben.</translation>
    </message>
    <message>
      <source>Avoid dates and years that are associated with you.</source>
      <translation>Vermeiden Sie Datumsangaben und Jahreszahlen, die mit Ihnen zu tun haben.</translation>
    </message>
    <message>
      <source>less than a second</source>
      <translation>weniger als eine Sekunde</translation>
    </message>
    <message>
      <source>centuries</source>
      <translation>Jahrhunderte</translation>
    </message>
    <message numerus="yes">
      <source>%n second(s)</source>
      <translation>
        <numerusform>%n Sekunde</numerusform>
        <numerusform>%n Sekunden</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n minute(s)</source>
      <translation>
        <numerusform>%n Minute</numerusform>
        <numerusform>%n Minuten</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n hour(s)</source>
      <translation>
        <numerusform>%n Stunde</numerusform>
        <numerusform>%n Stunden</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n Tag</numerusform>
        <numerusform>%n Tage</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n month(s)</source>
      <translation>
        <numerusform>%n Monat</numerusform>
        <numerusform>%n Monate</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n year(s)</source>
      <translation>
        <numerusform>%n Jahr</numerusform>
        <numerusform>%n Jahre</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>Readiness</name>
    <message>
      <source>password without an account (orphan)</source>
      <translation>Passwort ohne Konto (verwaist)</translation>
    </message>
    <message>
      <source>no password</source>
      <translation>kein Passwort</translation>
    </message>
    <message>
      <source>hash format unknown</source>
      <translation>Hash-Format unbekannt</translation>
    </message>
    <message>
      <source>hash unreadable</source>
      <translation>Hash unlesbar</translation>
    </message>
    <message>
      <source>hash needs an upgrade (done at its next sign-in)</source>
      <translation>Hash braucht eine Erneuerung (bei der nächsten Anmeldung)</translation>
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
      <source>{name} is not a time: “{text}” (stored by another program)</source>
      <translation>{name} ist keine Zeitangabe: „{text}“ (von einem anderen Programm gespeichert)</translation>
    </message>
    <message>
      <source>changed outside this app: {difference}</source>
      <translation>außerhalb dieser App geändert: {difference}</translation>
    </message>
  </context>
  <context>
    <name>Schema</name>
    <message>
      <source>Repaired what another program removed from the database: {done}.</source>
      <translation>Repariert, was ein anderes Programm aus der Datenbank entfernt hatte: {done}.</translation>
    </message>
    <message>
      <source>1 table of ours re-created ({names})</source>
      <translation>1 eigene Tabelle neu angelegt ({names})</translation>
    </message>
    <message>
      <source>{count} tables of ours re-created ({names})</source>
      <translation>{count} eigene Tabellen neu angelegt ({names})</translation>
    </message>
    <message>
      <source>1 index or trigger re-created</source>
      <translation>1 Index oder Trigger neu angelegt</translation>
    </message>
    <message>
      <source>{count} indexes and triggers re-created</source>
      <translation>{count} Indizes und Trigger neu angelegt</translation>
    </message>
    <message>
      <source>the search index rebuilt</source>
      <translation>Suchindex neu aufgebaut</translation>
    </message>
    <message>
      <source>the email keys of 1 account computed</source>
      <translation>E-Mail-Schlüssel von 1 Konto berechnet</translation>
    </message>
    <message>
      <source>the email keys of {count} accounts computed</source>
      <translation>E-Mail-Schlüssel von {count} Konten berechnet</translation>
    </message>
    <message>
      <source>the state of 1 deleted account removed</source>
      <translation>Zustand von 1 gelöschten Konto entfernt</translation>
    </message>
    <message>
      <source>the state of {count} deleted accounts removed</source>
      <translation>Zustand von {count} gelöschten Konten entfernt</translation>
    </message>
    <message>
      <source>{where} is open read-only: objects of HomeLog Desktop on home-log's tables are missing ({missing}; home-log re-created its tables), and only the owner of those tables may make them again. The owner can run homelog-admin migrate to repair it.</source>
      <translation>{where} ist schreibgeschützt geöffnet: Objekte von HomeLog Desktop an den Tabellen von home-log fehlen ({missing}; home-log hat seine Tabellen neu angelegt), und nur der Eigentümer dieser Tabellen darf sie wieder anlegen. Der Eigentümer kann sie mit homelog-admin migrate reparieren.</translation>
    </message>
    <message>
      <source>Indexes or triggers of HomeLog Desktop on home-log's tables are missing on {where} ({missing}; home-log re-created its tables): lists and searches are slower, and changes made elsewhere show later. The owner of those tables can run homelog-admin migrate to make them again.</source>
      <translation>Indizes oder Trigger von HomeLog Desktop an den Tabellen von home-log fehlen auf {where} ({missing}; home-log hat seine Tabellen neu angelegt): Listen und Suchen sind langsamer, und Änderungen von anderer Stelle erscheinen später. Der Eigentümer dieser Tabellen kann sie mit homelog-admin migrate wieder anlegen.</translation>
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
    <message>
      <source>Wrong email or password. After 5 wrong passwords in a row, signing in with that email is refused for a while, even with the right password.</source>
      <translation>Falsche E-Mail oder falsches Passwort. Nach 5 falschen Passwörtern in Folge wird die Anmeldung mit dieser E-Mail eine Zeit lang verweigert, selbst mit dem richtigen Passwort.</translation>
    </message>
    <message>
      <source>This account is disabled; an administrator can enable it.</source>
      <translation>Dieses Konto ist deaktiviert; ein Administrator kann es aktivieren.</translation>
    </message>
    <message>
      <source>The password does not match.</source>
      <translation>Das Passwort stimmt nicht.</translation>
    </message>
    <message>
      <source>This account is locked after too many failed sign-ins, until {time} (local time). Try again then, or ask an administrator to unlock it.</source>
      <translation>Dieses Konto ist nach zu vielen fehlgeschlagenen Anmeldungen gesperrt bis {time} (Ortszeit). Versuchen Sie es dann erneut oder bitten Sie einen Administrator, es zu entsperren.</translation>
    </message>
    <message>
      <source>The password does not match. After {count} failures in a row the account is locked until {time} (local time).</source>
      <translation>Das Passwort stimmt nicht. Nach {count} Fehlversuchen in Folge ist das Konto gesperrt bis {time} (Ortszeit).</translation>
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